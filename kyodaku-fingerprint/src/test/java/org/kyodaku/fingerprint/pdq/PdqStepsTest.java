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

  @ParameterizedTest(name = "{0}x{1} window {2}")
  @CsvSource({"16, 5, 7", "16, 9, 8", "1, 3, 1", "130, 7, 2", "1600, 6, 13", "37, 4, 37"})
  void boxRowsThenDivide_anyRows_bitIdenticalToBoxRow(int width, int height, int window) {
    Random random = new Random(width * 31 + height);
    float[] plane = new float[width * height];
    for (int i = 0; i < plane.length; i++) {
      plane[i] = random.nextFloat() * 255;
    }
    float[] fast = new float[plane.length];
    float[] direct = new float[plane.length];

    JaroszDownsampler.boxRows(plane, fast, width, height, window);
    for (int y = 0; y < height; y++) {
      JaroszDownsampler.divide(fast, y * width, width, window);
      JaroszDownsampler.boxRow(plane, direct, y * width, width, window);
    }

    for (int i = 0; i < plane.length; i++) {
      assertThat(Float.floatToRawIntBits(fast[i])).as("position %d", i).isEqualTo(Float.floatToRawIntBits(direct[i]));
    }
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"1600, 1004", "34, 42", "2, 2", "1, 200", "255, 3", "4032, 130"})
  void downsample_randomImage_bitIdenticalToFourFullPassesThenSampling(int width, int height) {
    Random random = new Random(width * 7919L + height);
    int[] rgb = new int[width * height];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = random.nextInt(1 << 24);
    }
    org.kyodaku.fingerprint.image.RgbImage image = org.kyodaku.fingerprint.image.RgbImage.of(width, height, rgb);
    float[] fast = new float[64 * 64];

    JaroszDownsampler.downsample(image, fast);

    // The pipeline as the reference runs it: every pass over the whole plane, then 64x64 samples.
    float[] plane = new float[width * height];
    float[] scratch = new float[plane.length];
    JaroszDownsampler.luminance(image, plane);
    for (int pass = 0; pass < 2; pass++) {
      for (int y = 0; y < height; y++) {
        JaroszDownsampler.boxRow(plane, scratch, y * width, width, JaroszDownsampler.windowSize(width));
      }
      JaroszDownsampler.boxColumns(scratch, plane, width, height, JaroszDownsampler.windowSize(height), new float[width]);
    }
    for (int i = 0; i < 64; i++) {
      for (int j = 0; j < 64; j++) {
        float expected = plane[(int) ((i + 0.5) * height / 64) * width + (int) ((j + 0.5) * width / 64)];
        assertThat(Float.floatToRawIntBits(fast[i * 64 + j])).as("(%d, %d)", i, j).isEqualTo(Float.floatToRawIntBits(expected));
      }
    }
  }

  @Test
  void luminance_everyChannelValue_equalsSinglePrecisionProductsAddedLeftToRight() {
    int[] rgb = new int[256];
    for (int v = 0; v < 256; v++) {
      rgb[v] = v << 16 | (255 - v) << 8 | (v * 7 & 0xFF);
    }
    float[] plane = new float[256];

    JaroszDownsampler.luminance(org.kyodaku.fingerprint.image.RgbImage.of(256, 1, rgb), plane);

    for (int v = 0; v < 256; v++) {
      float r = 0.299f * v;
      float g = 0.587f * (255 - v);
      float b = 0.114f * (v * 7 & 0xFF);
      assertThat(plane[v]).isEqualTo(r + g + b);
    }
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
