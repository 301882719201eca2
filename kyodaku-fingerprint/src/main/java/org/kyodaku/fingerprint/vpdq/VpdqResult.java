package org.kyodaku.fingerprint.vpdq;

import java.util.List;
import java.util.OptionalLong;

/**
 * The vPDQ hash of a video, with the stream facts a user wants to see beside it.
 *
 * @param features one feature per hashed frame, in frame order
 * @param framesPerSecond the stream's average frame rate
 * @param frameCount number of frames in the video: counted when every frame was hashed, otherwise
 *     as the container declares it (empty when it declares none)
 */
public record VpdqResult(List<VpdqFeature> features, double framesPerSecond, OptionalLong frameCount) {
  public VpdqResult {
    features = List.copyOf(features);
    if (!(framesPerSecond > 0) || Double.isInfinite(framesPerSecond)) {
      throw new IllegalArgumentException("a frame rate is above 0, got " + framesPerSecond);
    }
    if (frameCount.isPresent() && frameCount.getAsLong() < features.size()) {
      throw new IllegalArgumentException(
          "frame count " + frameCount.getAsLong() + " is below the " + features.size()
              + " hashed frames");
    }
  }

  /** The algorithm these features were made with, {@value VpdqHasher#ALGORITHM}. */
  public String algorithm() {
    return VpdqHasher.ALGORITHM;
  }
}
