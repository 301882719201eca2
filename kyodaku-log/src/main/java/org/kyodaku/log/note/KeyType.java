package org.kyodaku.log.note;

import java.util.Optional;

/**
 * Signature types this package speaks, by the byte that starts the key material in a key text and
 * goes into the key ID (C2SP signed-note "Signature types").
 */
public enum KeyType {
  /** Plain Ed25519 (RFC 8032) over the note text. */
  ED25519(0x01),
  /** Timestamped Ed25519 cosignature, c2sp.org/tlog-cosignature {@code cosignature/v1}. */
  COSIGNATURE_V1(0x04);

  private final int code;

  KeyType(int code) {
    this.code = code;
  }

  /** The signature type byte. */
  public int code() {
    return code;
  }

  /** The type with this byte, if this package speaks it. */
  public static Optional<KeyType> of(int code) {
    for (KeyType t : values()) {
      if (t.code == (code & 0xff)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
