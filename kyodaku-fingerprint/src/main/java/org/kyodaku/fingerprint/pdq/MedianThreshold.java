package org.kyodaku.fingerprint.pdq;

import java.util.Arrays;

/**
 * PDQ step 4: one bit per DCT coefficient, 1 iff the coefficient is above the median.
 *
 * <p><b>Input</b>: the 16×16 coefficients {@code B}, row-major. <b>Median</b>: the 128th smallest
 * of the 256 values (the lower of the two middle values; this is what Torben's selection, used by
 * the reference, returns for an even count). <b>Bits</b>: bit {@code k = 16·i + j} is 1 iff {@code
 * B[i][j] > median}, strictly, so about half the bits are set and a hash is insensitive to global
 * contrast. Bit {@code k} goes to bit {@code k % 64} of word {@code k / 64} ({@link
 * PdqHash#fromWords}).
 */
final class MedianThreshold {
  private static final int COUNT = Dct64To16.K * Dct64To16.K;
  private static final int LOWER_MIDDLE = COUNT / 2 - 1;

  private MedianThreshold() {}

  /** The hash of {@code coefficients}; {@code sorted} (256 floats) is scratch space. */
  static PdqHash hash(float[] coefficients, float[] sorted) {
    System.arraycopy(coefficients, 0, sorted, 0, COUNT);
    Arrays.sort(sorted);
    float median = sorted[LOWER_MIDDLE];
    long[] words = new long[COUNT / 64];
    for (int k = 0; k < COUNT; k++) {
      if (coefficients[k] > median) {
        words[k >>> 6] |= 1L << (k & 63);
      }
    }
    return PdqHash.fromWords(words);
  }
}
