package org.kyodaku.log.checkpoint;

/**
 * A checkpoint was malformed or did not verify; the message quotes the line or the expected and
 * found values.
 */
public final class CheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
