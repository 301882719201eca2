package org.kyodaku.core.decision;

import org.kyodaku.core.model.Ids;

/**
 * How content matched a registered work: by which fingerprint algorithm and at what distance
 * ({@code sha256} at distance 0 for an exact copy; a perceptual algorithm's Hamming distance for a
 * resemblance).
 */
public record Evidence(String work, String algorithm, int distance) {
  public Evidence {
    Ids.check("work", work);
    if (distance < 0) {
      throw new IllegalArgumentException("distance must be >= 0, got " + distance);
    }
  }
}
