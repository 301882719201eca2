package org.kyodaku.fingerprint.pdq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The steps of the pipeline on small inputs whose answers can be worked out by hand. */
class PdqStepsTest {

  @ParameterizedTest(name = "side {0} -> window {1}")
  @CsvSource({"1, 1", "64, 1", "128, 1", "129, 2", "256, 2", "1004, 8", "1600, 13", "4032, 32"})
  void windowSize_side_isCeilingOfSideOver128(int side, int window) {
    assertThat(JaroszDownsampler.windowSize(side)).isEqualTo(window);
  }

  @Test
  void boxRow_window7_meansOfThreeBeforeAndThreeAfterClippedAtEdges() {
    float[] in = new float[16];
    for (int i = 0; i < 16; i++) {
      in[i] = i;
    }
    float[] out = new float[16];

    JaroszDownsampler.boxRow(in, out, 0, 16, 7);

    assertThat(out[0]).isEqualTo((0 + 1 + 2 + 3) / 4f);
    assertThat(out[3]).isEqualTo((0 + 1 + 2 + 3 + 4 + 5 + 6) / 7f);
    assertThat(out[8]).isEqualTo((5 + 6 + 7 + 8 + 9 + 10 + 11) / 7f);
    assertThat(out[15]).isEqualTo((12 + 13 + 14 + 15) / 4f);
  }

  @Test
  void boxRow_window8_reachesThreeBackFourForward() {
    float[] in = new float[16];
    for (int i = 0; i < 16; i++) {
      in[i] = i;
    }
    float[] out = new float[16];

    JaroszDownsampler.boxRow(in, out, 0, 16, 8);

    assertThat(out[0]).isEqualTo((0 + 1 + 2 + 3 + 4) / 5f);
    assertThat(out[8]).isEqualTo((5 + 6 + 7 + 8 + 9 + 10 + 11 + 12) / 8f);
    assertThat(out[15]).isEqualTo((12 + 13 + 14 + 15) / 4f);
  }

  @Test
  void boxColumns_randomPlane_bitIdenticalToBoxRowOnTransposedPlane() {
    int width = 37;
    int height = 300;
    Random random = new Random(3);
    float[] plane = new float[width * height];
    float[] transposed = new float[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float v = random.nextFloat() * 255;
        plane[y * width + x] = v;
        transposed[x * height + y] = v;
      }
    }
    int window = JaroszDownsampler.windowSize(height) + 5;
    float[] byColumns = new float[plane.length];
    float[] byRows = new float[plane.length];

    JaroszDownsampler.boxColumns(plane, byColumns, width, height, window, new float[width]);
    for (int x = 0; x < width; x++) {
      JaroszDownsampler.boxRow(transposed, byRows, x * height, height, window);
    }

    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        assertThat(Float.floatToRawIntBits(byColumns[y * width + x]))
            .as("(%d, %d)", x, y)
            .isEqualTo(Float.floatToRawIntBits(byRows[x * height + y]));
      }
    }
  }

  @Test
  void quality_flatDownsample_isZero() {
    assertThat(QualityMetric.of(new float[64 * 64])).isZero();
  }

  @Test
  void quality_blackWhiteCheckerboard_isCappedAt100() {
    float[] checker = new float[64 * 64];
    for (int i = 0; i < 64 * 64; i++) {
      checker[i] = ((i / 64 + i % 64) & 1) * 255f;
    }
    assertThat(QualityMetric.of(checker)).isEqualTo(100);
  }

  @Test
  void quality_stepUnder255Over100_countsNothing() {
    // A 2.5-level step is 0.98 % of full scale: truncated to 0, so gentle shading scores nothing.
    float[] ramp = new float[64 * 64];
    for (int i = 0; i < 64 * 64; i++) {
      ramp[i] = (i % 64) * 2.5f;
    }
    assertThat(QualityMetric.of(ramp)).isZero();
  }

  /** The cosine table is built with StrictMath; the reference used Math.cos. Same floats. */
  @Test
  void dctBasis_strictMath_equalsReferenceMathCosTable() {
    float scale = (float) Math.sqrt(2.0 / 64.0);
    for (int u = 0; u < 16; u++) {
      for (int k = 0; k < 64; k++) {
        float viaMath = (float) (scale * Math.cos((Math.PI / 2 / 64.0) * (u + 1) * (2 * k + 1)));
        assertThat(Dct64To16.basis(u, k)).as("D[%d][%d]", u, k).isEqualTo(viaMath);
      }
    }
  }

  @Test
  void median_256DistinctValues_thresholdsAtLowerMiddle() {
    float[] values = new float[256];
    for (int k = 0; k < 256; k++) {
      values[k] = 255 - k; // coefficient k holds 255 - k: the 128 largest are k = 0..127
    }

    PdqHash hash = MedianThreshold.hash(values, new float[256]);

    // Median = 127 (128th smallest); strictly above it: values 128..255, i.e. k = 0..127.
    assertThat(hash.toHex()).isEqualTo("0".repeat(32) + "f".repeat(32));
  }
}
