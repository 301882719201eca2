package org.kyodaku.fingerprint.vpdq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes vPDQ features in the reference's text format, which {@link VpdqParser} reads back.
 *
 * <p>One line per feature, in list order, each ended by {@code \n}: {@code
 * frameNumber,quality,pdqHex,timestampSeconds}, e.g. {@code 0,100,e6cf…c666,0.000}. Integers in
 * decimal; the hash as 64 lowercase hex digits ({@link
 * org.kyodaku.fingerprint.pdq.PdqHash#toHex()}); the timestamp with exactly three decimals, rounded
 * from the exact binary value half to even, as C++ {@code std::fixed} with precision 3 prints it
 * ({@code vpdq/cpp/vpdq/cpp/io/vpdqio.cpp}), so our files and the reference's can be compared as
 * text.
 */
public final class VpdqWriter {
  private static final int TIMESTAMP_DECIMALS = 3;

  private VpdqWriter() {}

  /** The text of {@code features}, one line each. */
  public static String format(List<VpdqFeature> features) {
    StringBuilder out = new StringBuilder(features.size() * 84);
    for (VpdqFeature f : features) {
      out.append(line(f)).append('\n');
    }
    return out.toString();
  }

  /** One feature's line, without the line end. */
  public static String line(VpdqFeature feature) {
    return feature.frameNumber() + "," + feature.quality() + "," + feature.pdqHash().toHex() + ","
        + timestamp(feature.timestampSeconds());
  }

  /**
   * Writes {@code features} to {@code file} (UTF-8, replacing it).
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(List<VpdqFeature> features, Path file) {
    try {
      Files.writeString(file, format(features), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write vPDQ hash file", e);
    }
  }

  static String timestamp(double seconds) {
    return new BigDecimal(seconds).setScale(TIMESTAMP_DECIMALS, RoundingMode.HALF_EVEN).toPlainString();
  }
}
