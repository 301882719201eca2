package org.kyodaku.log.note;

import java.nio.ByteBuffer;
import java.time.Clock;

/** Type {@code 0x04} signer: see {@link CosignatureVerifierKey} for the signed message. */
final class CosignerKey implements SignerKey {
  private final String name;
  private final byte[] seed;
  private final Clock clock;
  private final CosignatureVerifierKey verifierKey;

  CosignerKey(String name, byte[] seed, Clock clock) {
    if (!KeyText.isValidName(name)) {
      throw new NoteException("invalid key name \"" + name + "\": empty, a space or a '+'");
    }
    if (seed.length != Ed25519.KEY_LENGTH) {
      throw new NoteException(
          "Ed25519 seed has " + seed.length + " bytes, expected " + Ed25519.KEY_LENGTH);
    }
    this.name = name;
    this.seed = seed.clone();
    this.clock = clock;
    this.verifierKey = new CosignatureVerifierKey(name, Ed25519.publicKey(seed));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int keyId() {
    return verifierKey.keyId();
  }

  @Override
  public KeyType type() {
    return KeyType.COSIGNATURE_V1;
  }

  @Override
  public byte[] sign(byte[] text) {
    long time = clock.instant().getEpochSecond();
    if (time < 0) {
      throw new NoteException("cosignature time " + time + " is before 1970");
    }
    byte[] signature = Ed25519.sign(seed, CosignatureVerifierKey.message(time, text));
    return ByteBuffer.allocate(CosignatureVerifierKey.SIGNATURE_LENGTH)
        .putLong(time)
        .put(signature)
        .array();
  }

  @Override
  public VerifierKey verifierKey() {
    return verifierKey;
  }

  @Override
  public String toString() {
    return "cosigner " + verifierKey.vkey();
  }
}
