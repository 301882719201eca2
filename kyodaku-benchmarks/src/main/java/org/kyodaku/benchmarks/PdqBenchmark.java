package org.kyodaku.benchmarks;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.kyodaku.fingerprint.image.ImageDecoder;
import org.kyodaku.fingerprint.image.ImageDecoderOptions;
import org.kyodaku.fingerprint.image.RgbImage;
import org.kyodaku.fingerprint.pdq.PdqHasher;
import org.kyodaku.fingerprint.pdq.PdqResult;
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
 * Our PDQ beside Meta's reference Java PDQ (facebook/ThreatExchange {@code pdq/java}), on the same
 * JPEG files in one run: decode and hash together, decode alone, and hashing alone from pixels
 * already decoded.
 *
 * <p>Images ({@code shared/testdata/pdq/data}, Meta's PDQ test photos): {@code
 * shrink-a-little.jpg} 1152×723 (0.83 MP), {@code aaa-orig.jpg} 1600×1004 (1.6 MP) and {@code
 * exif-rotn-1.jpg} 4032×3024 (12.2 MP). What each side does:
 *
 * <ul>
 *   <li>{@code ours_*}: {@link ImageDecoder#imageIo()} (libjpeg-turbo where its pixels are the
 *       JDK's, ADR 0009, else the JDK ImageIO reader; pixels packed to {@link RgbImage}) and {@link
 *       PdqHasher#hash(RgbImage)} (luma, Jarosz blur, DCT, median). {@code ours_*Jdk} decode with
 *       the JDK reader only, as before ADR 0009.
 *   <li>{@code reference_*}: {@code ImageIO.read} and {@code PDQHasher.fromBufferedImage} (which
 *       reads every pixel through {@code BufferedImage.getRGB}), with fresh buffers per call as its
 *       {@code fromFile} allocates them; {@code reference_decodeAndHash} is {@code fromFile}.
 * </ul>
 *
 * <p>The reference is never compiled into this repository: its classes are looked up by name at
 * run time, from a jar built elsewhere and put on the class path by {@code bench/pdq-reference.sh}.
 * Without it the {@code reference_*} benchmarks fail at setup with a message saying so; the {@code
 * ours_*} ones still run. At setup both sides hash the image and the run stops unless hash and
 * quality are identical.
 *
 * <p>Score: images per second on one thread. Run (about 12 minutes):
 *
 * <pre>
 * PDQ_REF_JAR=/tmp/pdq-ref/pdq-ref.jar bench/pdq-reference.sh
 * bench/pdq-reference.sh -p image=bridge-mods/aaa-orig.jpg 'PdqBenchmark.*_hash'
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PdqBenchmark {
  /**
   * A file under {@code shared/testdata/pdq/data}, or an absolute path (e.g. a photo of exactly
   * the size a question is about: {@code -p image=/tmp/one-megapixel.jpg}).
   */
  @Param({
    "bridge-mods/shrink-a-little.jpg",
    "bridge-mods/aaa-orig.jpg",
    "reg-test-input/exif-rotn/exif-rotn-1.jpg"
  })
  public String image;

  private final ImageDecoder decoder = ImageDecoder.imageIo();
  private final PdqHasher pdq = new PdqHasher(decoder);
  private final ImageDecoder jdkDecoder =
      ImageDecoder.imageIo(ImageDecoderOptions.defaults().withNativeJpeg(false));
  private final PdqHasher jdkPdq = new PdqHasher(jdkDecoder);
  private Path file;
  private RgbImage decoded;

  @Setup
  public void setUp() {
    file = image.startsWith("/") ? Path.of(image) : SharedTestData.resolve("pdq/data/" + image);
    decoded = decoder.decode(file);
    System.out.println("JPEG decoder: " + ImageDecoder.jpegBackend());
  }

  @Benchmark
  public PdqResult ours_decodeAndHash() {
    return pdq.hash(file);
  }

  @Benchmark
  public RgbImage ours_decode() {
    return decoder.decode(file);
  }

  @Benchmark
  public PdqResult ours_decodeAndHashJdk() {
    return jdkPdq.hash(file);
  }

  @Benchmark
  public RgbImage ours_decodeJdk() {
    return jdkDecoder.decode(file);
  }

  @Benchmark
  public PdqResult ours_hash() {
    return pdq.hash(decoded);
  }

  @Benchmark
  public Object reference_decodeAndHash(Reference ref) throws Throwable {
    return ref.fromFile(file);
  }

  @Benchmark
  public BufferedImage reference_decode() throws IOException {
    return ImageIO.read(file.toFile());
  }

  @Benchmark
  public Object reference_hash(Reference ref) throws Throwable {
    return ref.fromBufferedImage(ref.buffered);
  }

  /** Meta's reference hasher, reached through method handles so that no code here names it. */
  @State(Scope.Benchmark)
  public static class Reference {
    private static final String HASHER = "pdqhashing.hasher.PDQHasher";

    private Object hasher;
    private MethodHandle fromFile;
    private MethodHandle newMetadata;
    private MethodHandle fromBufferedImage;
    private MethodHandle hashOf;
    private MethodHandle qualityOf;
    BufferedImage buffered;

    @Setup
    public void setUp(PdqBenchmark benchmark) throws Throwable {
      Class<?> type;
      try {
        type = Class.forName(HASHER);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(
            "Meta's reference PDQ (" + HASHER + ") is not on the class path; run bench/pdq-reference.sh,"
                + " which builds it outside the repository (PDQ_REF_JAR or THREATEXCHANGE)", e);
      }
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> metadata = Class.forName(HASHER + "$HashingMetadata");
      Class<?> result = Class.forName("pdqhashing.types.HashAndQuality");
      hasher = lookup.findConstructor(type, MethodType.methodType(void.class)).invoke();
      newMetadata = lookup.findConstructor(metadata, MethodType.methodType(void.class));
      fromFile = lookup.findVirtual(type, "fromFile", MethodType.methodType(result, String.class, metadata));
      fromBufferedImage =
          lookup.findVirtual(
              type,
              "fromBufferedImage",
              MethodType.methodType(
                  result, BufferedImage.class, float[].class, float[].class, float[][].class, float[][].class,
                  float[][].class));
      hashOf = lookup.findVirtual(result, "getHash", MethodType.methodType(Class.forName("pdqhashing.types.Hash256")));
      qualityOf = lookup.findVirtual(result, "getQuality", MethodType.methodType(int.class));
      buffered = ImageIO.read(new File(benchmark.file.toString()));

      // Same images, same answers: the comparison means nothing otherwise.
      PdqResult ours = benchmark.pdq.hash(benchmark.decoded);
      PdqResult oursJdk = benchmark.jdkPdq.hash(benchmark.file);
      if (!oursJdk.equals(ours)) {
        throw new IllegalStateException(benchmark.image + ": libjpeg-turbo and the JDK disagree");
      }
      Object theirs = fromFile(benchmark.file);
      String theirHash = hashOf.invoke(theirs).toString();
      int theirQuality = (int) qualityOf.invoke(theirs);
      if (!theirHash.equals(ours.hash().toHex()) || theirQuality != ours.quality()) {
        throw new IllegalStateException(
            benchmark.image + ": the reference gives " + theirHash + " quality " + theirQuality
                + ", ours " + ours.hash().toHex() + " quality " + ours.quality());
      }
    }

    Object fromFile(Path file) throws Throwable {
      return fromFile.invoke(hasher, file.toString(), newMetadata.invoke());
    }

    Object fromBufferedImage(BufferedImage img) throws Throwable {
      int pixels = img.getWidth() * img.getHeight();
      return fromBufferedImage.invoke(
          hasher, img, new float[pixels], new float[pixels], new float[64][64], new float[16][64], new float[16][16]);
    }
  }
}
