package org.kyodaku.core.decision;

import org.kyodaku.core.model.Labelled;

/** Why a decision came out as it did (DESIGN.md, "Decision"). */
public enum Basis implements Labelled {
  /** Allowed: a grant covers it. */
  GRANT,
  /** Denied: the content is registered and nobody authorised this use. */
  NO_GRANT,
  /** Denied: the content matches no registered work; under opt-in that is not cleared. */
  UNREGISTERED,
  /** Denied: different rights holders claim the same content, until the claims are resolved. */
  DISPUTED,
  /** Denied: an external machine-readable signal reserves the use (signals issue). */
  RESERVATION,
  /**
   * Denied: the content only resembles registered works (a perceptual match, not the registered
   * file), and even though grants cover them, a grant clears registered files and exact copies,
   * never look-alikes, so that a chance resemblance can never clear someone else's content.
   */
  NEAR_MATCH;

  @Override
  public String toString() {
    return label();
  }
}
