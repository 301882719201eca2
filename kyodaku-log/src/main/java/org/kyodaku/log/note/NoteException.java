package org.kyodaku.log.note;

/**
 * A note, key text or signature was malformed, or a note did not verify. The message says which
 * line, key or rule, quoting the offending value.
 */
public final class NoteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NoteException(String message) {
    super(message);
  }

  public NoteException(String message, Throwable cause) {
    super(message, cause);
  }
}
