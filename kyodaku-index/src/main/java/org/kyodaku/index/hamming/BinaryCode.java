package org.kyodaku.index.hamming;

import java.util.Arrays;

/**
 * An immutable binary code of a fixed width that is a positive multiple of 64 bits (PDQ: 256),
 * compared by Hamming distance.
 *
 * <p>Text form: {@code width / 4} hexadecimal digits, most significant first, as PDQ hashes are
 * printed; parsing accepts upper or lower case and formatting emits lower case. Word {@code 0}
 * holds the first 16 digits, so {@code word(0) >>> 60} is the first digit. Bit {@code p} of the
 * code (as used by substring extraction) is bit {@code p % 64} of word {@code p / 64}.
 */
public final class BinaryCode {
  private final long[] words;

  private BinaryCode(long[] words) {
    this.words = words;
  }

  /** A code from its 64-bit words, word 0 first; the width is {@code 64 * words.length}. */
  public static BinaryCode ofWords(long... words) {
    if (words.length == 0) {
      throw new IndexException("a binary code needs at least one 64-bit word, got 0");
    }
    return new BinaryCode(words.clone());
  }

  /**
   * Parses {@code hex}, whose length must be a positive multiple of 16 digits (64 bits).
   *
   * @throws IndexException naming the length, or the first bad character and its position
   */
  public static BinaryCode fromHex(String hex) {
    if (hex.isEmpty() || hex.length() % 16 != 0) {
      throw new IndexException(
          "a binary code needs a positive multiple of 16 hex digits (64 bits), got "
              + hex.length()
              + " digits");
    }
    long[] words = new long[hex.length() / 16];
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      int digit = Character.digit(c, 16);
      if (digit < 0 || c > 'f') {
        throw new IndexException(
            "invalid hex digit '" + c + "' at position " + i + " of \"" + hex + "\"");
      }
      words[i / 16] = (words[i / 16] << 4) | digit;
    }
    return new BinaryCode(words);
  }

  /** Parses {@code hex} and checks that it has {@code width} bits. */
  public static BinaryCode fromHex(int width, String hex) {
    BinaryCode code = fromHex(hex);
    if (code.width() != width) {
      throw new IndexException(
          "expected a " + width + "-bit code (" + width / 4 + " hex digits), got "
              + hex.length() + " digits");
    }
    return code;
  }

  /** Width in bits: a positive multiple of 64. */
  public int width() {
    return words.length * 64;
  }

  /** Word {@code i} (0 = the first 16 hex digits). */
  public long word(int i) {
    return words[i];
  }

  /** Number of differing bits; both codes must have the same width. */
  public int distance(BinaryCode other) {
    other.requireWidth(width());
    int d = 0;
    for (int i = 0; i < words.length; i++) {
      d += Long.bitCount(words[i] ^ other.words[i]);
    }
    return d;
  }

  /** This code with bit {@code p} inverted (see the class comment for bit numbering). */
  public BinaryCode flip(int p) {
    if (p < 0 || p >= width()) {
      throw new IndexException("bit " + p + " is outside a " + width() + "-bit code");
    }
    long[] copy = words.clone();
    copy[p >>> 6] ^= 1L << (p & 63);
    return new BinaryCode(copy);
  }

  /** Lower-case hex, most significant digit first. */
  public String toHex() {
    StringBuilder sb = new StringBuilder(words.length * 16);
    for (long w : words) {
      String s = Long.toHexString(w);
      sb.repeat('0', 16 - s.length()).append(s);
    }
    return sb.toString();
  }

  void requireWidth(int expected) {
    if (width() != expected) {
      throw new IndexException(
          "width mismatch: expected a " + expected + "-bit code, got " + width() + " bits");
    }
  }

  /** The words themselves, for kernels in this package that promise not to write them. */
  long[] unsafeWords() {
    return words;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinaryCode other && Arrays.equals(words, other.words);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
