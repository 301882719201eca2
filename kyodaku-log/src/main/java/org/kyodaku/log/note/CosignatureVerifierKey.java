package org.kyodaku.log.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Type {@code 0x04}, c2sp.org/tlog-cosignature {@code cosignature/v1}. The signature bytes are
 * {@code uint64_be(timestamp) || Ed25519(message)} (72 bytes), where
 *
 * <pre>
 *   message = "cosignature/v1\n" || "time " || decimal(timestamp) || "\n" || note text
 * </pre>
 *
 * and the timestamp is POSIX seconds, at most {@code 2^63 - 1}. The cosigner's name is not in the
 * message: one key per cosigner.
 */
final class CosignatureVerifierKey implements VerifierKey {
  static final int SIGNATURE_LENGTH = 8 + Ed25519.SIGNATURE_LENGTH;

  private final String name;
  private final byte[] publicKey;
  private final int keyId;

  CosignatureVerifierKey(String name, byte[] publicKey) {
    this.name = name;
    this.publicKey = publicKey.clone();
    this.keyId =
        KeyText.keyId(name, KeyText.concat((byte) KeyType.COSIGNATURE_V1.code(), publicKey));
  }

  static byte[] message(long timestamp, byte[] text) {
    byte[] header =
        ("cosignature/v1\ntime " + timestamp + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] message = Arrays.copyOf(header, header.length + text.length);
    System.arraycopy(text, 0, message, header.length, text.length);
    return message;
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
    return KeyType.COSIGNATURE_V1;
  }

  @Override
  public boolean verify(byte[] text, byte[] signature) {
    OptionalLong time = timestamp(signature);
    if (time.isEmpty()) {
      return false;
    }
    byte[] ed25519 = Arrays.copyOfRange(signature, 8, signature.length);
    return Ed25519.verify(publicKey, message(time.getAsLong(), text), ed25519);
  }

  @Override
  public OptionalLong timestamp(byte[] signature) {
    if (signature.length != SIGNATURE_LENGTH) {
      return OptionalLong.empty();
    }
    long time = ByteBuffer.wrap(signature, 0, 8).getLong();
    return time < 0 ? OptionalLong.empty() : OptionalLong.of(time);
  }

  @Override
  public String vkey() {
    return name
        + "+"
        + KeyText.keyIdHex(keyId)
        + "+"
        + KeyText.encodeBase64(KeyText.concat((byte) KeyType.COSIGNATURE_V1.code(), publicKey));
  }

  @Override
  public String toString() {
    return vkey();
  }
}
