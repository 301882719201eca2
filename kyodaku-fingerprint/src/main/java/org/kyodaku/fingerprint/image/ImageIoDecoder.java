package org.kyodaku.fingerprint.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * {@link ImageDecoder} on {@code javax.imageio}.
 *
 * <p>Steps for one input:
 *
 * <ol>
 *   <li>Refuse an empty input.
 *   <li>If the input is a JPEG of a layout libjpeg-turbo decodes as the JDK does ({@link
 *       JpegHeader#decodesAsJdk()}) and the library is installed ({@link TurboJpeg}), check the
 *       pixel limit and decode it natively, two to three times faster. If the library reports anything
 *       at all, even a warning, carry on with the steps below, which then decide the outcome and
 *       its message.
 *   <li>If the options say so, read the JPEG EXIF orientation ({@link JpegExifOrientation}).
 *   <li>List the registered readers that recognise the stream, the JDK's own first. The PDQ
 *       reference decodes with the JDK's readers, so they come first wherever they can read the
 *       file, which keeps our hashes equal to the reference's. The TwelveMonkeys plug-ins (found
 *       through the service loader) are the fallback, and the only reader for WebP, TIFF, and the
 *       CMYK/YCCK JPEG variants the JDK refuses. Both JPEG readers give identical pixels for
 *       ordinary YCbCr JPEGs; for Adobe CMYK JPEGs without a profile they differ (TwelveMonkeys
 *       inverts and converts the inks, the JDK converts the raw samples with its CMYK profile),
 *       which is why the order matters.
 *   <li>With the first reader: read width and height from the header and refuse the image,
 *       before any pixel is decoded, if {@code width × height} exceeds {@link
 *       ImageDecoderOptions#maxPixels()}.
 *   <li>Decode image 0. A warning that the data ended early ("premature end", "truncated") means
 *       part of the picture would be invented, so it counts as a failure; other warnings (e.g.
 *       padding bytes before a marker, which libjpeg skips exactly) are ignored, as the reference
 *       ignores them. On failure the next reader is tried; if all fail, the first failure is
 *       reported.
 *   <li>Pack the pixels exactly as {@link BufferedImage#getRGB} gives them ({@link SrgbPacker})
 *       and turn them by the EXIF orientation.
 * </ol>
 *
 * <p>Decoders throw all kinds of runtime exceptions on hostile bytes; each becomes an {@link
 * ImageDecodeException} naming the input. Thread-safe: readers and streams are per call.
 */
final class ImageIoDecoder implements ImageDecoder {
  private static final String JDK_READERS = "com.sun.imageio.";
  private static final List<String> DATA_ENDED_EARLY = List.of("premature end", "truncated");

  static {
    // Register plug-ins visible to this class's loader, not only the JDK's (e.g. inside Spark).
    ImageIO.scanForPlugins();
  }

  /**
   * JPEG files up to this size are read whole for libjpeg-turbo, which decodes from memory; a
   * 50-megapixel photo at the highest quality is well under it. Larger files take the JDK path.
   */
  private static final long MAX_NATIVE_JPEG_BYTES = 64L << 20;

  private final ImageDecoderOptions options;

  ImageIoDecoder(ImageDecoderOptions options) {
    this.options = options;
  }

  @Override
  public RgbImage decode(Path file) {
    String name = file.toString();
    try {
      long size = Files.size(file);
      if (size == 0) {
        throw new ImageDecodeException(name + ": empty file (0 bytes), not an image");
      }
      if (nativeJpeg() && size <= MAX_NATIVE_JPEG_BYTES && startsAsJpeg(file)) {
        RgbImage fast = decodeNatively(Files.readAllBytes(file), name);
        if (fast != null) {
          return fast;
        }
      }
      // The JDK path reads the file itself rather than the bytes above: no copies in memory.
      return decode(() -> new FileImageInputStream(file.toFile()), name);
    } catch (NoSuchFileException e) {
      throw new ImageDecodeException(name + ": no such file", e);
    } catch (IOException e) {
      throw new ImageDecodeException(name + ": cannot read file: " + e.getMessage(), e);
    }
  }

  @Override
  public RgbImage decode(byte[] bytes, String name) {
    if (bytes.length == 0) {
      throw new ImageDecodeException(name + ": empty input (0 bytes), not an image");
    }
    Source source = () -> new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
    try {
      RgbImage fast = nativeJpeg() ? decodeNatively(bytes, name) : null;
      return fast != null ? fast : decode(source, name);
    } catch (IOException e) {
      throw new ImageDecodeException(name + ": cannot read input: " + e.getMessage(), e);
    }
  }

  private boolean nativeJpeg() {
    return options.nativeJpeg() && TurboJpeg.available();
  }

  private static boolean startsAsJpeg(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      return in.read() == 0xFF && in.read() == 0xD8;
    }
  }

  /** The libjpeg-turbo step of the class comment: {@code null} means "use the JDK". */
  private RgbImage decodeNatively(byte[] bytes, String name) throws IOException {
    JpegHeader header = JpegHeader.parse(bytes);
    if (header == null || !header.decodesAsJdk()) {
      return null;
    }
    refuseUnlessSizeAllowed(header.width(), header.height(), "JPEG", name);
    int[] pixels = TurboJpeg.decode(bytes, header);
    if (pixels == null) {
      return null;
    }
    int orientation = orientation(() -> new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
    return RgbImage.wrap(header.width(), header.height(), pixels).oriented(orientation);
  }

  /** The EXIF orientation to apply: 1 (as stored) unless the options say to apply the tag. */
  private int orientation(Source source) throws IOException {
    if (options.orientation() != ExifOrientation.APPLY) {
      return 1;
    }
    try (ImageInputStream in = source.open()) {
      return JpegExifOrientation.read(in);
    }
  }

  /** Opens a fresh stream on the input: readers flush what they have read, so each gets its own. */
  @FunctionalInterface
  private interface Source {
    ImageInputStream open() throws IOException;
  }

  private RgbImage decode(Source source, String name) throws IOException {
    int orientation = orientation(source);
    List<ImageReaderSpi> providers;
    try (ImageInputStream in = source.open()) {
      providers = providersFor(in);
    }
    if (providers.isEmpty()) {
      throw new ImageDecodeException(
          name + ": not an image in a readable format (readable: "
              + String.join(", ", formatNames()) + ")");
    }
    ImageDecodeException first = null;
    for (ImageReaderSpi provider : providers) {
      String format = provider.getFormatNames()[0].toUpperCase(Locale.ROOT);
      try (ImageInputStream in = source.open()) {
        ImageReader reader = provider.createReaderInstance();
        try {
          reader.setInput(in, true, true);
          int width;
          int height;
          try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
          } catch (IOException | RuntimeException e) {
            first = first != null ? first : new ImageDecodeException(
                name + ": cannot read the " + format + " header: " + e.getMessage(), e);
            continue;
          }
          refuseUnlessSizeAllowed(width, height, format, name);
          try {
            return pixels(reader, format, name).oriented(orientation);
          } catch (ImageDecodeException e) {
            first = first != null ? first : e;
          }
        } finally {
          reader.dispose();
        }
      }
    }
    throw first;
  }

  private static List<ImageReaderSpi> providersFor(ImageInputStream in) {
    List<ImageReaderSpi> providers = new ArrayList<>();
    ImageIO.getImageReaders(in)
        .forEachRemaining(
            reader -> {
              ImageReaderSpi provider = reader.getOriginatingProvider();
              if (provider != null) {
                providers.add(provider);
              }
              reader.dispose();
            });
    // Stable sort: the JDK's readers first, otherwise the registry's order.
    providers.sort(Comparator.comparing(p -> !p.getClass().getName().startsWith(JDK_READERS)));
    return providers;
  }

  private void refuseUnlessSizeAllowed(int width, int height, String format, String name) {
    if (width < 1 || height < 1) {
      throw new ImageDecodeException(
          name + ": " + format + " header gives an empty size " + width + "x" + height);
    }
    long pixels = (long) width * height;
    if (pixels > options.maxPixels()) {
      throw new ImageDecodeException(
          name + ": " + format + " image of " + width + "x" + height + " = " + pixels
              + " pixels exceeds the limit of " + options.maxPixels() + " pixels");
    }
  }

  private static RgbImage pixels(ImageReader reader, String format, String name) {
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    try {
      BufferedImage image = reader.read(0);
      List<String> damage = warnings.stream().filter(ImageIoDecoder::dataEndedEarly).toList();
      if (!damage.isEmpty()) {
        throw new ImageDecodeException(
            name + ": truncated or damaged " + format + " data: " + String.join("; ", damage));
      }
      return RgbImage.wrap(image.getWidth(), image.getHeight(), SrgbPacker.pack(image));
    } catch (IOException | RuntimeException e) {
      if (e instanceof ImageDecodeException decodeException) {
        throw decodeException;
      }
      String warned = warnings.isEmpty() ? "" : " (warnings: " + String.join("; ", warnings) + ")";
      throw new ImageDecodeException(
          name + ": cannot decode " + format + " data: " + e.getMessage() + warned, e);
    }
  }

  private static boolean dataEndedEarly(String warning) {
    String w = warning.toLowerCase(Locale.ROOT);
    return DATA_ENDED_EARLY.stream().anyMatch(w::contains);
  }

  private static List<String> formatNames() {
    return Arrays.stream(ImageIO.getReaderFormatNames())
        .map(f -> f.toUpperCase(Locale.ROOT))
        .distinct()
        .sorted()
        .toList();
  }
}
