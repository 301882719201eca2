package org.kyodaku.signals.json;

/** Text that is not RFC 8259 JSON; the message names the offset. */
public final class JsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  JsonException(String reason, int offset) {
    super(reason + " at offset " + offset);
    this.offset = offset;
  }

  /** Zero-based character offset where parsing failed. */
  public int offset() {
    return offset;
  }
}
