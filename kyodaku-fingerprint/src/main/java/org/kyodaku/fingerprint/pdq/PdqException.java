package org.kyodaku.fingerprint.pdq;

/**
 * A PDQ value could not be made: a hash string that is not 64 hex digits, or an image too small
 * to hash. The message quotes the offending value and, when there is one, names the file.
 */
public final class PdqException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PdqException(String message) {
    super(message);
  }
}
