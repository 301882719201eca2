package org.kyodaku.fingerprint.pdq;

import java.util.Arrays;
import org.kyodaku.fingerprint.image.RgbImage;

/**
 * PDQ steps 1–2: luminance, then a blur and decimation to 64×64.
 *
 * <p><b>Input</b>: an sRGB image of {@code W × H} pixels, any size of at least 1×1.
 *
 * <p><b>1. Luminance</b>, per pixel, in single precision: {@code Y = 0.299·R + 0.587·G + 0.114·B}
 * (R, G, B in 0–255, alpha ignored), the ITU-R BT.601 luma weights the reference uses. The three
 * products come from 256-entry tables filled with the same single-precision products, and are
 * added left to right, so every {@code Y} is bit-identical to the reference's.
 *
 * <p><b>2. Blur</b> (Jarosz, "Fast image convolutions", SIGGRAPH 2001): four passes of a 1-D box
 * filter (along rows, along columns, along rows, along columns), which approximates a tent filter
 * spanning one 64th of the image per axis. Window along rows {@code wx = ceil(W / 128)}, along
 * columns {@code wy = ceil(H / 128)}: half a 64th, because the second pair of passes doubles the
 * reach. Each output is the mean of the window around its position, with {@code lag = w -
 * (w+2)/2} samples before it and {@code lead = (w+2)/2 - 1} after it (so even windows reach one
 * further forward, 8 → 3 before, 4 after), clipped at the edges where the divisor shrinks to the
 * number of samples inside. The mean is a running sum in single precision: samples enter and
 * leave in order, and at each step the entering sample is added before the leaving one is
 * subtracted, then the sum is divided by the count. Floating-point rounding depends on that order,
 * and bit-exact hashes depend on the rounding, so it is the reference's order exactly. Columns are
 * filtered a whole row of sums at a time (cache-friendly, and the same arithmetic per column).
 *
 * <p><b>3. Decimate</b>: output cell {@code (i, j)}, 0 ≤ i, j < 64, is the blurred sample at row
 * {@code floor((i + 0.5)·H / 64)}, column {@code floor((j + 0.5)·W / 64)} (double precision), the
 * centre of the cell. Any aspect ratio becomes 64×64.
 *
 * <p>Memory: two {@code W × H} float planes and one row of ints and floats per call; nothing is
 * allocated inside the loops.
 */
final class JaroszDownsampler {
  static final int SIZE = 64;
  private static final int WINDOW_DIVISOR = 2 * SIZE;
  private static final int PASSES = 2;

  private static final float[] RED = new float[256];
  private static final float[] GREEN = new float[256];
  private static final float[] BLUE = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      RED[v] = 0.299f * v;
      GREEN[v] = 0.587f * v;
      BLUE[v] = 0.114f * v;
    }
  }

  private JaroszDownsampler() {}

  /** Box window for a side of {@code length} samples: {@code ceil(length / 128)}. */
  static int windowSize(int length) {
    return (length + WINDOW_DIVISOR - 1) / WINDOW_DIVISOR;
  }

  /** Writes the 64×64 downsample of {@code image}'s luminance to {@code out}, row-major. */
  static void downsample(RgbImage image, float[] out) {
    int width = image.width();
    int height = image.height();
    float[] plane = new float[Math.multiplyExact(width, height)];
    float[] scratch = new float[plane.length];
    luminance(image, plane);
    int windowX = windowSize(width);
    int windowY = windowSize(height);
    float[] columnSums = new float[width];
    for (int pass = 0; pass < PASSES; pass++) {
      for (int y = 0; y < height; y++) {
        boxRow(plane, scratch, y * width, width, windowX);
      }
      boxColumns(scratch, plane, width, height, windowY, columnSums);
    }
    decimate(plane, width, height, out);
  }

  static void luminance(RgbImage image, float[] plane) {
    int width = image.width();
    int[] row = new int[width];
    for (int y = 0, o = 0; y < image.height(); y++) {
      image.copyRow(y, row);
      for (int x = 0; x < width; x++, o++) {
        int p = row[x];
        plane[o] = RED[p >>> 16 & 0xFF] + GREEN[p >>> 8 & 0xFF] + BLUE[p & 0xFF];
      }
    }
  }

  /** Box filter over {@code in[start .. start+n-1]} into the same positions of {@code out}. */
  static void boxRow(float[] in, float[] out, int start, int n, int window) {
    int lead = (window + 2) / 2 - 1;
    int lag = window - lead - 1;
    float sum = 0f;
    int count = 0;
    int enter = start;
    int leave = start;
    int o = start;
    for (int i = 0; i < lead; i++) {
      sum += in[enter++];
      count++;
    }
    // Window still growing: positions 0 .. lag.
    for (int i = 0; i <= lag; i++) {
      sum += in[enter++];
      count++;
      out[o++] = sum / count;
    }
    // Full window sliding: one sample enters, then one leaves.
    for (int i = 0, steps = n - window; i < steps; i++) {
      sum += in[enter++];
      sum -= in[leave++];
      out[o++] = sum / count;
    }
    // Window shrinking at the far edge.
    for (int i = 0; i < lead; i++) {
      sum -= in[leave++];
      count--;
      out[o++] = sum / count;
    }
  }

  /**
   * The same filter as {@link #boxRow} down every column of a {@code width × height} plane, keeping
   * one running sum per column in {@code sums} and walking the plane row by row.
   */
  static void boxColumns(float[] in, float[] out, int width, int height, int window, float[] sums) {
    int lead = (window + 2) / 2 - 1;
    int lag = window - lead - 1;
    Arrays.fill(sums, 0f);
    int count = 0;
    int enter = 0;
    int leave = 0;
    int o = 0;
    for (int i = 0; i < lead; i++, enter += width) {
      for (int x = 0; x < width; x++) {
        sums[x] += in[enter + x];
      }
      count++;
    }
    for (int i = 0; i <= lag; i++, enter += width, o += width) {
      count++;
      for (int x = 0; x < width; x++) {
        float s = sums[x] + in[enter + x];
        sums[x] = s;
        out[o + x] = s / count;
      }
    }
    for (int i = 0, steps = height - window; i < steps; i++, enter += width, leave += width, o += width) {
      for (int x = 0; x < width; x++) {
        float s = sums[x] + in[enter + x];
        s -= in[leave + x];
        sums[x] = s;
        out[o + x] = s / count;
      }
    }
    for (int i = 0; i < lead; i++, leave += width, o += width) {
      count--;
      for (int x = 0; x < width; x++) {
        float s = sums[x] - in[leave + x];
        sums[x] = s;
        out[o + x] = s / count;
      }
    }
  }

  static void decimate(float[] plane, int width, int height, float[] out) {
    for (int i = 0; i < SIZE; i++) {
      int row = (int) ((i + 0.5) * height / SIZE);
      for (int j = 0; j < SIZE; j++) {
        int column = (int) ((j + 0.5) * width / SIZE);
        out[i * SIZE + j] = plane[row * width + column];
      }
    }
  }
}
