package org.kyodaku.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.kyodaku.fingerprint.FileFingerprinter;
import org.kyodaku.fingerprint.image.ImageDecoder;
import org.kyodaku.fingerprint.image.RgbImage;
import org.kyodaku.fingerprint.iscc.IsccCode;
import org.kyodaku.fingerprint.iscc.IsccHasher;
import org.kyodaku.testkit.SharedTestData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ISCC Image-Code ({@code iscc-image-v0}) of one image, as {@link FileFingerprinter} makes it:
 * end to end from the file (decode, 32x32 grey, code), and from pixels already decoded (32x32
 * grey and code, which is what the Image-Code adds to a decode PDQ already paid for).
 *
 * <p>Images: the same three of {@code shared/testdata/pdq/data} (Meta's PDQ test photos) as {@link
 * PdqBenchmark}, so the figures sit beside its decode and hash columns: 0.83, 1.6 and 12.2
 * megapixels. Decoder: {@link ImageDecoder#imageIo()}.
 *
 * <p>Score: images per second on one thread. Run (about 5 minutes):
 *
 * <pre>
 * bench/jmh.sh IsccImageBenchmark
 * bench/jmh.sh IsccImageBenchmark -p image=bridge-mods/aaa-orig.jpg
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class IsccImageBenchmark {
  /** A file under {@code shared/testdata/pdq/data}. */
  @Param({
    "bridge-mods/shrink-a-little.jpg",
    "bridge-mods/aaa-orig.jpg",
    "reg-test-input/exif-rotn/exif-rotn-1.jpg"
  })
  public String image;

  private final ImageDecoder decoder = ImageDecoder.imageIo();
  private final IsccHasher iscc = new IsccHasher();
  Path file;
  RgbImage decoded;

  @Setup
  public void setUp() {
    file = SharedTestData.resolve("pdq/data/" + image);
    decoded = decoder.decode(file);
  }

  @Benchmark
  public IsccCode decodeAndCode() {
    return code(decoder.decode(file));
  }

  @Benchmark
  public IsccCode codeFromPixels() {
    return code(decoded);
  }

  private IsccCode code(RgbImage pixels) {
    return iscc.image(FileFingerprinter.grey32(pixels), IsccHasher.DEFAULT_BITS);
  }
}
