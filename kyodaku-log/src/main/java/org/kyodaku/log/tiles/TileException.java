package org.kyodaku.log.tiles;

/**
 * A tile path, hash tile or entry bundle was malformed, missing or of the wrong size; the message
 * names the path and quotes expected and found values.
 */
public final class TileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TileException(String message) {
    super(message);
  }

  public TileException(String message, Throwable cause) {
    super(message, cause);
  }
}
