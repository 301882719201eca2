package org.kyodaku.fingerprint.pdq;

import java.util.Arrays;

/**
 * PDQ step 3: the lowest 16×16 non-constant frequencies of the 64×64 downsample's 2-D DCT, and
 * the dihedral variants of that 16×16 block.
 *
 * <p><b>Input</b>: {@code A}, 64×64, row-major. <b>Output</b>: {@code B = D·A·Dᵀ}, 16×16, where
 * {@code D} is 16×64 with {@code D[u][k] = (float) (s · cos(π / 128 · (u+1) · (2k+1)))}, {@code s
 * = (float) sqrt(2/64)}: rows 1–16 of the orthonormal DCT-II basis of length 64. Row 0 (the DC
 * term, mean brightness) is left out, so the hash ignores overall brightness; frequencies above 16
 * are left out, so it ignores fine detail. All sums run over {@code k} ascending in single
 * precision from 0, as in the reference, which keeps every coefficient bit-identical (the cosine
 * table is built with {@link StrictMath} so it is the same on every platform; for these arguments
 * it equals the reference's {@code Math.cos} table). Computing only the needed 16 rows costs 82k
 * multiply-adds; the reference notes a fast full DCT was slower.
 *
 * <p><b>Dihedral variants</b> (hashing.pdf, "dihedral invariance"): reversing the 64 samples along
 * an axis multiplies DCT frequency {@code f} along it by {@code (−1)^f}, so a mirror negates the
 * coefficients at odd frequency ({@code f = index + 1}, i.e. even index) along that axis, and
 * reflecting the image across its main diagonal transposes {@code B}. Each {@link Dihedral} is a
 * choice of mirrors followed by an optional transpose; the result is then thresholded at its own
 * median like an original.
 */
final class Dct64To16 {
  static final int N = JaroszDownsampler.SIZE;
  static final int K = 16;
  private static final float[] MATRIX = new float[K * N];

  static {
    float scale = (float) StrictMath.sqrt(2.0 / N);
    for (int u = 0; u < K; u++) {
      for (int k = 0; k < N; k++) {
        MATRIX[u * N + k] = (float) (scale * StrictMath.cos(Math.PI / 2 / N * (u + 1) * (2 * k + 1)));
      }
    }
  }

  private Dct64To16() {}

  /** {@code D[u][k]}, for tests. */
  static float basis(int u, int k) {
    return MATRIX[u * N + k];
  }

  /**
   * Writes {@code D·A·Dᵀ} to {@code out} (16×16) using {@code temp} (16×64) for {@code D·A}.
   */
  static void transform(float[] a, float[] temp, float[] out) {
    Arrays.fill(temp, 0f);
    // temp[u][j] = sum over k of D[u][k]·A[k][j], k ascending; j innermost so rows stream.
    for (int u = 0; u < K; u++) {
      int t = u * N;
      for (int k = 0; k < N; k++) {
        float d = MATRIX[u * N + k];
        int r = k * N;
        for (int j = 0; j < N; j++) {
          temp[t + j] += d * a[r + j];
        }
      }
    }
    // out[u][v] = sum over k of temp[u][k]·D[v][k], k ascending.
    for (int u = 0; u < K; u++) {
      for (int v = 0; v < K; v++) {
        float sum = 0f;
        for (int k = 0; k < N; k++) {
          sum += temp[u * N + k] * MATRIX[v * N + k];
        }
        out[u * K + v] = sum;
      }
    }
  }

  /** Writes the coefficients of the image turned by {@code orientation} to {@code out}. */
  static void turn(float[] dct, Dihedral orientation, float[] out) {
    for (int i = 0; i < K; i++) {
      boolean negateRow = orientation.mirrorRows && (i & 1) == 0;
      for (int j = 0; j < K; j++) {
        boolean negate = negateRow ^ (orientation.mirrorColumns && (j & 1) == 0);
        float c = dct[i * K + j];
        out[orientation.transpose ? j * K + i : i * K + j] = negate ? -c : c;
      }
    }
  }
}
