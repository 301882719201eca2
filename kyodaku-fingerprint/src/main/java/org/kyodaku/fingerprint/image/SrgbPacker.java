package org.kyodaku.fingerprint.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Packs a decoded {@link BufferedImage} into {@code 0xRRGGBB} ints, giving for every pixel exactly
 * what {@link BufferedImage#getRGB(int, int)} gives (the PDQ reference reads pixels that way, so
 * this is what its hashes are of).
 *
 * <p>{@code getRGB} converts each pixel through the image's {@link ColorModel}; for 8-bit
 * interleaved sRGB bytes without premultiplied alpha (what the JPEG and PNG readers produce for
 * colour images) that conversion is the identity on the colour bytes, so those are copied directly,
 * several times faster. Every other layout (grey, palette, 16-bit, CMYK, premultiplied) goes through
 * {@code getRGB} itself, including its grey-to-sRGB conversion.
 */
final class SrgbPacker {
  private SrgbPacker() {}

  static int[] pack(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    int[] out = new int[Math.multiplyExact(width, height)];
    if (!packInterleavedSrgbBytes(image, out)) {
      image.getRGB(0, 0, width, height, out, 0, width);
    }
    return out;
  }

  private static boolean packInterleavedSrgbBytes(BufferedImage image, int[] out) {
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    if (!(cm instanceof ComponentColorModel)
        || !cm.getColorSpace().isCS_sRGB()
        || cm.isAlphaPremultiplied()
        || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
        || buffer.getNumBanks() != 1
        || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel model)
        || raster.getSampleModelTranslateX() != 0
        || raster.getSampleModelTranslateY() != 0) {
      return false;
    }
    int bands = model.getNumBands();
    if (bands < 3 || bands != cm.getNumComponents()) {
      return false;
    }
    for (int size : cm.getComponentSize()) {
      if (size != 8) {
        return false;
      }
    }
    byte[] data = buffer.getData();
    int[] offsets = model.getBandOffsets();
    int r = offsets[0] + buffer.getOffset();
    int g = offsets[1] + buffer.getOffset();
    int b = offsets[2] + buffer.getOffset();
    int pixelStride = model.getPixelStride();
    int scanlineStride = model.getScanlineStride();
    int width = image.getWidth();
    int height = image.getHeight();
    int o = 0;
    for (int y = 0; y < height; y++) {
      int p = y * scanlineStride;
      for (int x = 0; x < width; x++, p += pixelStride) {
        out[o++] = (data[p + r] & 0xFF) << 16 | (data[p + g] & 0xFF) << 8 | (data[p + b] & 0xFF);
      }
    }
    return true;
  }
}
