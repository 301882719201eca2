package org.kyodaku.log.note;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

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
    return parse(skey, Optional.empty());
  }

  /**
   * Parses a signer key text of type {@code 0x01} (as {@link #parse(String)}) or {@code 0x04}, a
   * witness's cosigner key ({@code PRIVATE+KEY+<name>+<key ID of the 0x04 key>+<base64(0x04 ||
   * seed)>}, the same form with the cosignature type byte), timestamping with {@code clock}.
   */
  static SignerKey parse(String skey, Clock clock) {
    return parse(skey, Optional.of(clock));
  }

  private static SignerKey parse(String skey, Optional<Clock> cosignerClock) {
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
    boolean cosigner = key[0] == KeyType.COSIGNATURE_V1.code() && cosignerClock.isPresent();
    if (key[0] != KeyType.ED25519.code() && !cosigner) {
      throw new NoteException(
          "signer key "
              + name
              + " has signature type 0x"
              + String.format("%02x", key[0] & 0xff)
              + (cosignerClock.isPresent() ? ", expected 0x01 or 0x04" : ", expected 0x01"));
    }
    if (key.length - 1 != Ed25519.KEY_LENGTH) {
      throw new NoteException(
          "signer key " + name + " has a " + (key.length - 1) + "-byte seed, expected 32");
    }
    byte[] seed = Arrays.copyOfRange(key, 1, key.length);
    SignerKey signer =
        cosigner ? cosigner(name, seed, cosignerClock.orElseThrow()) : ed25519(name, seed);
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

  /**
   * The text form of a key made from {@code seed} (see {@link #parse(String, Clock)}): type {@code
   * 0x01} for {@link KeyType#ED25519}, {@code 0x04} for {@link KeyType#COSIGNATURE_V1}.
   */
  static String text(String name, KeyType type, byte[] seed) {
    if (!KeyText.isValidName(name)) {
      throw new NoteException("invalid key name \"" + name + "\": empty, a space or a '+'");
    }
    if (seed.length != Ed25519.KEY_LENGTH) {
      throw new NoteException(
          "Ed25519 seed has " + seed.length + " bytes, expected " + Ed25519.KEY_LENGTH);
    }
    int keyId = KeyText.keyId(name, KeyText.concat((byte) type.code(), Ed25519.publicKey(seed)));
    return "PRIVATE+KEY+"
        + name
        + "+"
        + KeyText.keyIdHex(keyId)
        + "+"
        + KeyText.encodeBase64(KeyText.concat((byte) type.code(), seed));
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
