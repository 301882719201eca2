package org.kyodaku.index.hamming;

/**
 * Bad input to an index (a malformed hex code, mismatched widths, a negative radius) or a segment
 * file that cannot be trusted (wrong magic, truncated, checksum mismatch). Messages quote the
 * offending values, and for a mismatch both the expected and the found value.
 */
public final class IndexException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public IndexException(String message) {
    super(message);
  }

  /** An exception with the given message and the I/O failure underneath it. */
  public IndexException(String message, Throwable cause) {
    super(message, cause);
  }
}
