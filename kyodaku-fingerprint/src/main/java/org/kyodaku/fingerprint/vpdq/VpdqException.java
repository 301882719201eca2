package org.kyodaku.fingerprint.vpdq;

/**
 * A vPDQ value could not be made or read: a hash-file line that is not {@code
 * frameNumber,quality,pdqHex,timestampSeconds}, or an invalid option. The message quotes the
 * offending value and names its source and line. Failures to decode the video itself are {@link
 * org.kyodaku.fingerprint.video.VideoDecodeException}s.
 */
public final class VpdqException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  VpdqException(String message) {
    super(message);
  }

  VpdqException(String message, Throwable cause) {
    super(message, cause);
  }
}
