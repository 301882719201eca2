package org.kyodaku.signals.sf;

/** A field value that is not valid RFC 9651 syntax, or a value that cannot be serialised. */
public final class StructuredFieldException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  StructuredFieldException(String reason, int offset, String input) {
    super(reason + " at offset " + offset + " in \"" + input + "\"");
    this.offset = offset;
  }

  /** Zero-based character offset in the field value where parsing failed; -1 when serialising. */
  public int offset() {
    return offset;
  }
}
