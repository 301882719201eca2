package org.kyodaku.fingerprint.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kyodaku.fingerprint.pdq.PdqHasher;

/**
 * BMP and TIFF (and PNG, for comparison): a picture written losslessly in each format decodes to
 * exactly its pixels, so its PDQ hash does not depend on the format. The fixtures are written here
 * from one of Meta's PDQ test photos with the JDK's own writers.
 */
class LosslessFormatsTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bmp", "tiff", "png"})
  void decode_pictureWrittenLosslessly_givesItsPixelsAndTheSamePdq(String format, @TempDir Path dir) throws IOException {
    RgbImage source =
        ImageDecoder.imageIo().decode(org.kyodaku.testkit.SharedTestData.resolve("pdq/data/bridge-mods/square-256x256.jpg"));
    BufferedImage picture = new BufferedImage(source.width(), source.height(), BufferedImage.TYPE_INT_RGB);
    int[] row = new int[source.width()];
    for (int y = 0; y < source.height(); y++) {
      source.copyRow(y, row);
      picture.setRGB(0, y, source.width(), 1, row, 0, source.width());
    }
    Path file = dir.resolve("bridge." + format);
    assertThat(ImageIO.write(picture, format, file.toFile())).as("a JDK writer for %s", format).isTrue();

    RgbImage decoded = ImageDecoder.imageIo().decode(file);

    assertThat(decoded.width()).isEqualTo(source.width());
    assertThat(decoded.height()).isEqualTo(source.height());
    int[] got = new int[source.width()];
    for (int y = 0; y < source.height(); y++) {
      source.copyRow(y, row);
      decoded.copyRow(y, got);
      for (int x = 0; x < row.length; x++) {
        assertThat(got[x] & 0xFFFFFF).as("(%d, %d)", x, y).isEqualTo(row[x] & 0xFFFFFF);
      }
    }
    assertThat(new PdqHasher().hash(file)).isEqualTo(new PdqHasher().hash(source));
  }
}
