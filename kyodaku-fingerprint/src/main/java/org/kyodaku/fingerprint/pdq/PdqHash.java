package org.kyodaku.fingerprint.pdq;

import java.util.HexFormat;
import org.kyodaku.core.model.Fingerprint;

/**
 * A 256-bit PDQ hash, held as four 64-bit words in the order the hex form prints them.
 *
 * <p>Bit {@code k} (0–255) is the answer for DCT coefficient {@code (row k / 16, column k % 16)}
 * and has weight {@code 2^k} in the 256-bit number that the 64 hex digits spell, most significant
 * digit first. That is the reference's layout (16 words of 16 bits, printed from word 15 down to
 * word 0), so {@link #toHex()} equals the reference's output for the same bits.
 *
 * @param bits192to255 bits 192–255, the first 16 hex digits
 * @param bits128to191 bits 128–191
 * @param bits64to127 bits 64–127
 * @param bits0to63 bits 0–63, the last 16 hex digits
 */
public record PdqHash(long bits192to255, long bits128to191, long bits64to127, long bits0to63) {
  /**
   * Largest Hamming distance at which two hashes are taken to show the same image: 31 of 256 bits
   * ({@code pdq/README.md}; {@code PDQ_CONFIDENT_MATCH_THRESHOLD} in python-threatexchange).
   */
  public static final int MATCH_DISTANCE = 31;

  private static final int HEX_DIGITS = 64;

  /**
   * Parses 64 hex digits (either case), as the reference prints them.
   *
   * @throws PdqException if {@code hex} is not exactly 64 hex digits
   */
  public static PdqHash fromHex(String hex) {
    if (hex.length() != HEX_DIGITS || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new PdqException(
          "a PDQ hash is " + HEX_DIGITS + " hex digits, got " + hex.length()
              + " characters: \"" + (hex.length() > 80 ? hex.substring(0, 80) + "…" : hex) + "\"");
    }
    return new PdqHash(
        HexFormat.fromHexDigitsToLong(hex, 0, 16),
        HexFormat.fromHexDigitsToLong(hex, 16, 32),
        HexFormat.fromHexDigitsToLong(hex, 32, 48),
        HexFormat.fromHexDigitsToLong(hex, 48, 64));
  }

  /** The hash whose bit {@code k} is bit {@code k % 64} of {@code words[k / 64]}. */
  static PdqHash fromWords(long[] words) {
    return new PdqHash(words[3], words[2], words[1], words[0]);
  }

  /** Bit {@code index} (0–255): 1 iff that DCT coefficient was above the median. */
  public boolean bit(int index) {
    if (index < 0 || index > 255) {
      throw new IndexOutOfBoundsException("a PDQ bit index is 0..255, got " + index);
    }
    long word =
        switch (index >>> 6) {
          case 0 -> bits0to63;
          case 1 -> bits64to127;
          case 2 -> bits128to191;
          default -> bits192to255;
        };
    return (word >>> (index & 63) & 1) != 0;
  }

  /** Number of bits set, 0–256 (about 128 for any real image: half the coefficients). */
  public int bitCount() {
    return Long.bitCount(bits0to63)
        + Long.bitCount(bits64to127)
        + Long.bitCount(bits128to191)
        + Long.bitCount(bits192to255);
  }

  /** Hamming distance: the number of bits in which the two hashes differ, 0–256. */
  public int distance(PdqHash other) {
    return Long.bitCount(bits0to63 ^ other.bits0to63)
        + Long.bitCount(bits64to127 ^ other.bits64to127)
        + Long.bitCount(bits128to191 ^ other.bits128to191)
        + Long.bitCount(bits192to255 ^ other.bits192to255);
  }

  /** Whether {@link #distance} is at most {@link #MATCH_DISTANCE}. */
  public boolean matches(PdqHash other) {
    return distance(other) <= MATCH_DISTANCE;
  }

  /** The 64 lowercase hex digits, identical to the reference's text form. */
  public String toHex() {
    HexFormat hex = HexFormat.of();
    return hex.toHexDigits(bits192to255)
        + hex.toHexDigits(bits128to191)
        + hex.toHexDigits(bits64to127)
        + hex.toHexDigits(bits0to63);
  }

  /** This hash as a stored fingerprint, algorithm {@value PdqHasher#ALGORITHM}. */
  public Fingerprint toFingerprint() {
    return new Fingerprint(PdqHasher.ALGORITHM, toHex());
  }

  /** The hex form, as {@link #toHex()}. */
  @Override
  public String toString() {
    return toHex();
  }
}
