package org.kyodaku.fingerprint.pdq;

import java.util.Objects;

/**
 * A PDQ hash with its quality.
 *
 * @param hash the 256-bit hash
 * @param quality 0–100: how much structure the image has (gradient sum of its 64×64 downsample,
 *     see {@code QualityMetric}); flat or featureless images score low and their hashes match
 *     unrelated images, so hashes below {@link #MIN_QUALITY} should be stored but not matched
 */
public record PdqResult(PdqHash hash, int quality) {
  /**
   * Lowest quality worth matching: {@code pdq/README.md} advises discarding quality ≤ 49 and
   * python-threatexchange drops {@code quality < 50}.
   */
  public static final int MIN_QUALITY = 50;

  public PdqResult {
    Objects.requireNonNull(hash, "hash");
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("PDQ quality is 0..100, got " + quality);
    }
  }

  /** Whether {@link #quality()} is at least {@link #MIN_QUALITY}. */
  public boolean isUseful() {
    return quality >= MIN_QUALITY;
  }
}
