package org.kyodaku.fingerprint.video;

import java.util.Objects;
import org.kyodaku.fingerprint.image.RgbImage;

/**
 * One decoded frame.
 *
 * @param frameNumber 0-based position of the frame among all decoded frames of the stream, in
 *     decoding output order (presentation order), counting frames that were not selected
 * @param image the frame's pixels, at the stream's size or the requested one
 */
public record VideoFrame(long frameNumber, RgbImage image) {
  public VideoFrame {
    if (frameNumber < 0) {
      throw new IllegalArgumentException("a frame number is at least 0, got " + frameNumber);
    }
    Objects.requireNonNull(image, "image");
  }
}
