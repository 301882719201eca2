package org.kyodaku.signals;

import org.kyodaku.core.model.Labelled;

/** Why a {@link Clearance} came out as it did. */
public enum Ground implements Labelled {
  /** Allowed: the registry holds a grant covering the caller; decisive whatever signals say. */
  GRANT,
  /**
   * Denied: the registry knows a rights holder (registered or near-matching content) and nobody
   * authorised this use; origin signals cannot change that.
   */
  NO_GRANT,
  /** Denied: competing claims in the registry. */
  DISPUTED,
  /** Denied: a signal reserves the use. */
  RESERVATION,
  /** Allowed: no rights holder is registered and the origin's signals allow the use. */
  ORIGIN_ALLOWED,
  /** Denied: unregistered and no signal allows it; under opt-in that is not licensed. */
  UNREGISTERED;

  @Override
  public String toString() {
    return label();
  }
}
