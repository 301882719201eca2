package org.kyodaku.fingerprint.image;

import java.util.Objects;

/**
 * How an {@link ImageDecoder} behaves, validated once when built.
 *
 * @param maxPixels the largest {@code width × height} decoded; bigger images are refused after
 *     reading only their header. Hashing needs about 12 bytes of heap per pixel at peak (decoded
 *     raster, packed RGB copy, two float planes), so the default of {@value #DEFAULT_MAX_PIXELS}
 *     pixels bounds one decode at roughly 600 MB.
 * @param orientation whether the EXIF orientation tag is applied; {@link ExifOrientation#IGNORE}
 *     by default, as the PDQ reference does
 * @param nativeJpeg whether JPEGs of the layouts libjpeg-turbo decodes as the JDK does are decoded
 *     by libjpeg-turbo when it is installed (ADR 0009); on by default: the pixels and hashes are
 *     the same either way, only faster, except for some damaged files (see the ADR)
 */
public record ImageDecoderOptions(long maxPixels, ExifOrientation orientation, boolean nativeJpeg) {
  /** 50 megapixels: the largest common phone-camera sensor (8160 × 6120) still fits. */
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

  public ImageDecoderOptions {
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels must be at least 1, got " + maxPixels);
    }
    Objects.requireNonNull(orientation, "orientation");
  }

  /**
   * The defaults: {@value #DEFAULT_MAX_PIXELS} pixels at most, EXIF orientation ignored,
   * libjpeg-turbo used where it gives the JDK's pixels.
   */
  public static ImageDecoderOptions defaults() {
    return new ImageDecoderOptions(DEFAULT_MAX_PIXELS, ExifOrientation.IGNORE, true);
  }

  /** These options with another pixel limit. */
  public ImageDecoderOptions withMaxPixels(long newMaxPixels) {
    return new ImageDecoderOptions(newMaxPixels, orientation, nativeJpeg);
  }

  /** These options with another EXIF orientation policy. */
  public ImageDecoderOptions withOrientation(ExifOrientation newOrientation) {
    return new ImageDecoderOptions(maxPixels, newOrientation, nativeJpeg);
  }

  /** These options with libjpeg-turbo allowed or not (off: every JPEG through the JDK's reader). */
  public ImageDecoderOptions withNativeJpeg(boolean allowed) {
    return new ImageDecoderOptions(maxPixels, orientation, allowed);
  }
}
