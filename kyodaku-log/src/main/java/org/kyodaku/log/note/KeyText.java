package org.kyodaku.log.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** Small text rules shared by the key and note parsers. */
final class KeyText {
  private KeyText() {}

  /**
   * A key name: non-empty, no Unicode space (Go's {@code unicode.IsSpace}: ASCII space and {@code
   * \t\n\v\f\r}, U+0085, and the Z categories), no {@code +}, no unpaired surrogate.
   */
  static boolean isValidName(String name) {
    if (name.isEmpty() || name.indexOf('+') >= 0) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c)
            || i + 1 >= name.length()
            || !Character.isLowSurrogate(name.charAt(i + 1))) {
          return false;
        }
        i++;
        continue;
      }
      if ((c >= 0x09 && c <= 0x0d) || c == 0x85 || Character.isSpaceChar(c)) {
        return false;
      }
    }
    return true;
  }

  /** Strict RFC 4648 §4 base64: padded, standard alphabet; null if not. */
  static byte @Nullable [] decodeBase64(String text) {
    if (text.length() % 4 != 0) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String encodeBase64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Exactly 8 hex digits (either case) as a key ID; null if not. */
  static @Nullable Integer parseKeyId(String hex) {
    if (hex.length() != 8) {
      return null;
    }
    for (int i = 0; i < 8; i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        return null;
      }
    }
    return (int) Long.parseLong(hex, 16);
  }

  static String keyIdHex(int keyId) {
    return HexFormat.of().toHexDigits(keyId);
  }

  /**
   * The C2SP key ID: the first 4 bytes, big-endian, of {@code SHA-256(name || 0x0A || type ||
   * public key)}; {@code typedKey} is the type byte followed by the public key.
   */
  static int keyId(String name, byte[] typedKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(typedKey);
      byte[] d = sha.digest();
      return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Splits at the first {@code sep}: {@code [before, after]}, or {@code [s, ""]} if absent. */
  static String[] chop(String s, char sep) {
    int i = s.indexOf(sep);
    return i < 0 ? new String[] {s, ""} : new String[] {s.substring(0, i), s.substring(i + 1)};
  }

  static byte[] concat(byte first, byte[] rest) {
    byte[] out = new byte[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }
}
