package org.kyodaku.fingerprint.image;

/**
 * An immutable raster of 8-bit sRGB pixels, packed {@code 0xRRGGBB} in an {@code int}, rows top
 * to bottom. Bits 24–31 carry no meaning and are ignored by every reader of this class: alpha is
 * dropped, not composited, as the PDQ reference does.
 *
 * <p>Pixels are read one row at a time into a caller-owned buffer ({@link #copyRow}), so the
 * raster stays private and a hasher's inner loop allocates nothing.
 */
public final class RgbImage {
  private final int width;
  private final int height;
  private final int[] pixels;

  private RgbImage(int width, int height, int[] pixels) {
    this.width = width;
    this.height = height;
    this.pixels = pixels;
  }

  /**
   * An image from {@code width × height} packed pixels in row-major order; the array is copied.
   *
   * @throws IllegalArgumentException if a side is below 1 or the array length is not {@code width
   *     × height}
   */
  public static RgbImage of(int width, int height, int[] rgb) {
    checkSize(width, height);
    if (rgb.length != (long) width * height) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " image needs " + (long) width * height
              + " pixels, got " + rgb.length);
    }
    return new RgbImage(width, height, rgb.clone());
  }

  /** Takes ownership of {@code pixels} without copying; only for this package's decoders. */
  static RgbImage wrap(int width, int height, int[] pixels) {
    checkSize(width, height);
    return new RgbImage(width, height, pixels);
  }

  private static void checkSize(int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image sides must be at least 1, got " + width + "x" + height);
    }
  }

  /** Number of columns. */
  public int width() {
    return width;
  }

  /** Number of rows. */
  public int height() {
    return height;
  }

  /** The packed {@code 0xRRGGBB} pixel at column {@code x}, row {@code y}. */
  public int rgb(int x, int y) {
    if (x < 0 || x >= width || y < 0 || y >= height) {
      throw new IndexOutOfBoundsException(
          "pixel (" + x + ", " + y + ") is outside a " + width + "x" + height + " image");
    }
    return pixels[y * width + x];
  }

  /** Copies row {@code y} into {@code destination[0 .. width-1]}. */
  public void copyRow(int y, int[] destination) {
    if (y < 0 || y >= height) {
      throw new IndexOutOfBoundsException("row " + y + " is outside a " + width + "x" + height + " image");
    }
    System.arraycopy(pixels, y * width, destination, 0, width);
  }

  /**
   * This image turned as EXIF orientation {@code tag} (1–8) says a viewer should show it; 1 and
   * unknown values return this image.
   */
  RgbImage oriented(int tag) {
    if (tag < 2 || tag > 8) {
      return this;
    }
    boolean swap = tag >= 5;
    int outWidth = swap ? height : width;
    int outHeight = swap ? width : height;
    int[] out = new int[pixels.length];
    int w1 = width - 1;
    int h1 = height - 1;
    for (int y = 0; y < outHeight; y++) {
      for (int x = 0; x < outWidth; x++) {
        // (sx, sy): the stored pixel shown at (x, y), per the eight cases of CIPA DC-008 §4.6.4.
        int sx;
        int sy;
        switch (tag) {
          case 2 -> { sx = w1 - x; sy = y; } // mirrored left-right
          case 3 -> { sx = w1 - x; sy = h1 - y; } // rotated 180°
          case 4 -> { sx = x; sy = h1 - y; } // mirrored top-bottom
          case 5 -> { sx = y; sy = x; } // transposed
          case 6 -> { sx = y; sy = h1 - x; } // stored turned 90° anticlockwise: show turned clockwise
          case 7 -> { sx = w1 - y; sy = h1 - x; } // transversed
          default -> { sx = w1 - y; sy = x; } // 8: stored turned 90° clockwise: show anticlockwise
        }
        out[y * outWidth + x] = pixels[sy * width + sx];
      }
    }
    return new RgbImage(outWidth, outHeight, out);
  }

  @Override
  public String toString() {
    return "RgbImage[" + width + "x" + height + "]";
  }
}
