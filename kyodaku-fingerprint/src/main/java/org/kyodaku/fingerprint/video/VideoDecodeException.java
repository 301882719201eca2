package org.kyodaku.fingerprint.video;

import java.util.Objects;

/**
 * A video could not be turned into frames. The message starts with the file's name and, when
 * FFmpeg said why, ends with what it printed (the last few lines of its error output);
 * {@link #reason()} tells the cases apart for callers that react differently (a CLI exit code, an
 * HTTP status).
 */
public final class VideoDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why decoding failed. */
  public enum Reason {
    /** The path does not name a readable regular file. */
    NO_SUCH_FILE,
    /** FFmpeg does not recognise the file as a media container it reads. */
    NOT_A_VIDEO,
    /** A media file (audio only, say) without a video stream. */
    NO_VIDEO_STREAM,
    /** The {@code ffmpeg} or {@code ffprobe} program could not be started. */
    FFMPEG_MISSING,
    /** The frames are larger than {@link VideoDecoderOptions#maxPixels()}. */
    TOO_LARGE,
    /** Decoding took longer than {@link VideoDecoderOptions#timeout()}. */
    TIMEOUT,
    /** FFmpeg failed part-way, or reported stream facts that make no sense. */
    DECODE_FAILED
  }

  private final Reason reason;

  VideoDecodeException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  VideoDecodeException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Which kind of failure this is. */
  public Reason reason() {
    return reason;
  }
}
