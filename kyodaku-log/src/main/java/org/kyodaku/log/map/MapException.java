package org.kyodaku.log.map;

/**
 * A map proof, snapshot or commitment was malformed or did not verify; the message names the key
 * and quotes the expected and the computed value.
 */
public final class MapException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MapException(String message) {
    super(message);
  }

  public MapException(String message, Throwable cause) {
    super(message, cause);
  }
}
