package org.kyodaku.log.note;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * A public key that may have signed a note, identified by its name and 32-bit key ID.
 *
 * <p>Text form (C2SP signed-note "verifier key"): {@code <name>+<8 hex key ID>+<base64(type ||
 * public key)>}, e.g. {@code
 * example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k}.
 */
public interface VerifierKey {
  /** The key name, as it appears on signature lines. */
  String name();

  /** The key ID, as it appears in the first 4 bytes of a signature. */
  int keyId();

  /** The signature type. */
  KeyType type();

  /**
   * Whether {@code signature} (the bytes after the key ID) is this key's signature over {@code
   * text} (the note text including its final newline).
   */
  boolean verify(byte[] text, byte[] signature);

  /** The time a cosignature asserts, in POSIX seconds; empty for untimed signature types. */
  default OptionalLong timestamp(byte[] signature) {
    return OptionalLong.empty();
  }

  /** The key's text form (see above). */
  String vkey();

  /**
   * Parses a verifier key text as Go's {@code note.NewVerifier} does: split on the first two {@code
   * +} (the base64 may contain more), 8 hex digits, a valid name, a key ID that matches the key,
   * then the type byte ({@code 0x01} Ed25519 or {@code 0x04} cosignature/v1, both with a 32-byte
   * key).
   */
  static VerifierKey parse(String vkey) {
    String[] nameRest = KeyText.chop(vkey, '+');
    String[] idKey = KeyText.chop(nameRest[1], '+');
    String name = nameRest[0];
    Integer keyId = KeyText.parseKeyId(idKey[0]);
    byte[] key = KeyText.decodeBase64(idKey[1]);
    if (keyId == null || key == null || key.length == 0 || !KeyText.isValidName(name)) {
      throw new NoteException(
          "malformed verifier key \"" + vkey + "\": expected <name>+<8 hex>+<base64 key>");
    }
    int computed = KeyText.keyId(name, key);
    if (computed != keyId) {
      throw new NoteException(
          "verifier key "
              + name
              + " says key ID "
              + KeyText.keyIdHex(keyId)
              + ", its key hashes to "
              + KeyText.keyIdHex(computed));
    }
    KeyType type =
        KeyType.of(key[0])
            .orElseThrow(
                () ->
                    new NoteException(
                        "verifier key "
                            + name
                            + " has unknown signature type 0x"
                            + String.format("%02x", key[0] & 0xff)
                            + ", expected 0x01 or 0x04"));
    if (key.length - 1 != Ed25519.KEY_LENGTH) {
      throw new NoteException(
          "verifier key "
              + name
              + " has a "
              + (key.length - 1)
              + "-byte public key, expected "
              + Ed25519.KEY_LENGTH);
    }
    byte[] publicKey = Arrays.copyOfRange(key, 1, key.length);
    return switch (type) {
      case ED25519 -> new Ed25519VerifierKey(name, publicKey);
      case COSIGNATURE_V1 -> new CosignatureVerifierKey(name, publicKey);
    };
  }
}
