package org.kyodaku.fingerprint.robustness;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.kyodaku.fingerprint.image.RgbImage;

/**
 * A working image for the transformations: packed {@code 0xRRGGBB} pixels, row-major. Treated as
 * immutable: the array is owned by the raster, and every transformation makes a new one.
 */
record Raster(int width, int height, int[] rgb) {
  Raster {
    if (width < 1 || height < 1 || rgb.length != width * height) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " raster needs " + (long) width * height
              + " pixels, got " + rgb.length);
    }
  }

  static Raster of(RgbImage image) {
    int w = image.width();
    int[] rgb = new int[w * image.height()];
    int[] row = new int[w];
    for (int y = 0; y < image.height(); y++) {
      image.copyRow(y, row);
      for (int x = 0; x < w; x++) {
        rgb[y * w + x] = row[x] & 0xffffff;
      }
    }
    return new Raster(w, image.height(), rgb);
  }

  /** Pixels of an image of any type, alpha dropped as the registry's decoder drops it. */
  static Raster of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] &= 0xffffff;
    }
    return new Raster(w, h, rgb);
  }

  RgbImage toRgbImage() {
    return RgbImage.of(width, height, rgb);
  }

  /** A {@code TYPE_INT_RGB} copy to draw on with Java 2D. */
  BufferedImage toBufferedImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    System.arraycopy(rgb, 0, data, 0, rgb.length);
    return image;
  }

  long pixels() {
    return (long) width * height;
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
