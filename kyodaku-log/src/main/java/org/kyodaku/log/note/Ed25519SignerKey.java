package org.kyodaku.log.note;

/** Type {@code 0x01} signer: Ed25519 over the note text. */
final class Ed25519SignerKey implements SignerKey {
  private final String name;
  private final byte[] seed;
  private final Ed25519VerifierKey verifierKey;

  Ed25519SignerKey(String name, byte[] seed) {
    if (!KeyText.isValidName(name)) {
      throw new NoteException("invalid key name \"" + name + "\": empty, a space or a '+'");
    }
    if (seed.length != Ed25519.KEY_LENGTH) {
      throw new NoteException(
          "Ed25519 seed has " + seed.length + " bytes, expected " + Ed25519.KEY_LENGTH);
    }
    this.name = name;
    this.seed = seed.clone();
    this.verifierKey = new Ed25519VerifierKey(name, Ed25519.publicKey(seed));
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
    return KeyType.ED25519;
  }

  @Override
  public byte[] sign(byte[] text) {
    return Ed25519.sign(seed, text);
  }

  @Override
  public VerifierKey verifierKey() {
    return verifierKey;
  }

  @Override
  public String toString() {
    return "Ed25519 signer " + verifierKey.vkey();
  }
}
