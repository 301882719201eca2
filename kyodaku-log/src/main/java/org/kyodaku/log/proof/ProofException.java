package org.kyodaku.log.proof;

/** A tlog-proof document was malformed or did not verify; the message says which part and why. */
public final class ProofException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProofException(String message) {
    super(message);
  }

  public ProofException(String message, Throwable cause) {
    super(message, cause);
  }
}
