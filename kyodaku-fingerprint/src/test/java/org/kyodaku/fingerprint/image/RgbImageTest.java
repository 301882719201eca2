package org.kyodaku.fingerprint.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RgbImageTest {

  @Test
  void of_callerChangesArrayAfterwards_imageUnchanged() {
    int[] pixels = {1, 2, 3, 4, 5, 6};
    RgbImage image = RgbImage.of(3, 2, pixels);
    pixels[0] = 99;

    assertThat(image.rgb(0, 0)).isEqualTo(1);
    assertThat(image.rgb(2, 1)).isEqualTo(6);
  }

  @Test
  void of_lengthNotWidthTimesHeight_throwsQuotingSizes() {
    assertThatThrownBy(() -> RgbImage.of(3, 2, new int[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a 3x2 image needs 6 pixels, got 5");
  }

  @Test
  void of_zeroWidth_throwsQuotingSize() {
    assertThatThrownBy(() -> RgbImage.of(0, 2, new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image sides must be at least 1, got 0x2");
  }

  @Test
  void copyRow_secondRow_copiesThatRow() {
    RgbImage image = RgbImage.of(3, 2, new int[] {1, 2, 3, 4, 5, 6});
    int[] row = new int[3];

    image.copyRow(1, row);

    assertThat(row).containsExactly(4, 5, 6);
  }

  /**
   * A 3x2 image and how a viewer shows it for each EXIF orientation (CIPA DC-008 §4.6.4): stored
   * rows "1 2 3 / 4 5 6".
   */
  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void oriented_eachExifValue_showsAsSpecified(int tag) {
    RgbImage stored = RgbImage.of(3, 2, new int[] {1, 2, 3, 4, 5, 6});
    int[][] shown =
        switch (tag) {
          case 1 -> new int[][] {{1, 2, 3}, {4, 5, 6}};
          case 2 -> new int[][] {{3, 2, 1}, {6, 5, 4}};
          case 3 -> new int[][] {{6, 5, 4}, {3, 2, 1}};
          case 4 -> new int[][] {{4, 5, 6}, {1, 2, 3}};
          case 5 -> new int[][] {{1, 4}, {2, 5}, {3, 6}};
          case 6 -> new int[][] {{4, 1}, {5, 2}, {6, 3}};
          case 7 -> new int[][] {{6, 3}, {5, 2}, {4, 1}};
          default -> new int[][] {{3, 6}, {2, 5}, {1, 4}};
        };

    RgbImage turned = stored.oriented(tag);

    assertThat(turned.height()).isEqualTo(shown.length);
    assertThat(turned.width()).isEqualTo(shown[0].length);
    for (int y = 0; y < shown.length; y++) {
      for (int x = 0; x < shown[0].length; x++) {
        assertThat(turned.rgb(x, y)).as("(%d, %d)", x, y).isEqualTo(shown[y][x]);
      }
    }
  }

  @ParameterizedTest(name = "BufferedImage type {0}")
  @ValueSource(
      ints = {
        BufferedImage.TYPE_3BYTE_BGR,
        BufferedImage.TYPE_4BYTE_ABGR,
        BufferedImage.TYPE_4BYTE_ABGR_PRE,
        BufferedImage.TYPE_INT_RGB,
        BufferedImage.TYPE_INT_ARGB,
        BufferedImage.TYPE_BYTE_GRAY,
        BufferedImage.TYPE_USHORT_GRAY,
        BufferedImage.TYPE_BYTE_INDEXED
      })
  void pack_anyLayout_equalsGetRgb(int type) {
    BufferedImage image = new BufferedImage(37, 11, type);
    Random random = new Random(type);
    for (int y = 0; y < 11; y++) {
      for (int x = 0; x < 37; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }

    int[] packed = SrgbPacker.pack(image);

    for (int y = 0; y < 11; y++) {
      for (int x = 0; x < 37; x++) {
        assertThat(packed[y * 37 + x] & 0xFFFFFF)
            .as("(%d, %d)", x, y)
            .isEqualTo(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
  }

  @Test
  void pack_subImageOfInterleavedBytes_equalsGetRgb() {
    BufferedImage parent = new BufferedImage(20, 20, BufferedImage.TYPE_3BYTE_BGR);
    Random random = new Random(1);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 20; x++) {
        parent.setRGB(x, y, random.nextInt());
      }
    }
    BufferedImage child = parent.getSubimage(3, 5, 10, 7);

    int[] packed = SrgbPacker.pack(child);

    for (int y = 0; y < 7; y++) {
      for (int x = 0; x < 10; x++) {
        assertThat(packed[y * 10 + x] & 0xFFFFFF).isEqualTo(child.getRGB(x, y) & 0xFFFFFF);
      }
    }
  }
}
