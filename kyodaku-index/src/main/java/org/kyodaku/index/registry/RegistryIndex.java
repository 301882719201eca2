package org.kyodaku.index.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.registry.NearMatcher;
import org.kyodaku.core.registry.RegistryStore;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.index.hamming.IndexException;
import org.kyodaku.index.hamming.Match;

/**
 * Finds registered works whose perceptual fingerprint is within an algorithm's Hamming radius of
 * a query's. Each algorithm has its own index whose entry ids are positions in a list of work ids,
 * so one work with many assets appears once per asset and is reported once, at its nearest
 * distance.
 *
 * <p>Searchable algorithms and their default radii: {@code pdq-v1} at 31 bits, the distance at
 * which Meta's PDQ documentation and hash-sharing programmes call two images the same; the ISCC
 * Text-Code and Image-Code at 8 of 64 bits ({@link #textCodePrefix}, {@link #imageCodePrefix}). A
 * match of any of them is a resemblance: it finds works and rights holders, and the decision rules
 * never let it clear content by itself. A PDQ query
 * is searched in all eight orientations (rotations by quarter turns and mirrors, derived from its
 * bits by {@link PdqDihedral}), so a rotated or mirrored copy finds the registered picture; the
 * distance reported is that of the nearest orientation.
 *
 * <p><b>Persisted</b> ({@link #open}): each algorithm's segments, work ids and manifest live in
 * {@code DIR/<algorithm>/}, memory-mapped; at start they are verified (checksums), checked against
 * the store (count and samples) and completed with what was registered after the last flush, or
 * rebuilt from the store when missing, stale or damaged. Registrations go to an in-memory tail
 * that a background thread flushes into a new segment every {@value #DEFAULT_FLUSH_ENTRIES}
 * entries and at {@link #close}. <b>In memory</b> ({@link #rebuild}): the same, without files.
 * docs/index.md describes both.
 */
public final class RegistryIndex implements NearMatcher, AutoCloseable {
  /** The ISCC Text-Code (ISO 24138), 64 to 256 bits of MinHash after a 2-byte header. */
  public static final String ISCC_TEXT = "iscc-text-v0";

  /** The ISCC Image-Code (ISO 24138), 64 to 256 bits of DCT signs after a 2-byte header. */
  public static final String ISCC_IMAGE = "iscc-image-v0";

  /** What can be searched, with its default radius; PDQ first. */
  private static final Map<String, AlgorithmIndex.Searchable> SEARCHABLE = new LinkedHashMap<>();

  static {
    searchable(new AlgorithmIndex.Searchable(Fingerprint.PDQ, 256, 31, hex -> BinaryCode.fromHex(256, hex)));
    searchable(new AlgorithmIndex.Searchable(ISCC_TEXT, 64, 8, RegistryIndex::textCodePrefix));
    searchable(new AlgorithmIndex.Searchable(ISCC_IMAGE, 64, 8, RegistryIndex::imageCodePrefix));
  }

  private static void searchable(AlgorithmIndex.Searchable s) {
    SEARCHABLE.put(s.algorithm(), s);
  }

  /**
   * Default radius per algorithm: {@code pdq-v1} 31 bits of 256, the distance at which Meta's PDQ
   * documentation and hash-sharing programmes call two images the same; {@code iscc-text-v0} 8
   * bits of 64 (see {@link #textCodePrefix}); {@code iscc-image-v0} 8 bits of 64 (see {@link
   * #imageCodePrefix}).
   */
  public static final Map<String, Integer> DEFAULT_RADII;

  static {
    Map<String, Integer> radii = new LinkedHashMap<>();
    SEARCHABLE.values().forEach(s -> radii.put(s.algorithm(), s.defaultRadius()));
    DEFAULT_RADII = java.util.Collections.unmodifiableMap(radii);
  }

  /**
   * The first 64 bits of an ISCC Text-Code's body: what the text index holds and compares.
   *
   * <p>The value is the code's bytes in hex: a 2-byte ISCC header (main type 2 = Content, subtype
   * 0 = Text, so it starts with {@code 20}) and a body of 64–256 bits. The body is the low bit of
   * each of 64 MinHash values of the text's 13-character shingles, then the next bit of each, and
   * so on (iscc-core {@code alg_minhash_compress}), so the first 64 bits are one bit per MinHash
   * and a longer code's prefix is the 64-bit code of the same text: codes of any length compare.
   * Two texts whose shingle sets have Jaccard similarity J differ in each of these bits with
   * probability (1 − J) / 2: about 16 bits at J = 0.5, 4 at J = 0.875, 32 for unrelated texts.
   * Radius 8 (J ≳ 0.75: a lightly edited copy) keeps the chance that an unrelated text comes within
   * it near 3·10^-10 per pair (binomial 64, ½), so about 0.003 false candidates per query against
   * 10^7 registered texts; near matches only ever deny, never clear.
   *
   * <p>The header is not checked, as PDQ's 256 bits are not: the registry accepted the value as a
   * fingerprint of this algorithm ({@code Fingerprint.requireKnown}: 20–68 hex digits), and the
   * index holds and answers exactly what the store holds.
   *
   * @throws IndexException if the value has fewer than 20 hex digits
   */
  static BinaryCode textCodePrefix(String hex) {
    return bodyPrefix("Text-Code", hex);
  }

