package org.kyodaku.core.model;

/** What kind of creative work a registration describes. */
public enum WorkKind implements Labelled {
  IMAGE,
  VIDEO,
  TEXT,
  AUDIO,
  /** A character (for example a game creature) known through many reference assets. */
  CHARACTER;

  public static WorkKind parse(String field, String label) {
    return Labelled.parse(WorkKind.class, field, "work kind", label);
  }

  @Override
  public String toString() {
    return label();
  }
}
