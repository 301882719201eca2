package org.kyodaku.signals.embed;

/**
 * A file that cannot be read or written: unknown format, over a size limit, or a malformed
 * structure; the message names the byte position.
 */
public final class EmbedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  EmbedException(String message) {
    super(message);
  }
}
