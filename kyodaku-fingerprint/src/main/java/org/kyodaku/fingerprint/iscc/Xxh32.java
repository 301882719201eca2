package org.kyodaku.fingerprint.iscc;

/**
 * xxHash32 (XXH32), seed 0 by default: the 32-bit non-cryptographic hash that the Text-Code and
 * Data-Code use for their features.
 *
 * <p>Specification: Yann Collet, "xxHash fast digest algorithm", version 0.1.1, {@code
 * doc/xxhash_spec.md} in <a href="https://github.com/Cyan4973/xxHash">Cyan4973/xxHash</a>.
 * Summary of the steps, all arithmetic modulo 2<sup>32</sup>, input read as little-endian 32-bit
 * lanes:
 *
 * <ol>
 *   <li>Input of 16 bytes or more: four accumulators start at {@code seed+P1+P2}, {@code
 *       seed+P2}, {@code seed}, {@code seed-P1}; each 16-byte stripe feeds one lane to each with
 *       {@code acc = rotl(acc + lane*P2, 13) * P1}; then {@code acc = rotl(a1,1) + rotl(a2,7) +
 *       rotl(a3,12) + rotl(a4,18)}. Shorter input: {@code acc = seed + P5}.
 *   <li>{@code acc += input length} (its low 32 bits).
 *   <li>Each remaining 4-byte lane: {@code acc = rotl(acc + lane*P3, 17) * P4}; each remaining
 *       byte: {@code acc = rotl(acc + byte*P5, 11) * P1}.
 *   <li>Avalanche: {@code acc ^= acc>>>15; acc *= P2; acc ^= acc>>>13; acc *= P3; acc ^=
 *       acc>>>16}.
 * </ol>
 *
 * Primes: P1 {@code 0x9E3779B1}, P2 {@code 0x85EBCA77}, P3 {@code 0xC2B2AE3D}, P4 {@code
 * 0x27D4EB2F}, P5 {@code 0x165667B1}. Known answers (spec and reference tool): empty input {@code
 * 0x02CC5D05}. Hand-written rather than a dependency: it is 40 lines, and the only Java library
 * that has it (lz4-java) is a compression codec with native parts (ADR 0004).
 */
final class Xxh32 {
  private static final int P1 = 0x9E3779B1;
  private static final int P2 = 0x85EBCA77;
  private static final int P3 = 0xC2B2AE3D;
  private static final int P4 = 0x27D4EB2F;
  private static final int P5 = 0x165667B1;

  private Xxh32() {}

  /** XXH32 with seed 0, as an unsigned value in a {@code long}. */
  static long hash(byte[] data) {
    return hash(data, 0, data.length, 0) & 0xFFFFFFFFL;
  }

  static int hash(byte[] data, int offset, int length, int seed) {
    int end = offset + length;
    int p = offset;
    int acc;
    if (length >= 16) {
      int a1 = seed + P1 + P2;
      int a2 = seed + P2;
      int a3 = seed;
      int a4 = seed - P1;
      int limit = end - 16;
      while (p <= limit) {
        a1 = round(a1, lane(data, p));
        a2 = round(a2, lane(data, p + 4));
        a3 = round(a3, lane(data, p + 8));
        a4 = round(a4, lane(data, p + 12));
        p += 16;
      }
      acc =
          Integer.rotateLeft(a1, 1)
              + Integer.rotateLeft(a2, 7)
              + Integer.rotateLeft(a3, 12)
              + Integer.rotateLeft(a4, 18);
    } else {
      acc = seed + P5;
    }
    acc += length;
    while (p + 4 <= end) {
      acc = Integer.rotateLeft(acc + lane(data, p) * P3, 17) * P4;
      p += 4;
    }
    while (p < end) {
      acc = Integer.rotateLeft(acc + (data[p] & 0xFF) * P5, 11) * P1;
      p++;
    }
    acc ^= acc >>> 15;
    acc *= P2;
    acc ^= acc >>> 13;
    acc *= P3;
    acc ^= acc >>> 16;
    return acc;
  }

  private static int round(int acc, int lane) {
    return Integer.rotateLeft(acc + lane * P2, 13) * P1;
  }

  private static int lane(byte[] b, int i) {
    return (b[i] & 0xFF)
        | (b[i + 1] & 0xFF) << 8
        | (b[i + 2] & 0xFF) << 16
        | (b[i + 3] & 0xFF) << 24;
  }
}
