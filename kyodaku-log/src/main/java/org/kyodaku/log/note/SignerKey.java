package org.kyodaku.log.note;

import java.time.Clock;
import java.util.Arrays;

/**
 * A private key that signs notes. Its {@link #verifierKey()} checks what it signs.
 *
 * <p>Text form of an Ed25519 note key (Go's {@code note.NewSigner}; not part of the C2SP text):
 * {@code PRIVATE+KEY+<name>+<8 hex key ID>+<base64(0x01 || 32-byte seed)>}.
 */
public interface SignerKey {
  /** The key name written on signature lines. */
  String name();

  /** The key ID written before every signature. */
  int keyId();

  /** The signature type. */
  KeyType type();

  /** The signature bytes (after the key ID) over {@code text}, the note text. */
  byte[] sign(byte[] text);

  /** The matching public key. */
  VerifierKey verifierKey();

  /**
   * Parses a {@code PRIVATE+KEY+...} text as Go's {@code note.NewSigner} does: five {@code
   * +}-separated fields, type {@code 0x01}, a 32-byte seed, and a key ID that matches the public
   * key derived from the seed.
   */
  static SignerKey parse(String skey) {
    String[] a = KeyText.chop(skey, '+');
    String[] b = KeyText.chop(a[1], '+');
    String[] c = KeyText.chop(b[1], '+');
    String[] d = KeyText.chop(c[1], '+');
    String name = c[0];
    Integer keyId = KeyText.parseKeyId(d[0]);
    byte[] key = KeyText.decodeBase64(d[1]);
    if (!a[0].equals("PRIVATE")
        || !b[0].equals("KEY")
        || keyId == null
        || key == null
        || key.length == 0
        || !KeyText.isValidName(name)) {
      throw new NoteException(
          "malformed signer key: expected PRIVATE+KEY+<name>+<8 hex>+<base64 key>");
    }
    if (key[0] != KeyType.ED25519.code()) {
      throw new NoteException(
          "signer key "
              + name
              + " has signature type 0x"
              + String.format("%02x", key[0] & 0xff)
              + ", expected 0x01");
    }
    if (key.length - 1 != Ed25519.KEY_LENGTH) {
      throw new NoteException(
          "signer key " + name + " has a " + (key.length - 1) + "-byte seed, expected 32");
    }
    SignerKey signer = ed25519(name, Arrays.copyOfRange(key, 1, key.length));
    if (signer.keyId() != keyId) {
      throw new NoteException(
          "signer key "
              + name
              + " says key ID "
              + KeyText.keyIdHex(keyId)
              + ", its public key hashes to "
              + KeyText.keyIdHex(signer.keyId()));
    }
    return signer;
  }

  /** An Ed25519 note signer (type {@code 0x01}) from a 32-byte RFC 8032 seed. */
  static SignerKey ed25519(String name, byte[] seed) {
    return new Ed25519SignerKey(name, seed);
  }

  /**
   * An Ed25519 cosigner (type {@code 0x04}, cosignature/v1) from a 32-byte seed; each signature is
   * timestamped with {@code clock}'s current POSIX second.
   */
  static SignerKey cosigner(String name, byte[] seed, Clock clock) {
    return new CosignerKey(name, seed, clock);
  }
}
