package org.kyodaku.core.decision;

import org.kyodaku.core.model.Labelled;

/**
 * The policy under which a decision is made; named in every decision so that an answer is never
 * read under the wrong one. Only opt-in exists so far; the opt-out-compatible profiles (EU TDM
 * reservation, US) arrive with the signals issue.
 */
public enum PolicyProfile implements Labelled {
  /** Nothing is allowed without an explicit grant: what Japan asked of AI developers in 2025. */
  OPT_IN;

  @Override
  public String toString() {
    return label();
  }
}
