package org.kyodaku.fingerprint.iscc;

import java.util.List;

/**
 * SimHash (M. Charikar, "Similarity estimation techniques from rounding algorithms", STOC 2002),
 * in the bitwise-majority form ISCC uses for the Meta-, Audio- and Mixed-Codes.
 *
 * <p>Input: equal-length digests. For every bit position (most significant bit of the first byte
 * is position 0) count the digests that have a 1 there; the output bit is 1 when that count is at
 * least half the number of digests ({@code 2*count >= n}, so a tie gives 1). Output has the
 * digests' length.
 */
final class SimHash {
  private SimHash() {}

  static byte[] of(List<byte[]> digests) {
    int nBytes = digests.get(0).length;
    int[] counts = new int[nBytes * 8];
    for (byte[] d : digests) {
      if (d.length != nBytes) {
        throw new IllegalArgumentException(
            "simhash digests differ in length: " + nBytes + " and " + d.length);
      }
      for (int i = 0; i < counts.length; i++) {
        counts[i] += (d[i >>> 3] >>> (7 - (i & 7))) & 1;
      }
    }
    byte[] out = new byte[nBytes];
    int n = digests.size();
    for (int i = 0; i < counts.length; i++) {
      if (2L * counts[i] >= n) {
        out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
      }
    }
    return out;
  }
}