  /**
   * The first 64 bits of an ISCC Image-Code's body: what the image index holds and compares.
   *
   * <p>The value is a 2-byte ISCC header (Content, subtype 1 = Image) and a body of 64–256 bits: the
   * signs, against their block's median, of the 64 coefficients of each of four 8x8 blocks of the
   * 32x32 grey picture's DCT, block by block (iscc-core {@code soft_hash_image_v0}; {@code
   * kyodaku-fingerprint}'s {@code ImageHash}). So the first 64 bits are the lowest-frequency block,
   * a longer code's prefix is the 64-bit code of the same picture, and codes of any length compare.
   *
   * <p>Radius 8, chosen from the robustness report (docs/fingerprints.md): over 68 pictures and 40
   * edits, re-encoding, resizing, blur, noise, greyscale and contrast stay within 0–8 bits, and the
   * Image-Code also keeps most 5% crops, captions and brightness changes that PDQ loses; no unrelated
   * pair of the 182,240 measured came within 13 bits. The report cannot measure what matters at
   * scale, the rate per pair against a large registry; the unrelated distances follow the binomial
   * (64, ½) law down to its tail, at most ~3 times heavier there (19 pairs within 16 bits where the
   * binomial predicts 7), which puts it at ~3·10^-10–10^-9 per pair at 8 bits (0.003–0.01 false
   * candidates per query against 10^7 registered pictures) and ~10^-8–3·10^-8 at 10 bits (0.1–0.3
   * per query: one picture in ten would meet a stranger's work). A resemblance only ever denies,
   * never clears; PDQ remains the finer code for the same pictures.
   *
   * @throws IndexException if the value has fewer than 20 hex digits
   */
  static BinaryCode imageCodePrefix(String hex) {
    return bodyPrefix("Image-Code", hex);
  }

  private static BinaryCode bodyPrefix(String unit, String hex) {
    if (hex.length() < 4 + 16) {
      throw new IndexException(
          "an ISCC " + unit + " has a 4-digit header and at least 16 digits of body, got " + hex.length() + " digits");
    }
    return BinaryCode.fromHex(64, hex.substring(4, 4 + 16));
  }

  /** Tail entries of one algorithm after which a flush into a new segment starts. */
  public static final int DEFAULT_FLUSH_ENTRIES = 1 << 16;

