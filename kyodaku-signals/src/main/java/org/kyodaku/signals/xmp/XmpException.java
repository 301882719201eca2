package org.kyodaku.signals.xmp;

/** XML that cannot be read safely, or a notice that cannot be written; the message quotes why. */
public final class XmpException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  XmpException(String message) {
    super(message);
  }
}
