package org.kyodaku.log.witness;

import java.util.OptionalLong;

/**
 * A cosigned checkpoint or an add-checkpoint request was refused; {@link #reason()} says why (the
 * server maps it to an HTTP status) and the message quotes the values.
 */
public final class WitnessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a cosigned checkpoint or an add-checkpoint request was refused. */
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
    /** The cosignatures could not be stored, or a witness's state could not be read or written. */
    STORAGE,
    /** Two different checkpoints of the same size: the log forked (or was rewritten). */
    CONFLICT,
    /** An add-checkpoint body that does not follow c2sp.org/tlog-witness. */
    MALFORMED,
    /** An add-checkpoint request for a log (origin) the witness does not know. */
    UNKNOWN_LOG,
    /**
     * The request's old size is not the size the witness holds ({@link #witnessSize()}): the
     * client must retry from that size.
     */
    OLD_SIZE_MISMATCH,
    /** The consistency proof does not take the held checkpoint to the new one. */
    BAD_PROOF
  }

  private final Reason reason;
  // -1 when absent: OptionalLong is not serializable.
  private final long witnessSize;

  public WitnessException(Reason reason, String message) {
    this(reason, message, -1, null);
  }

  public WitnessException(Reason reason, String message, Throwable cause) {
    this(reason, message, -1, cause);
  }

  /** An {@link Reason#OLD_SIZE_MISMATCH}: the witness holds a checkpoint of {@code witnessSize}. */
  public static WitnessException oldSizeMismatch(String message, long witnessSize) {
    return new WitnessException(Reason.OLD_SIZE_MISMATCH, message, witnessSize, null);
  }

  private WitnessException(
      Reason reason, String message, long witnessSize, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.witnessSize = witnessSize;
  }

  /** Why it was refused. */
  public Reason reason() {
    return reason;
  }

  /** For {@link Reason#OLD_SIZE_MISMATCH}, the size of the checkpoint the witness holds. */
  public OptionalLong witnessSize() {
    return witnessSize < 0 ? OptionalLong.empty() : OptionalLong.of(witnessSize);
  }
}
