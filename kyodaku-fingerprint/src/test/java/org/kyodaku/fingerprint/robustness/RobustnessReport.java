package org.kyodaku.fingerprint.robustness;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;
import org.kyodaku.fingerprint.FileFingerprinter;
import org.kyodaku.fingerprint.image.RgbImage;
import org.kyodaku.fingerprint.iscc.IsccHasher;
import org.kyodaku.fingerprint.pdq.PdqDihedralResult;
import org.kyodaku.fingerprint.pdq.PdqHash;
import org.kyodaku.fingerprint.pdq.PdqHasher;
import org.kyodaku.fingerprint.pdq.PdqResult;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.index.registry.PdqDihedral;
import org.kyodaku.index.registry.RegistryIndex;
import org.kyodaku.testkit.SharedTestData;

/**
 * Robustness report for the image fingerprints: how far PDQ and the ISCC Image-Code move under
 * everyday edits, and how often unrelated pictures fall within the match thresholds. Prints
 * Markdown (the tables of {@code docs/fingerprints.md}). A main class, not a test: surefire runs
 * only {@code *Test}, {@code *Tests} and {@code *Properties}, so the normal build compiles it and
 * never runs it.
 *
 * <p>Run it with {@code bench/robustness.sh} (builds the module, then runs this class on the
 * test class path; about two minutes on two cores). Options: {@code --threads N} (default: all
 * cores), {@code --seed N} (noise; default 1), {@code --max-side N} (sources larger than this are
 * first shrunk to it; default 1024), {@code --iscc-threshold N} (default: the registry's radius,
 * 8), {@code --no-packages} (the upstream PDQ test photos only).
 *
 * <p>Steps, per source picture: decode it with the registry's decoder; shrink it (area average)
 * so its longer side is at most {@code --max-side}; hash it (PDQ with its eight dihedral
 * variants, ISCC Image-Code of the 32x32 grey image exactly as {@link FileFingerprinter} makes
 * it); apply every {@link Transformation} to it and hash each result. Then: per transformation,
 * the distance from the source's hash to the edited picture's hash; for every pair of distinct
 * sources, and for every edited picture against every other source, the distance between
 * unrelated pictures. Sources whose PDQ quality is below {@value PdqResult#MIN_QUALITY} are
 * listed but not used, as the registry stores but does not match such hashes.
 *
 * <p>Rotations and mirrors are measured twice: against the registered picture's eight exact
 * dihedral hashes ({@link PdqHasher#hashDihedral}, what a registry could store), and as the
 * registry actually searches, with the eight variants derived from the edited picture's own hash
 * bits ({@link PdqDihedral}, kyodaku-index) against the registered picture's plain hash.
 */
public final class RobustnessReport {
  /**
   * The registry's ISCC Image-Code radius (of 64 bits), chosen from this report's data and the
   * registry's size (docs/index.md); the sweep table shows the others.
   */
  static final int DEFAULT_ISCC_THRESHOLD = RegistryIndex.DEFAULT_RADII.get(RegistryIndex.ISCC_IMAGE);

  private static final int PDQ_THRESHOLD = PdqHash.MATCH_DISTANCE;
  private static final int[] ISCC_SWEEP = {4, 6, 8, 10, 12, 14, 16};
  private static final int[] PDQ_SWEEP = {16, 24, 31, 40, 48};
  private static final int TRIM_TOLERANCE = 16;

  private final PdqHasher pdq = new PdqHasher();
  private final IsccHasher iscc = new IsccHasher();
  private final Method grey32;
  private final Options options;

