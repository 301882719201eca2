package org.kyodaku.signals.rsl;

/** A document that is not RSL 1.0 XML; {@link RslReader} records it as failed evidence. */
public final class RslException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  RslException(String message) {
    super(message);
  }
}
