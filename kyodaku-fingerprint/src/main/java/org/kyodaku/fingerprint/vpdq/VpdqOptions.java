package org.kyodaku.fingerprint.vpdq;

import java.util.Objects;
import java.util.Optional;
import org.kyodaku.fingerprint.video.FrameRequest.FrameSize;

/**
 * How frames are chosen and prepared for hashing; validated when built, then immutable.
 *
 * @param secondsPerHash hash every {@code max(1, floor(secondsPerHash × framesPerSecond))}-th
 *     frame, counting from frame 0; {@code 0} hashes every frame (the reference's sample hashes are
 *     made that way), {@code 1} is about one frame a second (the reference library's default)
 * @param downsample size every frame is scaled to before hashing (area averaging), or empty for
 *     the stream's own size; the reference's {@code -128x128} sample hashes use 128×128
 */
public record VpdqOptions(double secondsPerHash, Optional<FrameSize> downsample) {
  /** The reference tool's optional downsampled size, 128 × 128. */
  public static final FrameSize REFERENCE_DOWNSAMPLE = new FrameSize(128, 128);

  public VpdqOptions {
    if (!(secondsPerHash >= 0) || Double.isInfinite(secondsPerHash)) {
      throw new VpdqException(
          "secondsPerHash must be a finite number at least 0, got " + secondsPerHash);
    }
    Objects.requireNonNull(downsample, "downsample");
  }

  /** Every frame at its own size: how the reference's sample hashes were made. */
  public static VpdqOptions everyFrame() {
    return new VpdqOptions(0, Optional.empty());
  }

  /** These options, hashing one frame every {@code seconds} (0: every frame). */
  public VpdqOptions withSecondsPerHash(double seconds) {
    return new VpdqOptions(seconds, downsample);
  }

  /** These options, scaling frames to {@code size} before hashing. */
  public VpdqOptions withDownsample(FrameSize size) {
    return new VpdqOptions(secondsPerHash, Optional.of(size));
  }

  /** The frame step for a stream of {@code framesPerSecond}, as the reference computes it. */
  int frameStep(double framesPerSecond) {
    // The reference truncates to int and replaces 0 (every frame, or a rate below one a second).
    long step = (long) (secondsPerHash * framesPerSecond);
    return (int) Math.max(1, Math.min(step, Integer.MAX_VALUE));
  }
}
