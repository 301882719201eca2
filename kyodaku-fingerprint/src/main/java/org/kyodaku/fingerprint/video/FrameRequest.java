package org.kyodaku.fingerprint.video;

import java.util.Objects;
import java.util.Optional;

/**
 * Which frames to decode and at what size.
 *
 * @param step decode frames {@code 0, step, 2·step, …} (counted over all decoded frames); 1 means
 *     every frame
 * @param size the size every frame is scaled to (area averaging, aspect ratio not kept), or empty
 *     for the stream's own size
 */
public record FrameRequest(int step, Optional<FrameSize> size) {
  public FrameRequest {
    if (step < 1) {
      throw new IllegalArgumentException("a frame step is at least 1, got " + step);
    }
    Objects.requireNonNull(size, "size");
  }

  /** Every frame at the stream's own size. */
  public static FrameRequest everyFrame() {
    return new FrameRequest(1, Optional.empty());
  }

  /** This request, taking every {@code step}-th frame. */
  public FrameRequest withStep(int step) {
    return new FrameRequest(step, size);
  }

  /** This request, scaling frames to {@code width × height}. */
  public FrameRequest scaledTo(int width, int height) {
    return new FrameRequest(step, Optional.of(new FrameSize(width, height)));
  }

  /**
   * A frame size in pixels.
   *
   * @param width columns, 1–16384
   * @param height rows, 1–16384
   */
  public record FrameSize(int width, int height) {
    /** Largest side FFmpeg's scaler accepts. */
    public static final int MAX_SIDE = 16384;

    public FrameSize {
      if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
        throw new IllegalArgumentException(
            "frame sides are 1.." + MAX_SIDE + ", got " + width + "x" + height);
      }
    }

    /** {@code width × height}. */
    public long pixels() {
      return (long) width * height;
    }

    @Override
    public String toString() {
      return width + "x" + height;
    }
  }
}
