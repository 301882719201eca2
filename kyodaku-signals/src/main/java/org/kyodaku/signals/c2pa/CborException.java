package org.kyodaku.signals.c2pa;

/** CBOR or JUMBF that cannot be read; the message names the byte offset. */
public final class CborException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  CborException(String message) {
    super(message);
  }
}
