package org.kyodaku.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.fingerprint.image.ImageDecoder;
import org.kyodaku.fingerprint.image.RgbImage;
import org.kyodaku.testkit.SharedTestData;

/**
 * {@link FileFingerprinter#grey32} against its first implementation ({@link #reference}, kept
 * here unchanged): stored {@code iscc-image-v0} codes were made with it, so the faster one must
 * give the same 1024 values on every image, not merely close ones.
 */
class Grey32Test {
  /**
   * The first implementation, as it was committed before the row-streaming rewrite: each pixel
   * through {@link RgbImage#rgb}, its cell found by two divisions, sums and weights in doubles.
   */
  static int[] reference(RgbImage image) {
    int w = image.width();
    int h = image.height();
    double[] sum = new double[32 * 32];
    double[] weight = new double[32 * 32];
    for (int y = 0; y < h; y++) {
      int oy = (int) ((long) y * 32 / h);
      for (int x = 0; x < w; x++) {
        int ox = (int) ((long) x * 32 / w);
        int rgb = image.rgb(x, y);
        double luma = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
        sum[oy * 32 + ox] += luma;
        weight[oy * 32 + ox] += 1;
      }
    }
    int[] out = new int[32 * 32];
    for (int i = 0; i < out.length; i++) {
      out[i] = weight[i] == 0 ? -1 : (int) Math.round(sum[i] / weight[i]);
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] < 0) {
        int y = i / 32;
        int x = i % 32;
        int sy = Math.min(h - 1, y * h / 32);
        int sx = Math.min(w - 1, x * w / 32);
        int rgb = image.rgb(sx, sy);
        out[i] = (int) Math.round(0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff));
      }
    }
    return out;
  }

  /** Every image file of the shared PDQ test data (Meta's photos, misc-images, exif-rotn, modes): 49. */
  static Stream<Arguments> sharedImages() throws IOException {
    Path root = SharedTestData.resolve("pdq");
    try (Stream<Path> files = Files.walk(root)) {
      List<Arguments> out = new ArrayList<>();
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.matches(".*\\.(jpe?g|png|webp|gif|bmp|tiff?)")) {
          out.add(Arguments.of(root.relativize(p).toString(), p));
        }
      }
      assertThat(out).as("images under " + root).hasSizeGreaterThanOrEqualTo(40);
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedImages")
  void grey32_sharedImage_equalsFirstImplementation(String name, Path file) {
    RgbImage image = ImageDecoder.imageIo().decode(file);

    assertThat(FileFingerprinter.grey32(image)).as(name).containsExactly(reference(image));
  }

  @Test
  void grey32_randomImagesOfOddSizes_equalFirstImplementation() {
    SplittableRandom random = new SplittableRandom(20260301);
    int[][] sizes = {
      {1, 1}, {1, 37}, {37, 1}, {2, 3}, {31, 31}, {31, 33}, {33, 31}, {32, 32}, {63, 65},
      {64, 64}, {65, 97}, {97, 1}, {1000, 3}, {3, 1000}, {257, 129}, {1531, 977}, {4099, 33}
    };
    for (int[] size : sizes) {
      int w = size[0];
      int h = size[1];
      int[] pixels = new int[w * h];
      for (int i = 0; i < pixels.length; i++) {
        // Alpha bits set at random too: both implementations must ignore them.
        pixels[i] = random.nextInt();
      }
      RgbImage image = RgbImage.of(w, h, pixels);

      assertThat(FileFingerprinter.grey32(image)).as(w + "x" + h).containsExactly(reference(image));
    }
    for (int i = 0; i < 200; i++) {
      int w = 1 + random.nextInt(300);
      int h = 1 + random.nextInt(300);
      int[] pixels = new int[w * h];
      int base = random.nextInt(1 << 24);
      for (int p = 0; p < pixels.length; p++) {
        // Smooth images too, whose sums sit on rounding boundaries more often than noise does.
        pixels[p] = random.nextInt(4) == 0 ? random.nextInt(1 << 24) : base + p % 7;
      }
      RgbImage image = RgbImage.of(w, h, pixels);

      assertThat(FileFingerprinter.grey32(image)).as(w + "x" + h).containsExactly(reference(image));
    }
  }
}
