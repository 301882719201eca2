package org.kyodaku.fingerprint;

/** A content fingerprint could not be made from a file; the message names the file and why. */
public final class FingerprintException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FingerprintException(String message) {
    super(message);
  }
}
