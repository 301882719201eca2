package org.kyodaku.log.note;

import java.util.Arrays;

/**
 * One signature line of a note, {@code — <name> <base64>}, kept as written so a note formats back
 * byte for byte. The base64 decodes to a 4-byte big-endian key ID followed by at least one byte of
 * signature.
 */
public record NoteSignature(String name, String base64) {
  /** U+2014 EM DASH and a space: how every signature line starts. */
  public static final String LINE_PREFIX = "\u2014 ";

  public NoteSignature {
    if (!KeyText.isValidName(name)) {
      throw new NoteException(
          "malformed note: signature key name \"" + name + "\" is empty or has a space or '+'");
    }
    byte[] blob = KeyText.decodeBase64(base64);
    if (blob == null || blob.length < 5) {
      throw new NoteException(
          "malformed note: signature by "
              + name
              + " is not padded base64 of a key ID and a signature: \""
              + (base64.length() > 40 ? base64.substring(0, 37) + "..." : base64)
              + "\"");
    }
  }

  /** A signature line for {@code keyId} and {@code signature}. */
  public static NoteSignature of(String name, int keyId, byte[] signature) {
    byte[] blob = new byte[4 + signature.length];
    blob[0] = (byte) (keyId >>> 24);
    blob[1] = (byte) (keyId >>> 16);
    blob[2] = (byte) (keyId >>> 8);
    blob[3] = (byte) keyId;
    System.arraycopy(signature, 0, blob, 4, signature.length);
    return new NoteSignature(name, KeyText.encodeBase64(blob));
  }

  /** The key ID (first 4 bytes of the blob, big-endian). */
  public int keyId() {
    byte[] b = blob();
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  /** The key ID as 8 lowercase hex digits. */
  public String keyIdHex() {
    return KeyText.keyIdHex(keyId());
  }

  /** The signature bytes after the key ID (a copy). */
  public byte[] signature() {
    byte[] b = blob();
    return Arrays.copyOfRange(b, 4, b.length);
  }

  /** The line without its newline: {@code — name base64}. */
  public String line() {
    return LINE_PREFIX + name + " " + base64;
  }

  private byte[] blob() {
    byte[] b = KeyText.decodeBase64(base64);
    if (b == null) {
      throw new IllegalStateException("validated in the constructor");
    }
    return b;
  }
}
