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
 * <p><b>Speed, with the same arithmetic.</b> Only the 64×64 samples of the last pass are needed,
 * so the last pair of passes computes no more than they depend on: the second row pass keeps its
 * running sums for every pixel (each sample depends on the whole sequence) but divides only at the
 * 64 sampled columns, and the second column pass runs down those 64 columns only. A row's running
 * sum is one chain of dependent additions, so rows are filtered four at a time, four independent
 * chains the processor overlaps; sums and divisions are separate loops, so the divisions of a row
 * run as vector instructions. Each value still goes through exactly the operations listed above,
 * in the same order (Java float arithmetic is IEEE single precision with no fused operations), so
 * the hashes stay bit-identical; {@code PdqStepsTest} checks the fast path against {@link
 * #boxRow} and {@code PdqConformanceTest} against the reference's output.
 *
 * <p>Memory: two {@code W × H} float planes, two {@code 64 × H} planes and one row of ints and
 * floats per call; nothing is allocated inside the loops.
 */
final class JaroszDownsampler {
  static final int SIZE = 64;
  private static final int WINDOW_DIVISOR = 2 * SIZE;

  private static final float RED = 0.299f;
  private static final float GREEN = 0.587f;
  private static final float BLUE = 0.114f;

  private JaroszDownsampler() {}

  /** Box window for a side of {@code length} samples: {@code ceil(length / 128)}. */
  static int windowSize(int length) {
    return (length + WINDOW_DIVISOR - 1) / WINDOW_DIVISOR;
  }

  /** Writes the 64×64 downsample of {@code image}'s luminance to {@code out}, row-major. */
  static void downsample(RgbImage image, float[] out) {
    new Blur(image).run(out);
  }

  /**
   * The four passes as one stream of rows, so that no full-size plane exists: each luminance row
   * is filtered along the row as soon as it is made, kept in a ring of {@code wy + 4} rows (about
   * 20–40 rows, in the processor's cache) for as long as the column pass needs it, and each row the
   * column pass finishes goes straight into the second row pass, which keeps only the 64 sampled
   * columns. Rows move through the row passes in blocks of four (see {@link #boxRows}); the column
   * pass does, per column, exactly the additions, subtractions and divisions of {@link
   * #boxColumns}, in its order.
   */
  private static final class Blur {
    private static final int BLOCK = 4;

    private final RgbImage image;
    private final int width;
    private final int height;
    private final int windowX;
    private final int windowY;
    private final int[] pixels;
    private final float[] lumaBlock;
    private final int ringRows;
    private final float[] ring;
    private int produced;
    private final float[] columnBlock;
    private final float[] sumBlock;
    private final int[] columns = new int[SIZE];
    private final int[] counts = new int[SIZE];
    private final float[] sampled;

    Blur(RgbImage image) {
      this.image = image;
      width = image.width();
      height = image.height();
      windowX = windowSize(width);
      windowY = windowSize(height);
      pixels = new int[width];
      lumaBlock = new float[BLOCK * width];
      // Alive at once: the row leaving the column window up to a block beyond the row entering it.
      ringRows = (windowY + BLOCK + BLOCK - 1) / BLOCK * BLOCK;
      ring = new float[Math.multiplyExact(ringRows, width)];
      columnBlock = new float[BLOCK * width];
      sumBlock = new float[BLOCK * width];
      for (int j = 0; j < SIZE; j++) {
        columns[j] = (int) ((j + 0.5) * width / SIZE);
        counts[j] = count(columns[j], width, windowX);
      }
      sampled = new float[Math.multiplyExact(SIZE, height)];
    }

    /** Where row {@code y} of the first row pass's output lies in the ring. */
    private int slot(int y) {
      return (y % ringRows) * width;
    }

    /** Makes the first row pass's output available up to row {@code y}. */
    private void produceThrough(int y) {
      while (produced <= y) {
        int rows = Math.min(BLOCK, height - produced);
        for (int k = 0; k < rows; k++) {
          luminanceRow(image, produced + k, pixels, lumaBlock, k * width);
        }
        // produced is a multiple of BLOCK here, and so is ringRows: a block never wraps.
        int slot = slot(produced);
        if (rows == BLOCK) {
          rowSums4(lumaBlock, 0, ring, slot, width, windowX);
        } else {
          for (int k = 0; k < rows; k++) {
            rowSums1(lumaBlock, k * width, ring, slot + k * width, width, windowX);
          }
        }
        for (int k = 0; k < rows; k++) {
          divide(ring, slot + k * width, width, windowX);
        }
        produced += rows;
      }
    }

    void run(float[] out) {
      int lead = (windowY + 2) / 2 - 1;
      int lag = windowY - lead - 1;
      float[] sums = new float[width];
      int count = 0;
      int enter = 0;
      int leave = 0;
      int o = 0;
      for (int i = 0; i < lead; i++, enter++) {
        produceThrough(enter);
        int in = slot(enter);
        for (int x = 0; x < width; x++) {
          sums[x] += ring[in + x];
        }
        count++;
      }
      for (int i = 0; i <= lag; i++, enter++, o++) {
        produceThrough(enter);
        count++;
        int in = slot(enter);
        int to = (o % BLOCK) * width;
        for (int x = 0; x < width; x++) {
          float s = sums[x] + ring[in + x];
          sums[x] = s;
          columnBlock[to + x] = s / count;
        }
        rowDone(o);
      }
      for (int i = 0, steps = height - windowY; i < steps; i++, enter++, leave++, o++) {
        produceThrough(enter);
        int in = slot(enter);
        int out2 = slot(leave);
        int to = (o % BLOCK) * width;
        for (int x = 0; x < width; x++) {
          float s = sums[x] + ring[in + x];
          s -= ring[out2 + x];
          sums[x] = s;
          columnBlock[to + x] = s / count;
        }
        rowDone(o);
      }
      for (int i = 0; i < lead; i++, leave++, o++) {
        count--;
        int out2 = slot(leave);
        int to = (o % BLOCK) * width;
        for (int x = 0; x < width; x++) {
          float s = sums[x] - ring[out2 + x];
          sums[x] = s;
          columnBlock[to + x] = s / count;
        }
        rowDone(o);
      }
      // The second column pass, down the 64 sampled columns only, then the 64 sampled rows.
      float[] blurred = new float[sampled.length];
      boxColumns(sampled, blurred, SIZE, height, windowY, new float[SIZE]);
      for (int i = 0; i < SIZE; i++) {
        int row = (int) ((i + 0.5) * height / SIZE);
        System.arraycopy(blurred, row * SIZE, out, i * SIZE, SIZE);
      }
    }

    /** Row {@code y} of the first column pass is done: at a block's end, run the second row pass. */
    private void rowDone(int y) {
      if (y % BLOCK != BLOCK - 1 && y != height - 1) {
        return;
      }
      int first = y - y % BLOCK;
      int rows = y - first + 1;
      if (rows == BLOCK) {
        rowSums4(columnBlock, 0, sumBlock, 0, width, windowX);
      } else {
        for (int k = 0; k < rows; k++) {
          rowSums1(columnBlock, k * width, sumBlock, k * width, width, windowX);
        }
      }
      for (int k = 0; k < rows; k++) {
        int from = k * width;
        int to = (first + k) * SIZE;
        for (int j = 0; j < SIZE; j++) {
          sampled[to + j] = sumBlock[from + columns[j]] / counts[j];
        }
      }
    }
  }

  /** Luminance of every pixel, row-major into {@code plane}. */
  static void luminance(RgbImage image, float[] plane) {
    int[] row = new int[image.width()];
    for (int y = 0; y < image.height(); y++) {
      luminanceRow(image, y, row, plane, y * image.width());
    }
  }

  /** Luminance of row {@code y} into {@code out[offset ..]}; {@code row} is scratch of one row. */
  private static void luminanceRow(RgbImage image, int y, int[] row, float[] out, int offset) {
    image.copyRow(y, row);
    for (int x = 0, o = offset; x < row.length; x++, o++) {
      int p = row[x];
      // The products are single precision, as the reference's are, and added left to right.
      out[o] = RED * (p >>> 16 & 0xFF) + GREEN * (p >>> 8 & 0xFF) + BLUE * (p & 0xFF);
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
   * The running sums of {@link #boxRow}, before its divisions, for every row of a {@code width ×
   * height} plane: {@code out} gets at each position the sum {@link #boxRow} divides there. Four
   * rows at a time, each with its own sum and the same sequence of additions and subtractions.
   */
  static void boxRows(float[] in, float[] out, int width, int height, int window) {
    int y = 0;
    for (; y + 4 <= height; y += 4) {
      rowSums4(in, y * width, out, y * width, width, window);
    }
    for (; y < height; y++) {
      rowSums1(in, y * width, out, y * width, width, window);
    }
  }

  /** {@link #boxRows} of the four rows at {@code in[from ..]} into {@code out[to ..]}. */
  private static void rowSums4(float[] in, int from, float[] out, int to, int n, int window) {
    int lead = (window + 2) / 2 - 1;
    int lag = window - lead - 1;
    int r0 = from;
    int r1 = from + n;
    int r2 = from + 2 * n;
    int r3 = from + 3 * n;
    int w0 = to;
    int w1 = to + n;
    int w2 = to + 2 * n;
    int w3 = to + 3 * n;
    float a = 0f;
    float b = 0f;
    float c = 0f;
    float d = 0f;
    int enter = 0;
    int leave = 0;
    int o = 0;
    for (int i = 0; i < lead; i++, enter++) {
      a += in[r0 + enter];
      b += in[r1 + enter];
      c += in[r2 + enter];
      d += in[r3 + enter];
    }
    for (int i = 0; i <= lag; i++, enter++, o++) {
      a += in[r0 + enter];
      b += in[r1 + enter];
      c += in[r2 + enter];
      d += in[r3 + enter];
      out[w0 + o] = a;
      out[w1 + o] = b;
      out[w2 + o] = c;
      out[w3 + o] = d;
    }
    for (int i = 0, steps = n - window; i < steps; i++, enter++, leave++, o++) {
      a += in[r0 + enter];
      b += in[r1 + enter];
      c += in[r2 + enter];
      d += in[r3 + enter];
      a -= in[r0 + leave];
      b -= in[r1 + leave];
      c -= in[r2 + leave];
      d -= in[r3 + leave];
      out[w0 + o] = a;
      out[w1 + o] = b;
      out[w2 + o] = c;
      out[w3 + o] = d;
    }
    for (int i = 0; i < lead; i++, leave++, o++) {
      a -= in[r0 + leave];
      b -= in[r1 + leave];
      c -= in[r2 + leave];
      d -= in[r3 + leave];
      out[w0 + o] = a;
      out[w1 + o] = b;
      out[w2 + o] = c;
      out[w3 + o] = d;
    }
  }

  /** {@link #boxRows} of the row at {@code in[from ..]} into {@code out[to ..]}. */
  private static void rowSums1(float[] in, int from, float[] out, int to, int n, int window) {
    int lead = (window + 2) / 2 - 1;
    int lag = window - lead - 1;
    float sum = 0f;
    int enter = from;
    int leave = from;
    int o = to;
    for (int i = 0; i < lead; i++) {
      sum += in[enter++];
    }
    for (int i = 0; i <= lag; i++) {
      sum += in[enter++];
      out[o++] = sum;
    }
    for (int i = 0, steps = n - window; i < steps; i++) {
      sum += in[enter++];
      sum -= in[leave++];
      out[o++] = sum;
    }
    for (int i = 0; i < lead; i++) {
      sum -= in[leave++];
      out[o++] = sum;
    }
  }

  /** Turns the running sums {@link #boxRows} wrote for one row into {@link #boxRow}'s means. */
  static void divide(float[] sums, int start, int n, int window) {
    int lead = (window + 2) / 2 - 1;
    int lag = window - lead - 1;
    int o = start;
    for (int i = 0; i <= lag; i++, o++) {
      sums[o] = sums[o] / (lead + 1 + i);
    }
    // The full window: one divisor, a loop the compiler turns into vector divisions.
    int end = o + n - window;
    float full = window;
    for (; o < end; o++) {
      sums[o] = sums[o] / full;
    }
    for (int i = 1; i <= lead; i++, o++) {
      sums[o] = sums[o] / (window - i);
    }
  }

  /** How many samples {@link #boxRow} averages at {@code position} of a row of {@code n}. */
  static int count(int position, int n, int window) {
    int lead = (window + 2) / 2 - 1;
    int lag = window - lead - 1;
    return Math.min(position + lead, n - 1) - Math.max(position - lag, 0) + 1;
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
}