  record Options(int threads, long seed, int maxSide, int isccThreshold, boolean packages) {
    static Options parse(String[] args) {
      int threads = Runtime.getRuntime().availableProcessors();
      long seed = 1;
      int maxSide = 1024;
      int isccThreshold = DEFAULT_ISCC_THRESHOLD;
      boolean packages = true;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--threads" -> threads = Integer.parseInt(value(args, ++i));
          case "--seed" -> seed = Long.parseLong(value(args, ++i));
          case "--max-side" -> maxSide = Integer.parseInt(value(args, ++i));
          case "--iscc-threshold" -> isccThreshold = Integer.parseInt(value(args, ++i));
          case "--no-packages" -> packages = false;
          default -> throw new IllegalArgumentException(
              "unknown option \"" + args[i] + "\"; known: --threads N, --seed N, --max-side N,"
                  + " --iscc-threshold N, --no-packages");
        }
      }
      if (threads < 1 || maxSide < 32 || isccThreshold < 0 || isccThreshold > 64) {
        throw new IllegalArgumentException(
            "need --threads >= 1, --max-side >= 32, 0 <= --iscc-threshold <= 64; got " + threads
                + ", " + maxSide + ", " + isccThreshold);
      }
      return new Options(threads, seed, maxSide, isccThreshold, packages);
    }

    private static String value(String[] args, int i) {
      if (i >= args.length) {
        throw new IllegalArgumentException(args[i - 1] + " needs a value");
      }
      return args[i];
    }
  }

  /**
   * Hashes of one picture: PDQ (with quality) and its bit-derived dihedral variants as the
   * registry's index derives them, and the ISCC Image-Code body as a long.
   */
  record Hashes(
      PdqHash pdq, int quality, List<BinaryCode> pdqTurned, long iscc, PdqHash pdqTrimmed, long isccTrimmed) {
    /**
     * What the registry's dihedral search finds for this picture as the query against {@code
     * registered}: the nearest of this hash's bit-derived variants to the registered plain hash.
     */
    int turnedDistance(PdqHash registered) {
      BinaryCode r = code(registered);
      int best = Integer.MAX_VALUE;
      for (BinaryCode v : pdqTurned) {
        best = Math.min(best, v.distance(r));
      }
      return best;
    }
  }

  private static BinaryCode code(PdqHash h) {
    return BinaryCode.fromHex(h.toHex());
  }

  /** A source with its eight dihedral PDQ hashes and the hashes of each edited version. */
  record SourceResult(
      SourceImages.Source source,
      int width,
      int height,
      PdqDihedralResult dihedral,
      Hashes hashes,
      List<Hashes> variants) {}

  /** A source that was not used, and why. */
  record Skipped(SourceImages.Source source, String reason) {}

  private RobustnessReport(Options options) {
    this.options = options;
    try {
      // FileFingerprinter.grey32 is the registry's 32x32 grey pipeline for the Image-Code. It is
      // package-private; calling it (rather than a copy) keeps this report honest when it changes.
      grey32 = FileFingerprinter.class.getDeclaredMethod("grey32", RgbImage.class);
      grey32.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "FileFingerprinter.grey32(RgbImage) is gone; point the report at the new grey pipeline", e);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    new RobustnessReport(options).run(out);
  }

  private void run(PrintStream out) throws InterruptedException, ExecutionException, IOException {
    long started = System.nanoTime();
    Path pdqData = SharedTestData.resolve("pdq/data");
    List<SourceImages.Source> sources = new ArrayList<>(SourceImages.pdqTestData(pdqData));
    if (options.packages()) {
      sources.addAll(SourceImages.packaged(Path.of("/usr/share/backgrounds"), Path.of("/usr/share/wallpapers")));
    }
    List<Transformation> catalogue = Transformation.catalogue();

    List<SourceResult> results = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < sources.size(); i++) {
        SourceImages.Source s = sources.get(i);
        long seed = options.seed() * 1_000_003L + i;
        futures.add(pool.submit(() -> process(s, catalogue, seed)));
      }
      for (Future<Object> f : futures) {
        Object r = f.get();
        if (r instanceof SourceResult sr) {
          results.add(sr);
        } else {
          skipped.add((Skipped) r);
        }
      }
      List<KnownVariantResult> known = new ArrayList<>();
      for (SourceImages.KnownVariant v : SourceImages.pdqKnownVariants(pdqData)) {
        known.add(pool.submit(() -> knownVariant(v)).get());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      new Printer(out, options, catalogue, results, skipped, known, seconds).print();
    } finally {
      pool.shutdownNow();
    }
  }

  private Object process(SourceImages.Source s, List<Transformation> catalogue, long seed) {
    Raster original;
    try {
      original = SourceImages.load(s.file());
    } catch (SourceImages.NotUsed e) {
      return new Skipped(s, e.getMessage());
    }
    Raster source = Transforms.fitWithin(original, options.maxSide());
    PdqDihedralResult dihedral = pdq.hashDihedral(source.toRgbImage());
    Hashes hashes = hash(source);
    if (dihedral.quality() < PdqResult.MIN_QUALITY) {
      return new Skipped(s, "PDQ quality " + dihedral.quality() + " < " + PdqResult.MIN_QUALITY);
    }
    List<Hashes> variants = new ArrayList<>(catalogue.size());
    for (int t = 0; t < catalogue.size(); t++) {
      RandomGenerator random = new SplittableRandom(seed * 131 + t);
      variants.add(hash(catalogue.get(t).edit().apply(source, random)));
    }
    System.err.printf(Locale.ROOT, "robustness: %-36s %5dx%-5d -> %s, quality %d%n",
        s.id(), original.width(), original.height(), source, dihedral.quality());
    return new SourceResult(s, original.width(), original.height(), dihedral, hashes, variants);
  }

  record KnownVariantResult(
      SourceImages.KnownVariant variant, String error, int pdq, int pdqBest, int pdqTurned, int iscc) {}

  private KnownVariantResult knownVariant(SourceImages.KnownVariant v) {
    try {
      Raster source = Transforms.fitWithin(SourceImages.load(sourceFileOf(v)), options.maxSide());
      Raster edit = Transforms.fitWithin(SourceImages.load(v.file()), options.maxSide());
      PdqDihedralResult d = pdq.hashDihedral(source.toRgbImage());
      Hashes a = hash(source);
      Hashes b = hash(edit);
      return new KnownVariantResult(
          v, "", a.pdq().distance(b.pdq()), d.minDistance(b.pdq()), b.turnedDistance(a.pdq()),
          Long.bitCount(a.iscc() ^ b.iscc()));
    } catch (RuntimeException e) {
      return new KnownVariantResult(v, e.getMessage() == null ? e.toString() : e.getMessage(), -1, -1, -1, -1);
    }
  }

  private static Path sourceFileOf(SourceImages.KnownVariant v) {
    Path pdqData = SharedTestData.resolve("pdq/data");
    return SourceImages.pdqTestData(pdqData).stream()
        .filter(s -> s.id().equals(v.sourceId()))
        .findFirst()
        .orElseThrow()
        .file();
  }

  private Hashes hash(Raster r) {
    RgbImage image = r.toRgbImage();
    PdqResult p = pdq.hash(image);
    List<BinaryCode> turned = PdqDihedral.variants(code(p.hash()));
    long code = isccImage(image);
    Raster trimmed = trimBorders(r);
    if (trimmed == r) {
      return new Hashes(p.hash(), p.quality(), turned, code, p.hash(), code);
    }
    RgbImage trimmedImage = trimmed.toRgbImage();
    return new Hashes(p.hash(), p.quality(), turned, code, pdq.hash(trimmedImage).hash(), isccImage(trimmedImage));
  }

  private long isccImage(RgbImage image) {
    int[] grey;
    try {
      grey = (int[]) grey32.invoke(null, image);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("FileFingerprinter.grey32 failed on " + image, e);
    }
    byte[] body = iscc.image(grey, IsccHasher.DEFAULT_BITS).body();
    long v = 0;
    for (byte b : body) {
      v = v << 8 | (b & 0xff);
    }
    return v;
  }

  /**
   * Experimental, for comparison only: removes uniform borders before the grey pipeline, as
   * iscc-sdk does (its exact tolerance not reproduced): rows and columns at the edges whose
   * pixels all lie within {@value #TRIM_TOLERANCE} per channel of the top-left pixel are cut.
   */
  static Raster trimBorders(Raster r) {
    int w = r.width();
    int h = r.height();
    int bg = r.rgb()[0];
    int top = 0;
    while (top < h - 1 && rowUniform(r, top, bg)) {
      top++;
    }
    int bottom = h - 1;
    while (bottom > top && rowUniform(r, bottom, bg)) {
      bottom--;
    }
    int left = 0;
    while (left < w - 1 && columnUniform(r, left, top, bottom, bg)) {
      left++;
    }
    int right = w - 1;
    while (right > left && columnUniform(r, right, top, bottom, bg)) {
      right--;
    }
    boolean nothingToCut = top == 0 && left == 0 && bottom == h - 1 && right == w - 1;
    // A picture that is (nearly) all one colour has no border to cut, only content.
    boolean tooLittleLeft = right - left + 1 < Math.max(8, w / 8) || bottom - top + 1 < Math.max(8, h / 8);
    if (nothingToCut || tooLittleLeft) {
      return r;
    }
    return Transforms.crop(r, left, top, right - left + 1, bottom - top + 1);
  }

  private static boolean rowUniform(Raster r, int y, int bg) {
    for (int x = 0; x < r.width(); x++) {
      if (!near(r.rgb()[y * r.width() + x], bg)) {
        return false;
      }
    }
    return true;
  }

  private static boolean columnUniform(Raster r, int x, int top, int bottom, int bg) {
    for (int y = top; y <= bottom; y++) {
      if (!near(r.rgb()[y * r.width() + x], bg)) {
        return false;
      }
    }
    return true;
  }

  private static boolean near(int a, int b) {
    for (int shift = 16; shift >= 0; shift -= 8) {
      if (Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)) > TRIM_TOLERANCE) {
        return false;
      }
    }
    return true;
  }

  // ---- statistics and printing ---------------------------------------------------------------

  /** Nearest-rank summary of a list of distances. */
  record Summary(int n, int min, int median, int p90, int max) {
    static Summary of(int[] values) {
      int[] v = values.clone();
      Arrays.sort(v);
      return new Summary(v.length, v[0], rank(v, 50), rank(v, 90), v[v.length - 1]);
    }

    static int rank(int[] sorted, double percent) {
      int k = (int) Math.ceil(percent / 100 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, k - 1))];
    }

    String cell() {
      return min + " / " + median + " / " + p90 + " / " + max;
    }
  }

  private static final class Printer {
    private final PrintStream out;
    private final Options options;
    private final List<Transformation> catalogue;
    private final List<SourceResult> results;
    private final List<Skipped> skipped;
    private final List<KnownVariantResult> known;
    private final double seconds;

    Printer(
        PrintStream out,
        Options options,
        List<Transformation> catalogue,
        List<SourceResult> results,
        List<Skipped> skipped,
        List<KnownVariantResult> known,
        double seconds) {
      this.out = out;
      this.options = options;
      this.catalogue = catalogue;
      this.results = results;
      this.skipped = skipped;
      this.known = known;
      this.seconds = seconds;
    }

    void print() {
      int t = options.isccThreshold();
      out.println("## Robustness report (generated by `bench/robustness.sh`)");
      out.println();
      out.printf(Locale.ROOT,
          "Java %s (%s); %d threads; %d cores, %s; JPEG writer %s; seed %d; sources shrunk to a longer side of at most %d px; %.0f s.%n",
          System.getProperty("java.version"), System.getProperty("java.vm.name"), options.threads(),
          Runtime.getRuntime().availableProcessors(), cpuModel(), Transforms.jpegWriterName(),
          options.seed(), options.maxSide(), seconds);
      out.println();
      printInventory();
      printTransformations(t);
      printDihedral();
      printUnrelated(t);
      printSweep();
      printTrim(t);
      printKnown(t);
    }

    private void printInventory() {
      out.println("### Sources");
      out.println();
      out.println("| origin | used | not used |");
      out.println("|---|---:|---|");
      Map<String, List<String>> used = new LinkedHashMap<>();
      Map<String, List<String>> notUsed = new LinkedHashMap<>();
      for (SourceResult r : results) {
        used.computeIfAbsent(r.source().origin(), k -> new ArrayList<>()).add(r.source().id());
        notUsed.computeIfAbsent(r.source().origin(), k -> new ArrayList<>());
      }
      for (Skipped s : skipped) {
        used.computeIfAbsent(s.source().origin(), k -> new ArrayList<>());
        notUsed.computeIfAbsent(s.source().origin(), k -> new ArrayList<>())
            .add(s.source().id() + " (" + s.reason() + ")");
      }
      for (String origin : used.keySet()) {
        List<String> n = notUsed.get(origin);
        out.printf(Locale.ROOT, "| `%s` | %d | %s |%n", origin, used.get(origin).size(),
            n.isEmpty() ? "–" : n.size() + ": " + String.join("; ", n));
      }
      out.printf(Locale.ROOT, "| **all** | **%d** | %d |%n", results.size(), skipped.size());
      out.println();
      out.println("Used: " + String.join(", ", results.stream().map(r -> r.source().id() + " " + r.width() + "x" + r.height()).toList()) + ".");
      out.println();
    }

    private void printTransformations(int t) {
      out.println("### Distance from the source, per transformation");
      out.println();
      out.printf(Locale.ROOT,
          "%d sources. Cells: min / median / p90 / max (nearest rank). PDQ: Hamming distance of 256 bits, match at ≤ %d; "
              + "ISCC: Image-Code, 64-bit body, match at ≤ %d. \"q<50\": edited pictures whose PDQ quality fell below 50 "
              + "(the registry stores such a hash but does not match it).%n",
          results.size(), PDQ_THRESHOLD, t);
      out.println();
      out.printf(Locale.ROOT, "| transformation | PDQ distance | PDQ ≤ %d | q<50 | ISCC distance | ISCC ≤ %d | worst PDQ |%n", PDQ_THRESHOLD, t);
      out.println("|---|---|---:|---:|---|---:|---|");
      for (int i = 0; i < catalogue.size(); i++) {
        int k = i;
        int[] p = distances(r -> r.hashes().pdq().distance(r.variants().get(k).pdq()));
        int[] c = distances(r -> Long.bitCount(r.hashes().iscc() ^ r.variants().get(k).iscc()));
        long lowQuality = results.stream().filter(r -> r.variants().get(k).quality() < PdqResult.MIN_QUALITY).count();
        out.printf(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s |%n", catalogue.get(i).name(),
            Summary.of(p).cell(), share(p, PDQ_THRESHOLD), lowQuality, Summary.of(c).cell(), share(c, t), worst(p));
      }
      out.println();
    }

    private void printDihedral() {
      out.println("### Rotations and mirrors: best of PDQ's eight dihedral hashes");
      out.println();
      out.println("Exact: the registered picture's 8 dihedral hashes computed from its DCT (`PdqHasher.hashDihedral`), "
          + "a match if any is within 31 bits of the query's hash. Bit-derived: what the registry searches, the query "
          + "hash's own 8 variants with bits inverted and transposed (`PdqDihedral`, kyodaku-index), a match if any is "
          + "within 31 bits of the registered plain hash; no extra hashing, so it also serves pictures registered with "
          + "one hash, and it is a few bits worse where the turned block's median differs from the original's.");
      out.println();
      out.printf(Locale.ROOT,
          "| transformation | PDQ distance (plain) | PDQ ≤ %d | exact best of 8 | ≤ %d | bit-derived best of 8 (registry) | ≤ %d |%n",
          PDQ_THRESHOLD, PDQ_THRESHOLD, PDQ_THRESHOLD);
      out.println("|---|---|---:|---|---:|---|---:|");
      for (int i = 0; i < catalogue.size(); i++) {
        int k = i;
        int[] p = distances(r -> r.hashes().pdq().distance(r.variants().get(k).pdq()));
        int[] d = distances(r -> r.dihedral().minDistance(r.variants().get(k).pdq()));
        int[] b = distances(r -> r.variants().get(k).turnedDistance(r.hashes().pdq()));
        if (catalogue.get(i).turns() || catalogue.get(i).name().startsWith("rotate 5")) {
          out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", catalogue.get(i).name(),
              Summary.of(p).cell(), share(p, PDQ_THRESHOLD), Summary.of(d).cell(), share(d, PDQ_THRESHOLD),
              Summary.of(b).cell(), share(b, PDQ_THRESHOLD));
        }
      }
      out.println();
    }

    private void printUnrelated(int t) {
      int n = results.size();
      int[] pdqPairs = new int[n * (n - 1) / 2];
      int[] pdqPairsBest = new int[pdqPairs.length];
      int[] pdqPairsTurned = new int[pdqPairs.length];
      int[] isccPairs = new int[pdqPairs.length];
      int k = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          SourceResult a = results.get(i);
          SourceResult b = results.get(j);
          pdqPairs[k] = a.hashes().pdq().distance(b.hashes().pdq());
          // The registry derives dihedral hashes of the registered side; either side may be it.
          pdqPairsBest[k] = Math.min(a.dihedral().minDistance(b.hashes().pdq()), b.dihedral().minDistance(a.hashes().pdq()));
          pdqPairsTurned[k] = Math.min(a.hashes().turnedDistance(b.hashes().pdq()), b.hashes().turnedDistance(a.hashes().pdq()));
          isccPairs[k] = Long.bitCount(a.hashes().iscc() ^ b.hashes().iscc());
          k++;
        }
      }
      QueryPairs q = queryPairs();
      out.println("### Unrelated pictures: false matches");
      out.println();
      out.printf(Locale.ROOT,
          "Source pairs: every pair of distinct sources (%d). Query pairs: every edited picture (all %d transformations) "
              + "against every *other* source (%d), i.e. what a registry of these sources would be asked.%n",
          pdqPairs.length, catalogue.size(), q.pdq().length);
      out.println();
      out.println("| comparison | pairs | min | p0.1 | p1 | p5 | median | within threshold | false-match rate |");
      out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
      row("PDQ, source pairs", pdqPairs, PDQ_THRESHOLD);
      row("PDQ best of 8 dihedral, source pairs", pdqPairsBest, PDQ_THRESHOLD);
      row("PDQ best of 8 bit-derived (registry), source pairs", pdqPairsTurned, PDQ_THRESHOLD);
      row("ISCC Image-Code, source pairs", isccPairs, t);
      row("PDQ, query pairs", q.pdq(), PDQ_THRESHOLD);
      row("PDQ best of 8 dihedral, query pairs", q.pdqBest(), PDQ_THRESHOLD);
      row("PDQ best of 8 bit-derived (registry), query pairs", q.pdqTurned(), PDQ_THRESHOLD);
      row("ISCC Image-Code, query pairs", q.iscc(), t);
      out.println();
      record Pair(String names, int pdq, int iscc) {}
      List<Pair> pairs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          SourceResult a = results.get(i);
          SourceResult b = results.get(j);
          pairs.add(new Pair(a.source().id() + " ~ " + b.source().id(), a.hashes().pdq().distance(b.hashes().pdq()),
              Long.bitCount(a.hashes().iscc() ^ b.hashes().iscc())));
        }
      }
      out.println("Closest unrelated source pairs: PDQ "
          + String.join("; ", pairs.stream().sorted(java.util.Comparator.comparingInt(Pair::pdq)).limit(3)
              .map(p -> p.names() + " " + p.pdq()).toList())
          + "; ISCC "
          + String.join("; ", pairs.stream().sorted(java.util.Comparator.comparingInt(Pair::iscc)).limit(3)
              .map(p -> p.names() + " " + p.iscc()).toList())
          + ".");
      out.println();
    }

    private void row(String name, int[] v, int threshold) {
      int[] s = v.clone();
      Arrays.sort(s);
      long within = Arrays.stream(v).filter(d -> d <= threshold).count();
      out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d (≤ %d) | %s |%n", name, v.length, s[0],
          Summary.rank(s, 0.1), Summary.rank(s, 1), Summary.rank(s, 5), Summary.rank(s, 50), within, threshold,
          rate(within, v.length));
    }

    record QueryPairs(int[] pdq, int[] pdqBest, int[] pdqTurned, int[] iscc) {}

    private QueryPairs queryPairs() {
      int n = results.size();
      int m = catalogue.size();
      int size = n * (n - 1) * m;
      int[] p = new int[size];
      int[] pb = new int[size];
      int[] pt = new int[size];
      int[] c = new int[size];
      int k = 0;
      for (int i = 0; i < n; i++) {
        for (Hashes v : results.get(i).variants()) {
          for (int j = 0; j < n; j++) {
            if (j == i) {
              continue;
            }
            SourceResult other = results.get(j);
            p[k] = other.hashes().pdq().distance(v.pdq());
            pb[k] = other.dihedral().minDistance(v.pdq());
            pt[k] = v.turnedDistance(other.hashes().pdq());
            c[k] = Long.bitCount(other.hashes().iscc() ^ v.iscc());
            k++;
          }
        }
      }
      return new QueryPairs(p, pb, pt, c);
    }

    private void printSweep() {
      QueryPairs q = queryPairs();
      int n = results.size();
      int[] isccPairs = new int[n * (n - 1) / 2];
      int[] pdqPairs = new int[isccPairs.length];
      int k = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          isccPairs[k] = Long.bitCount(results.get(i).hashes().iscc() ^ results.get(j).hashes().iscc());
          pdqPairs[k++] = results.get(i).hashes().pdq().distance(results.get(j).hashes().pdq());
        }
      }
      List<Integer> kept = new ArrayList<>();
      for (int i = 0; i < catalogue.size(); i++) {
        if (!catalogue.get(i).turns()) {
          kept.add(i);
        }
      }
      int[] isccEdits = new int[kept.size() * n];
      int[] pdqEdits = new int[isccEdits.length];
      k = 0;
      for (SourceResult r : results) {
        for (int i : kept) {
          isccEdits[k] = Long.bitCount(r.hashes().iscc() ^ r.variants().get(i).iscc());
          pdqEdits[k++] = r.hashes().pdq().distance(r.variants().get(i).pdq());
        }
      }
      out.println("### Choosing the ISCC Image-Code threshold");
      out.println();
      out.printf(Locale.ROOT,
          "Recall: share of edited pictures within the threshold of their own source, over all transformations except "
              + "rotate 90°/180° and mirror (%d pairs). False matches as above.%n", isccEdits.length);
      out.println();
      out.println("| code | threshold | recall | false matches, source pairs | false matches, query pairs |");
      out.println("|---|---:|---:|---:|---:|");
      for (int th : ISCC_SWEEP) {
        out.printf(Locale.ROOT, "| ISCC | ≤ %d | %s | %s | %s |%n", th, share(isccEdits, th),
            count(isccPairs, th), count(q.iscc(), th));
      }
      for (int th : PDQ_SWEEP) {
        out.printf(Locale.ROOT, "| PDQ | ≤ %d | %s | %s | %s |%n", th, share(pdqEdits, th),
            count(pdqPairs, th), count(q.pdq(), th));
      }
      out.println();
    }

    private void printTrim(int t) {
      out.println("### Experiment: trimming uniform borders before hashing");
      out.println();
      out.printf(Locale.ROOT,
          "Not the registry's pipeline: both codes computed again after cutting edge rows and columns whose pixels all lie "
              + "within %d/255 (per channel) of the top-left pixel, a step iscc-sdk takes before its 32x32 resize and "
              + "neither `PdqHasher` nor `FileFingerprinter.grey32` takes. Cells: median distance, share within the threshold.%n",
          TRIM_TOLERANCE);
      out.println();
      out.printf(Locale.ROOT, "| transformation | PDQ | PDQ, trimmed | ISCC | ISCC, trimmed |%n");
      out.println("|---|---:|---:|---:|---:|");
      for (int i = 0; i < catalogue.size(); i++) {
        int k = i;
        int[] p = distances(r -> r.hashes().pdq().distance(r.variants().get(k).pdq()));
        int[] pt = distances(r -> r.hashes().pdqTrimmed().distance(r.variants().get(k).pdqTrimmed()));
        int[] c = distances(r -> Long.bitCount(r.hashes().iscc() ^ r.variants().get(k).iscc()));
        int[] ct = distances(r -> Long.bitCount(r.hashes().isccTrimmed() ^ r.variants().get(k).isccTrimmed()));
        out.printf(Locale.ROOT, "| %s | %d, %s | %d, %s | %d, %s | %d, %s |%n", catalogue.get(i).name(),
            Summary.of(p).median(), share(p, PDQ_THRESHOLD), Summary.of(pt).median(), share(pt, PDQ_THRESHOLD),
            Summary.of(c).median(), share(c, t), Summary.of(ct).median(), share(ct, t));
      }
      int n = results.size();
      int[] pdqPairs = new int[n * (n - 1) / 2];
      int[] isccPairs = new int[pdqPairs.length];
      int k = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          Hashes a = results.get(i).hashes();
          Hashes b = results.get(j).hashes();
          pdqPairs[k] = a.pdqTrimmed().distance(b.pdqTrimmed());
          isccPairs[k++] = Long.bitCount(a.isccTrimmed() ^ b.isccTrimmed());
        }
      }
      long trimmedSources = results.stream().filter(r -> !r.hashes().pdqTrimmed().equals(r.hashes().pdq())).count();
      out.println();
      out.printf(Locale.ROOT,
          "Sources the trim changed: %d of %d. Trimmed, unrelated source pairs within the threshold: PDQ %s, ISCC %s.%n",
          trimmedSources, n, count(pdqPairs, PDQ_THRESHOLD), count(isccPairs, t));
      out.println();
    }

    private void printKnown(int t) {
      out.println("### Upstream related files (the PDQ test data), against their source");
      out.println();
      out.printf(Locale.ROOT, "| file | source | PDQ | exact best of 8 | bit-derived best of 8 | ISCC |%n");
      out.println("|---|---|---:|---:|---:|---:|");
      for (KnownVariantResult k : known) {
        if (!k.error().isEmpty()) {
          out.printf(Locale.ROOT, "| %s | %s | not decoded: %s | | | |%n", k.variant().description(), k.variant().sourceId(), k.error());
        } else {
          out.printf(Locale.ROOT, "| %s | %s | %d%s | %d%s | %d%s | %d%s |%n", k.variant().description(), k.variant().sourceId(),
              k.pdq(), k.pdq() <= PDQ_THRESHOLD ? "" : " ✗", k.pdqBest(), k.pdqBest() <= PDQ_THRESHOLD ? "" : " ✗",
              k.pdqTurned(), k.pdqTurned() <= PDQ_THRESHOLD ? "" : " ✗", k.iscc(), k.iscc() <= t ? "" : " ✗");
        }
      }
      out.println();
      out.println("✗: beyond the threshold (PDQ 31, ISCC " + t + ").");
    }

    /** The source with the largest distance in {@code v} (indexed like {@link #results}). */
    private String worst(int[] v) {
      int at = 0;
      for (int i = 1; i < v.length; i++) {
        at = v[i] > v[at] ? i : at;
      }
      return results.get(at).source().id();
    }

    private int[] distances(ToIntFunction<SourceResult> f) {
      return results.stream().mapToInt(f).toArray();
    }

    private static String share(int[] v, int threshold) {
      long within = Arrays.stream(v).filter(d -> d <= threshold).count();
      return String.format(Locale.ROOT, "%.0f%%", 100.0 * within / v.length);
    }

    private static String count(int[] v, int threshold) {
      long within = Arrays.stream(v).filter(d -> d <= threshold).count();
      return within + " / " + v.length + " (" + rate(within, v.length) + ")";
    }

    private static String rate(long k, long n) {
      return k == 0 ? "0" : String.format(Locale.ROOT, "%.3g%%", 100.0 * k / n);
    }

    private static String cpuModel() {
      try {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(l -> l.startsWith("model name"))
            .map(l -> l.substring(l.indexOf(':') + 1).trim())
            .findFirst()
            .orElse("unknown CPU");
      } catch (IOException e) {
        return "unknown CPU";
      }
    }
  }
}
