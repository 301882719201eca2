package org.kyodaku.fingerprint.image;

/**
 * An image could not be turned into pixels: the file is empty, unreadable, in a format no
 * installed decoder reads, damaged or truncated, or larger than the configured pixel limit. The
 * message starts with the name of the file (or of the bytes, as the caller named them).
 */
public final class ImageDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ImageDecodeException(String message) {
    super(message);
  }

  ImageDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
