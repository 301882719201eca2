package org.kyodaku.log.entry;

/**
 * An entry was not canonical JSON, did not match its type's schema, or its signature did not
 * verify. The message names the byte offset or field and quotes the expected and the found value.
 */
public final class EntryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EntryException(String message) {
    super(message);
  }

  public EntryException(String message, Throwable cause) {
    super(message, cause);
  }
}
