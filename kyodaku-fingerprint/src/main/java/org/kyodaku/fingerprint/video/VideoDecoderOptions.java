package org.kyodaku.fingerprint.video;

import java.time.Duration;
import java.util.Objects;

/**
 * How the FFmpeg decoder runs; validated when built, then immutable.
 *
 * @param ffmpeg the {@code ffmpeg} program: a name looked up on {@code PATH}, or a path
 * @param ffprobe the {@code ffprobe} program: a name looked up on {@code PATH}, or a path
 * @param timeout wall-clock limit for one call (probe or whole decode); the process is killed
 *     when it is exceeded
 * @param maxPixels largest frame, in pixels, that is decoded (checked from the stream header
 *     before any frame exists); memory per call is about 20 bytes per pixel of one frame
 */
public record VideoDecoderOptions(String ffmpeg, String ffprobe, Duration timeout, long maxPixels) {
  /** 8K UHD (7680 × 4320 = 33.2 million pixels) fits with room to spare. */
  public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

  /** Long enough for a feature film hashed at one frame per second on a slow machine. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

  public VideoDecoderOptions {
    requireProgram(ffmpeg, "ffmpeg");
    requireProgram(ffprobe, "ffprobe");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
    }
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels must be at least 1, got " + maxPixels);
    }
  }

  private static void requireProgram(String program, String what) {
    Objects.requireNonNull(program, what);
    if (program.isBlank()) {
      throw new IllegalArgumentException("the " + what + " program name is blank");
    }
  }

  /** {@code ffmpeg} and {@code ffprobe} from {@code PATH}, {@link #DEFAULT_TIMEOUT}, {@link
   * #DEFAULT_MAX_PIXELS}. */
  public static VideoDecoderOptions defaults() {
    return new VideoDecoderOptions("ffmpeg", "ffprobe", DEFAULT_TIMEOUT, DEFAULT_MAX_PIXELS);
  }

  /** These options with the two programs taken from {@code directory}. */
  public VideoDecoderOptions withProgramsIn(java.nio.file.Path directory) {
    return new VideoDecoderOptions(
        directory.resolve("ffmpeg").toString(), directory.resolve("ffprobe").toString(), timeout,
        maxPixels);
  }

  /** These options with another time limit. */
  public VideoDecoderOptions withTimeout(Duration timeout) {
    return new VideoDecoderOptions(ffmpeg, ffprobe, timeout, maxPixels);
  }

  /** These options with another pixel limit. */
  public VideoDecoderOptions withMaxPixels(long maxPixels) {
    return new VideoDecoderOptions(ffmpeg, ffprobe, timeout, maxPixels);
  }
}
