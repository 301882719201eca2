package org.kyodaku.fingerprint.iscc;

/**
 * Input that cannot become, or is not, a valid ISCC: a malformed code string, an unsupported
 * header, a bit length the algorithm does not offer, an empty name. The message quotes the
 * offending value.
 */
public final class IsccException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  IsccException(String message) {
    super(message);
  }

  IsccException(String message, Throwable cause) {
    super(message, cause);
  }
}
