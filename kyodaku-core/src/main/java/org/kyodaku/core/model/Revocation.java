package org.kyodaku.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * The fact that a grant stopped applying. A revocation is recorded when it is made and applies
 * from that instant on; it never rewrites what was decided before it.
 *
 * @param revokedAt the instant from which the grant no longer applies
 * @param revokedBy the party that revoked it
 * @param reason free text, if given
 */
public record Revocation(Instant revokedAt, String revokedBy, Optional<String> reason) {
  public Revocation {
    Checks.id("revokedBy", revokedBy);
    reason = reason.map(r -> Checks.text("reason", r));
  }
}
