package org.kyodaku.core.model;

/** What kind of creative work a registration describes. */
public enum WorkKind implements Labelled {
  IMAGE("image"),
  VIDEO("video"),
  TEXT("text"),
  AUDIO("audio"),
  /** A character (for example a game creature) known through many reference assets. */
  CHARACTER("character");

  private final String label;

  WorkKind(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }

  public static WorkKind parse(String field, String label) {
    return Labelled.parse(WorkKind.class, field, "work kind", label);
  }

  @Override
  public String toString() {
    return label;
  }
}
