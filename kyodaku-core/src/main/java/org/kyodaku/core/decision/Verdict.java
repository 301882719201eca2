package org.kyodaku.core.decision;

import org.kyodaku.core.model.Labelled;

/** The answer of a decision. */
public enum Verdict implements Labelled {
  ALLOW("allow"),
  DENY("deny");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
