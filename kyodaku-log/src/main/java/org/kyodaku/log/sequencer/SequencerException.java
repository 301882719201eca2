package org.kyodaku.log.sequencer;

/**
 * The log directory could not be opened, written or verified, or an append was refused; the
 * message names the path, size or entry and quotes expected and found values.
 */
public final class SequencerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SequencerException(String message) {
    super(message);
  }

  public SequencerException(String message, Throwable cause) {
    super(message, cause);
  }
}
