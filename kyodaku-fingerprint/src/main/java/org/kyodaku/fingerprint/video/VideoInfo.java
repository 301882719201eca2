package org.kyodaku.fingerprint.video;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Facts about a video stream, as the container declares them.
 *
 * @param streamIndex index of the stream in the container (the first video stream that is not an
 *     attached cover picture)
 * @param codec the codec's short FFmpeg name, e.g. {@code h264}
 * @param width stored width in pixels, before any display rotation
 * @param height stored height in pixels, before any display rotation
 * @param framesPerSecond average frame rate (FFmpeg's {@code avg_frame_rate}, or {@code
 *     r_frame_rate} when the average is unknown), above 0
 * @param frameCount number of frames the container declares, if it declares one (MP4 does,
 *     Matroska usually does not)
 * @param durationSeconds stream (or else container) duration, if known
 * @param rotationDegrees clockwise rotation a player applies when showing the video (0, 90, 180 or
 *     270); frames are decoded as stored, not rotated, as the vPDQ reference decodes them
 */
public record VideoInfo(
    int streamIndex,
    String codec,
    int width,
    int height,
    double framesPerSecond,
    OptionalLong frameCount,
    OptionalDouble durationSeconds,
    int rotationDegrees) {
  public VideoInfo {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(frameCount, "frameCount");
    Objects.requireNonNull(durationSeconds, "durationSeconds");
    if (streamIndex < 0) {
      throw new IllegalArgumentException("a stream index is at least 0, got " + streamIndex);
    }
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("video sides must be at least 1, got " + width + "x" + height);
    }
    if (!(framesPerSecond > 0) || Double.isInfinite(framesPerSecond)) {
      throw new IllegalArgumentException("a frame rate is above 0, got " + framesPerSecond);
    }
    if (rotationDegrees % 90 != 0 || rotationDegrees < 0 || rotationDegrees >= 360) {
      throw new IllegalArgumentException(
          "a rotation is 0, 90, 180 or 270 degrees, got " + rotationDegrees);
    }
  }

  /** {@code width × height}. */
  public long pixels() {
    return (long) width * height;
  }
}
