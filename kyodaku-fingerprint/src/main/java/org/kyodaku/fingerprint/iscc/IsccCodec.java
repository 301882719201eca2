package org.kyodaku.fingerprint.iscc;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * The ISCC header and text codec (ISO 24138 clause "ISCC-HEADER"; iscc-core {@code codec.py}).
 *
 * <p><b>Header.</b> Four unsigned fields in this order: MainType, SubType, Version, Length. Each is
 * written as a <i>varnibble</i>, a run of 4-bit groups whose leading bits say how many follow:
 *
 * <pre>
 *   prefix  nibbles  data bits  values
 *   0       1        3          0 .. 7
 *   10      2        6          8 .. 71      (stored as n - 8)
 *   110     3        9          72 .. 583    (stored as n - 72)
 *   1110    4        12         584 .. 4679  (stored as n - 584)
 * </pre>
 *
 * The nibbles are packed most significant first; an odd count is completed with a zero nibble so
 * that the body starts on a byte boundary. Every code this package writes has fields below 8, so
 * its header is exactly two bytes.
 *
 * <p><b>Length field.</b> For a unit it is the body length in 32-bit steps minus one (64 bits is
 * 1). For the composite ISCC-CODE it is the index of the set of optional units present, in the
 * fixed list {@link #UNIT_SETS}; Data and Instance are always present and not listed.
 *
 * <p><b>Text.</b> {@code "ISCC:"} followed by RFC 4648 section 6 base32 (alphabet {@code A-Z2-7},
 * upper case) of header and body, without {@code =} padding. Reading accepts any case, an optional
 * {@code ISCC:} scheme, surrounding blanks and hyphens between units, as the reference does.
 * Multibase forms ({@code f...}, {@code b...}, {@code z...}) are not read.
 */
final class IsccCodec {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  /**
   * The optional units of a composite, in the order of their length-field index: none, Content,
   * Semantic, Semantic+Content, Meta, Meta+Content, Meta+Semantic, Meta+Semantic+Content.
   */
  static final MainType[][] UNIT_SETS = {
    {},
    {MainType.CONTENT},
    {MainType.SEMANTIC},
    {MainType.SEMANTIC, MainType.CONTENT},
    {MainType.META},
    {MainType.META, MainType.CONTENT},
    {MainType.META, MainType.SEMANTIC},
    {MainType.META, MainType.SEMANTIC, MainType.CONTENT},
  };

  private IsccCodec() {}

  /** The varnibble-encoded header, padded to whole bytes. */
  static byte[] encodeHeader(int mainType, int subType, int version, int length) {
    NibbleWriter out = new NibbleWriter();
    for (int field : new int[] {mainType, subType, version, length}) {
      writeVarnibble(out, field);
    }
    return out.toBytes();
  }

  private static void writeVarnibble(NibbleWriter out, int n) {
    if (n < 0) {
      throw new IsccException("header field must not be negative, got " + n);
    } else if (n < 8) {
      out.write(n, 4);
    } else if (n < 72) {
      out.write(0b10, 2);
      out.write(n - 8, 6);
    } else if (n < 584) {
      out.write(0b110, 3);
      out.write(n - 72, 9);
    } else if (n < 4680) {
      out.write(0b1110, 4);
      out.write(n - 584, 12);
    } else {
      throw new IsccException("header field must be at most 4679, got " + n);
    }
  }

  /**
   * Reads the four header fields from the start of {@code data}; element 4 of the result is the
   * number of header bytes (the body starts there).
   */
  static int[] decodeHeader(byte[] data) {
    int totalBits = data.length * 8;
    int pos = 0;
    int[] result = new int[5];
    for (int field = 0; field < 4; field++) {
      int prefixOnes = 0;
      while (prefixOnes < 4 && pos + prefixOnes < totalBits && bit(data, pos + prefixOnes) == 1) {
        prefixOnes++;
      }
      if (prefixOnes == 4) {
        throw new IsccException(
            "malformed ISCC header: field " + field + " starts with 1111, not a varnibble");
      }
      int dataBits = 3 * (prefixOnes + 1);
      int width = prefixOnes + 1 + dataBits;
      if (pos + width > totalBits) {
        throw new IsccException(
            "malformed ISCC header: field " + field + " needs " + width + " bits, only "
                + (totalBits - pos) + " left");
      }
      int value = 0;
      for (int i = prefixOnes + 1; i < width; i++) {
        value = (value << 1) | bit(data, pos + i);
      }
      result[field] = value + OFFSETS[prefixOnes];
      pos += width;
    }
    if (pos % 8 != 0) {
      if (pos + 4 > totalBits) {
        throw new IsccException("malformed ISCC header: missing padding nibble");
      }
      for (int i = 0; i < 4; i++) {
        if (bit(data, pos + i) != 0) {
          throw new IsccException("malformed ISCC header: padding nibble is not zero");
        }
      }
      pos += 4;
    }
    result[4] = pos / 8;
    return result;
  }

  private static final int[] OFFSETS = {0, 8, 72, 584};

  private static int bit(byte[] data, int index) {
    return (data[index >>> 3] >>> (7 - (index & 7))) & 1;
  }

  /** RFC 4648 base32, upper case, no padding. */
  static String encodeBase32(byte[] data) {
    StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        sb.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }

  /** RFC 4648 base32 without padding, any letter case. */
  static byte[] decodeBase32(String text) {
    int remainder = text.length() % 8;
    if (remainder == 1 || remainder == 3 || remainder == 6) {
      throw new IsccException(
          "not base32: \""
              + text
              + "\" has "
              + text.length()
              + " characters, an impossible length");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = Character.toUpperCase(text.charAt(i));
      int v = ALPHABET.indexOf(c);
      if (v < 0) {
        throw new IsccException(
            "not base32: \"" + text + "\" contains '" + text.charAt(i) + "' at index " + i);
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >>> (bits - 8)) & 0xFF);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  /**
   * Strips an optional {@code ISCC:} scheme (any case), blanks and hyphens: the bare base32 text.
   */
  static String clean(String text) {
    String s = text.strip();
    int colon = s.indexOf(':');
    if (colon >= 0) {
      String scheme = s.substring(0, colon).strip();
      if (!scheme.toLowerCase(Locale.ROOT).equals("iscc")) {
        throw new IsccException("not an ISCC: \"" + text + "\" has scheme \"" + scheme + "\"");
      }
      s = s.substring(colon + 1).strip();
      if (s.indexOf(':') >= 0) {
        throw new IsccException("not an ISCC: \"" + text + "\" has more than one ':'");
      }
    }
    s = s.replace("-", "");
    if (s.isEmpty()) {
      throw new IsccException("not an ISCC: \"" + text + "\" is empty");
    }
    return s;
  }

  private static final class NibbleWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8);
    private int current;
    private int used;

    void write(int value, int width) {
      for (int i = width - 1; i >= 0; i--) {
        current = (current << 1) | ((value >>> i) & 1);
        if (++used == 8) {
          bytes.write(current);
          current = 0;
          used = 0;
        }
      }
    }

    byte[] toBytes() {
      if (used > 0) {
        bytes.write(current << (8 - used));
      }
      return bytes.toByteArray();
    }
  }
}
