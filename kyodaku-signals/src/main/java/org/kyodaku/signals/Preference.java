package org.kyodaku.signals;

import org.kyodaku.core.model.Labelled;

/** What a signal says about one category (the aipref data model, draft-ietf-aipref-vocab §3). */
public enum Preference implements Labelled {
  /** The use is allowed by this signal. */
  ALLOWED,
  /** The use is reserved: not without a licence. */
  DISALLOWED,
  /** No statement; the opt-in profile treats it as not licensed. */
  UNKNOWN;

  /** The more restrictive of two: disallowed beats allowed beats unknown. */
  public Preference restrict(Preference other) {
    if (this == DISALLOWED || other == DISALLOWED) {
      return DISALLOWED;
    }
    if (this == ALLOWED || other == ALLOWED) {
      return ALLOWED;
    }
    return UNKNOWN;
  }

  @Override
  public String toString() {
    return label();
  }
}
