package org.kyodaku.log.note;

/** Type {@code 0x01}: Ed25519 over the note text. */
final class Ed25519VerifierKey implements VerifierKey {
  private final String name;
  private final byte[] publicKey;
  private final int keyId;

  Ed25519VerifierKey(String name, byte[] publicKey) {
    this.name = name;
    this.publicKey = publicKey.clone();
    this.keyId = KeyText.keyId(name, KeyText.concat((byte) KeyType.ED25519.code(), publicKey));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int keyId() {
    return keyId;
  }

  @Override
  public KeyType type() {
    return KeyType.ED25519;
  }

  @Override
  public boolean verify(byte[] text, byte[] signature) {
    return Ed25519.verify(publicKey, text, signature);
  }

  @Override
  public String vkey() {
    return name
        + "+"
        + KeyText.keyIdHex(keyId)
        + "+"
        + KeyText.encodeBase64(KeyText.concat((byte) KeyType.ED25519.code(), publicKey));
  }

  @Override
  public String toString() {
    return vkey();
  }
}
