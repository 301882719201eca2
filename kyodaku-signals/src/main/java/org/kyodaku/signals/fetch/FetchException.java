package org.kyodaku.signals.fetch;

/** A URL that cannot be checked at all (not absolute http(s) with a host); the message quotes it. */
public final class FetchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  FetchException(String message) {
    super(message);
  }
}
