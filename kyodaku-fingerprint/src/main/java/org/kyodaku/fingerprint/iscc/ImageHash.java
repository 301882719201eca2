package org.kyodaku.fingerprint.iscc;

import java.util.Arrays;

/**
 * The Image-Code v0 soft hash (ISO 24138; iscc-core {@code code_content_image.py}, {@code
 * dct.py}): a DCT perceptual hash of a normalised 32x32 grey image.
 *
 * <p>Input: 1024 grey values 0..255, row-major. Making them from a picture (EXIF orientation,
 * alpha onto white, border trim, grey conversion, resize to 32x32) is done by the caller.
 *
 * <ol>
 *   <li>Unnormalised DCT-II of each row, then of each column of the result, with the recursive
 *       fast algorithm of B. G. Lee ("A new algorithm to compute the discrete cosine transform",
 *       IEEE Trans. ASSP 32(6), 1984) in the form published by Nayuki ("Fast discrete cosine
 *       transform algorithms", nayuki.io): split {@code v} of length {@code n} into {@code
 *       alpha_i = v_i + v_(n-1-i)} and {@code beta_i = (v_i - v_(n-1-i)) / (2 cos((i + 0.5)
 *       pi / n))}, transform both halves, and interleave {@code alpha_i} with {@code beta_i +
 *       beta_(i+1)} (the last {@code beta} alone). Evaluated in double precision in this exact
 *       order, with {@link StrictMath#cos} so the result is the same on every platform.
 *   <li>Four 8x8 blocks of the low-frequency corner, at (column, row) offsets (0,0), (1,0),
 *       (0,1), (1,1), each read row by row.
 *   <li>Per block: its median (the mean of the 32nd and 33rd smallest of the 64 values); a
 *       coefficient above the median gives bit 1, otherwise 0. 64 bits per block, 256 in all,
 *       most significant bit first; a shorter code is a prefix.
 * </ol>
 */
final class ImageHash {
  private static final int SIDE = 32;

  private ImageHash() {}

  static byte[] digest(int[] pixels) {
    if (pixels.length != SIDE * SIDE) {
      throw new IsccException(
          "Image-Code needs 1024 grey values (32x32), got " + pixels.length);
    }
    double[][] m = new double[SIDE][];
    for (int r = 0; r < SIDE; r++) {
      double[] row = new double[SIDE];
      for (int c = 0; c < SIDE; c++) {
        int p = pixels[r * SIDE + c];
        if (p < 0 || p > 255) {
          throw new IsccException(
              "grey value at index " + (r * SIDE + c) + " must be 0..255, got " + p);
        }
        row[c] = p;
      }
      m[r] = dct(row);
    }
    for (int c = 0; c < SIDE; c++) {
      double[] col = new double[SIDE];
      for (int r = 0; r < SIDE; r++) {
        col[r] = m[r][c];
      }
      col = dct(col);
      for (int r = 0; r < SIDE; r++) {
        m[r][c] = col[r];
      }
    }
    byte[] out = new byte[32];
    int bit = 0;
    int[][] offsets = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    for (int[] xy : offsets) {
      double[] block = new double[64];
      for (int r = 0; r < 8; r++) {
        for (int c = 0; c < 8; c++) {
          block[r * 8 + c] = m[xy[1] + r][xy[0] + c];
        }
      }
      double[] sorted = block.clone();
      Arrays.sort(sorted);
      double median = (sorted[31] + sorted[32]) / 2;
      for (double v : block) {
        if (v > median) {
          out[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
        }
        bit++;
      }
    }
    return out;
  }

  static double[] dct(double[] v) {
    int n = v.length;
    if (n == 1) {
      return v.clone();
    }
    int half = n / 2;
    double[] alpha = new double[half];
    double[] beta = new double[half];
    for (int i = 0; i < half; i++) {
      alpha[i] = v[i] + v[n - 1 - i];
      beta[i] = (v[i] - v[n - 1 - i]) / (StrictMath.cos((i + 0.5) * Math.PI / n) * 2.0);
    }
    alpha = dct(alpha);
    beta = dct(beta);
    double[] out = new double[n];
    for (int i = 0; i < half - 1; i++) {
      out[2 * i] = alpha[i];
      out[2 * i + 1] = beta[i] + beta[i + 1];
    }
    out[n - 2] = alpha[half - 1];
    out[n - 1] = beta[half - 1];
    return out;
  }
}
