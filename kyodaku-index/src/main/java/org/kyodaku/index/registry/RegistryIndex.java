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
 * which Meta's PDQ documentation and hash-sharing programmes call two images the same. A PDQ query
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
  /** Default radius per algorithm. */
  public static final Map<String, Integer> DEFAULT_RADII = Map.of(Fingerprint.PDQ, 31);

  /** Tail entries of one algorithm after which a flush into a new segment starts. */
  public static final int DEFAULT_FLUSH_ENTRIES = 1 << 16;

  private static final Map<String, Integer> WIDTHS = Map.of(Fingerprint.PDQ, 256);

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
    radii.forEach((a, r) -> out.put(a, AlgorithmIndex.inMemory(a, checkedWidth(a, r), r)));
    return out;
  }

  private static int checkedWidth(String algorithm, int radius) {
    Integer width = WIDTHS.get(algorithm);
    if (width == null) {
      throw new IndexException(
          "cannot search " + algorithm + " by resemblance; searchable: " + WIDTHS.keySet());
    }
    if (radius < 0 || radius > width) {
      throw new IndexException(
          "radius for " + algorithm + " must be between 0 and " + width + ", got " + radius);
    }
    return width;
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
    radii.forEach(RegistryIndex::checkedWidth);
    for (var e : radii.entrySet()) {
      int width = checkedWidth(e.getKey(), e.getValue());
      AlgorithmIndex.Opened opened;
      try {
        opened = AlgorithmIndex.open(e.getKey(), width, e.getValue(), directory.resolve(e.getKey()), store);
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
    BinaryCode code = BinaryCode.fromHex(query.value());
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
                    flushNow(a);
                  } finally {
                    flushing.remove(a.algorithm);
                  }
                });
          }
        }
      }
    }
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
