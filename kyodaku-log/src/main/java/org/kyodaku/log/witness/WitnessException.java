package org.kyodaku.log.witness;

/**
 * A cosigned checkpoint was refused; {@link #reason()} says why (the server maps it to an HTTP
 * status) and the message quotes the values.
 */
public final class WitnessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a cosigned checkpoint was refused. */
  public enum Reason {
    /** Not a signed checkpoint of this log (unparsable, no or a bad log signature, other origin). */
    NOT_OUR_CHECKPOINT,
    /** No cosignature by a configured witness verifies on it. */
    NO_WITNESS,
    /** A configured witness's signature on it does not verify. */
    BAD_COSIGNATURE,
    /** The log has not published a checkpoint of that size (yet). */
    UNKNOWN_SIZE,
    /** A cosignature's time is in the future. */
    FUTURE_TIME,
    /** The cosignatures could not be stored. */
    STORAGE
  }

  private final Reason reason;

  public WitnessException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public WitnessException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why it was refused. */
  public Reason reason() {
    return reason;
  }
}
