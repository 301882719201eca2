package org.kyodaku.core.decision;

import java.util.Optional;
import org.kyodaku.core.model.Ids;

/**
 * How content matched a registered work: by which fingerprint algorithm and at what distance
 * ({@code sha256} at distance 0 for an exact copy; a perceptual algorithm's Hamming distance for a
 * resemblance). A video matched by its frame hashes ({@code vpdq-v1}) also carries the
 * comparison's two shares in {@link #frames()}; its distance is the median, over the query's
 * matched frames, of the distance to the nearest registered frame.
 */
public record Evidence(String work, String algorithm, int distance, Optional<FrameShares> frames) {
  /**
   * The vPDQ comparison's figures: how much of each video was found in the other.
   *
   * @param queryMatchPercent share (0–100) of the checked video's distinct usable frames that
   *     have a matching frame in the registered video (the reference's "query" percentage)
   * @param registeredMatchPercent share (0–100) of the registered video's distinct usable frames
   *     found in the checked video (the reference's "compared" percentage)
   */
  public record FrameShares(double queryMatchPercent, double registeredMatchPercent) {
    public FrameShares {
      if (!(queryMatchPercent >= 0 && queryMatchPercent <= 100)
          || !(registeredMatchPercent >= 0 && registeredMatchPercent <= 100)) {
        throw new IllegalArgumentException(
            "match percentages are 0..100, got " + queryMatchPercent + " and " + registeredMatchPercent);
      }
    }
  }

  public Evidence {
    Ids.check("work", work);
    if (distance < 0) {
      throw new IllegalArgumentException("distance must be >= 0, got " + distance);
    }
  }

  /** Evidence of a single-value fingerprint match. */
  public Evidence(String work, String algorithm, int distance) {
    this(work, algorithm, distance, Optional.empty());
  }
}