  private final Map<String, AlgorithmIndex> indexes;
  private final List<String> report;
  private final int flushEntries;
  private final Set<String> flushing = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.ExecutorService flusher =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "kyodaku-index-flush");
            t.setDaemon(true);
            return t;
          });

  private RegistryIndex(Map<String, AlgorithmIndex> indexes, List<String> report, int flushEntries) {
    this.indexes = indexes;
    this.report = List.copyOf(report);
    this.flushEntries = flushEntries;
  }

  /**
   * An empty in-memory index searching the given algorithms at the given radii.
   *
   * @throws IndexException for an algorithm it cannot search or a radius out of range
   */
  public RegistryIndex(Map<String, Integer> radii) {
    this(inMemory(radii), List.of(), DEFAULT_FLUSH_ENTRIES);
  }

  private static Map<String, AlgorithmIndex> inMemory(Map<String, Integer> radii) {
    Map<String, AlgorithmIndex> out = new LinkedHashMap<>();
    radii.forEach((a, r) -> out.put(a, AlgorithmIndex.inMemory(checked(a, r), r)));
    return out;
  }

  private static AlgorithmIndex.Searchable checked(String algorithm, int radius) {
    AlgorithmIndex.Searchable s = SEARCHABLE.get(algorithm);
    if (s == null) {
      throw new IndexException(
          "cannot search " + algorithm + " by resemblance; searchable: " + SEARCHABLE.keySet());
    }
    if (radius < 0 || radius > s.width()) {
      throw new IndexException(
          "radius for " + algorithm + " must be between 0 and " + s.width() + ", got " + radius);
    }
    return s;
  }

  /** An in-memory index filled with every fingerprint the store holds. */
  public static RegistryIndex rebuild(RegistryStore store, Map<String, Integer> radii) {
    RegistryIndex index = new RegistryIndex(radii);
    for (AlgorithmIndex a : index.indexes.values()) {
      store.forEachIndexedFingerprint(a.algorithm, Optional.empty(), f -> a.add(f.work(), f.registeredAt(), f.value()));
      index.flushNow(a);
    }
    return index;
  }

  /**
   * Opens the persisted index in {@code directory} (one subdirectory per algorithm), checked
   * against {@code store} and brought up to date with it, or rebuilt from it (see the class
   * comment); {@link #report()} says which, per algorithm.
   *
   * @throws IndexException for an algorithm it cannot search or a radius out of range
   * @throws IOException if the directory cannot be written, or the store holds a fingerprint that
   *     is not a code of its algorithm's width
   */
  public static RegistryIndex open(Path directory, RegistryStore store, Map<String, Integer> radii)
      throws IOException {
    return open(directory, store, radii, DEFAULT_FLUSH_ENTRIES);
  }

  static RegistryIndex open(Path directory, RegistryStore store, Map<String, Integer> radii, int flushEntries)
      throws IOException {
    Map<String, AlgorithmIndex> indexes = new LinkedHashMap<>();
    List<String> report = new ArrayList<>();
    radii.forEach(RegistryIndex::checked);
    for (var e : radii.entrySet()) {
      AlgorithmIndex.Opened opened;
      try {
        opened = AlgorithmIndex.open(checked(e.getKey(), e.getValue()), e.getValue(), directory.resolve(e.getKey()), store);
      } catch (IndexException bad) {
        throw new IOException("cannot index the store's " + e.getKey() + " fingerprints: " + bad.getMessage(), bad);
      }
      indexes.put(e.getKey(), opened.index());
      report.add(opened.report() + ", radius " + e.getValue());
    }
    return new RegistryIndex(indexes, report, flushEntries);
  }

  /** One line per algorithm: loaded or rebuilt, how many fingerprints, how long it took. */
  public List<String> report() {
    return report;
  }

  @Override
  public Set<String> algorithms() {
    return indexes.keySet();
  }

  /** How many fingerprints of {@code algorithm} are indexed. */
  public long size(String algorithm) {
    AlgorithmIndex a = indexes.get(algorithm);
    return a == null ? 0 : a.size();
  }

  @Override
  public List<NearMatch> near(Fingerprint query) {
    AlgorithmIndex a = indexes.get(query.algorithm());
    if (a == null) {
      return List.of();
    }
    BinaryCode code = a.code(query.value());
    List<BinaryCode> orientations = query.algorithm().equals(Fingerprint.PDQ) ? PdqDihedral.variants(code) : List.of(code);
    // Each work once, at its nearest distance over every orientation searched.
    Map<String, Integer> nearest = new LinkedHashMap<>();
    for (BinaryCode q : orientations) {
      for (Match m : a.search(q)) {
        nearest.merge(a.work(m.id()), m.distance(), Math::min);
      }
    }
    List<NearMatch> out = new ArrayList<>(nearest.size());
    nearest.forEach((work, distance) -> out.add(new NearMatch(work, query.algorithm(), distance)));
    out.sort(java.util.Comparator.comparingInt(NearMatch::distance));
    return out;
  }

  @Override
  public void register(Work work, List<Asset> assets) {
    for (Asset asset : assets) {
      for (Fingerprint f : asset.fingerprints()) {
        AlgorithmIndex a = indexes.get(f.algorithm());
        if (a != null) {
          a.add(work.id(), work.registeredAt(), f.value());
          if (a.tailSize() >= flushEntries && flushing.add(a.algorithm)) {
            flusher.execute(
                () -> {
                  try {
                    // As VideoFrameIndex: a burst may refill the tail during a flush, and if it then
                    // stops no registration would start another, leaving a long scanned tail.
                    do {
                      flushNow(a);
                    } while (a.tailSize() >= flushEntries && a.persistenceFailure().isEmpty());
                  } finally {
                    flushing.remove(a.algorithm);
                  }
                });
          }
        }
      }
    }
  }

  /** Entries of {@code algorithm} registered but not yet in a segment (searched by a scan). */
  int tailSize(String algorithm) {
    return indexes.get(algorithm).tailSize();
  }

  private void flushNow(AlgorithmIndex a) {
    try {
      a.flush();
    } catch (IOException e) {
      // Recorded in the algorithm index, which keeps answering from memory: see close().
    }
  }

  /**
   * Flushes every tail into segments now (registrations continue meanwhile).
   *
   * @throws IOException if a flush failed, now or in the background since the index was opened
   */
  public void flush() throws IOException {
    for (AlgorithmIndex a : indexes.values()) {
      a.flush();
      Optional<String> failure = a.persistenceFailure();
      if (failure.isPresent()) {
        throw new IOException("the " + a.algorithm + " index stopped persisting: " + failure.get());
      }
    }
  }

  /** Flushes and stops the background flusher; the index still answers from what it holds. */
  @Override
  public void close() throws IOException {
    flusher.shutdown();
    try {
      flusher.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
