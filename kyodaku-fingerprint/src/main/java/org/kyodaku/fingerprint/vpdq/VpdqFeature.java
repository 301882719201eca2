package org.kyodaku.fingerprint.vpdq;

import java.util.Objects;
import org.kyodaku.fingerprint.pdq.PdqHash;

/**
 * The hash of one video frame: a line of a vPDQ hash.
 *
 * @param frameNumber 0-based number of the frame among all decoded frames (sampled or not)
 * @param quality PDQ quality of the frame, 0–100; frames below {@link
 *     VpdqThresholds#minQuality()} take no part in matching
 * @param pdqHash the frame's PDQ hash
 * @param timestampSeconds {@code frameNumber / framesPerSecond}, as the reference computes it (in
 *     single precision), at least 0
 */
public record VpdqFeature(int frameNumber, int quality, PdqHash pdqHash, double timestampSeconds) {
  public VpdqFeature {
    if (frameNumber < 0) {
      throw new IllegalArgumentException("a frame number is at least 0, got " + frameNumber);
    }
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("PDQ quality is 0..100, got " + quality);
    }
    Objects.requireNonNull(pdqHash, "pdqHash");
    if (!(timestampSeconds >= 0) || Double.isInfinite(timestampSeconds)) {
      throw new IllegalArgumentException(
          "a timestamp is a finite number of seconds, at least 0, got " + timestampSeconds);
    }
  }
}
