package org.kyodaku.fingerprint.image;

import java.nio.file.Path;

/**
 * Reads an image file into 8-bit sRGB pixels. Implementations are thread-safe.
 *
 * <p>Every failure (unreadable file, unknown format, damaged or truncated data, too many pixels) is
 * an {@link ImageDecodeException} whose message names the file.
 */
public interface ImageDecoder {

  /** Decodes the first image in {@code file}. */
  RgbImage decode(Path file);

  /**
   * Decodes the first image in {@code bytes} (e.g. an upload held in memory); {@code name} is used
   * in error messages only.
   */
  RgbImage decode(byte[] bytes, String name);

  /** The {@code javax.imageio} decoder with {@link ImageDecoderOptions#defaults()}. */
  static ImageDecoder imageIo() {
    return imageIo(ImageDecoderOptions.defaults());
  }

  /**
   * Which decoder ordinary JPEGs get, for diagnostics: {@code "libjpeg-turbo (…)"} when the native
   * library loaded (ADR 0009), otherwise {@code "JDK (…)"} with the reason.
   */
  static String jpegBackend() {
    return TurboJpeg.available() ? TurboJpeg.describe() : "JDK (" + TurboJpeg.describe() + ")";
  }

  /** The {@code javax.imageio} decoder with the given options. */
  static ImageDecoder imageIo(ImageDecoderOptions options) {
    return new ImageIoDecoder(options);
  }
}
