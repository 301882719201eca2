package org.kyodaku.core.decision;

import org.kyodaku.core.model.Labelled;

/** The answer of a decision. */
public enum Verdict implements Labelled {
  ALLOW,
  DENY;

  @Override
  public String toString() {
    return label();
  }
}
