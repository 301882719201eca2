package org.kyodaku.index.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.kyodaku.core.registry.RegistryStore;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.index.hamming.IndexException;
import org.kyodaku.index.hamming.LiveIndex;
import org.kyodaku.index.hamming.Match;
import org.kyodaku.index.hamming.Segment;

/**
 * One algorithm's index: a {@link LiveIndex} whose entry ids are index positions, and the work id
 * of each position — in memory-mapped {@link WorkIdFile}s for flushed segments, on the heap for
 * the tail. Persisted ({@link #open}) or in memory ({@link #inMemory}).
 *
 * <p><b>Concurrency.</b> Adds serialise on {@code addLock}; a flush runs on whichever thread
 * calls {@link #flush} (one at a time) and holds {@code addLock} only to copy the flushed tail's
 * work ids and to swap in the trimmed tail. Readers never lock: they read the index's snapshot,
 * then the {@link Ids} snapshot, which is at least as new, so every position found resolves.
 */
final class AlgorithmIndex {
  /** Positions below {@code base} are in {@code files}; the rest in {@code tail} (heap). */
  private record Ids(List<WorkIdFile> files, long base, String[] tail, long[] registered) {
    String get(long position) {
      if (position >= base) {
        return tail[(int) (position - base)];
      }
      int lo = 0;
      int hi = files.size() - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (files.get(mid).base() <= position) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return files.get(lo).get(position);
    }
  }

  final String algorithm;
  final int width;
  final int radius;
  /** A stored fingerprint value as the code indexed for it. */
  private final Function<String, BinaryCode> codec;
  private final LiveIndex index;
  private final @Nullable Path directory;
  private final Object addLock = new Object();
  private final Object flushLock = new Object();
  private volatile Ids ids;
  private int tailSize;
  private Manifest manifest;
  private volatile @Nullable String persistenceFailure;

  private AlgorithmIndex(
      Searchable kind, int radius, LiveIndex index, @Nullable Path directory, Manifest manifest, List<WorkIdFile> files) {
    this.algorithm = kind.algorithm();
    this.width = kind.width();
    this.codec = kind.codec();
    this.radius = radius;
    this.index = index;
    this.directory = directory;
    this.manifest = manifest;
    this.ids = new Ids(List.copyOf(files), manifest.entries(), new String[16], new long[16]);
  }

  /** An algorithm the index can search: its code width and how a stored value becomes a code. */
  record Searchable(String algorithm, int width, int defaultRadius, Function<String, BinaryCode> codec) {}

  /**
   * What the store holds for one index: each entry's key (what a search returns: a work id, or a
   * video asset), the instant its work was registered, and its value. The persisted index is
   * checked against it and caught up from it.
   */
  interface Source {
    /** What the entries are, for messages: {@code "fingerprints"}, {@code "frames"}. */
    String noun();

    /** Every entry whose work was registered strictly after {@code after} (all when empty). */
    void forEach(Optional<Instant> after, Sink action);

    /** The number of entries whose work was registered at or before {@code until}. */
    long count(Instant until);

    /** Whether the store holds an entry with this key whose value is {@code code}. */
    boolean holds(String key, BinaryCode code);
  }

  /** Receives one entry of a {@link Source}. */
  @FunctionalInterface
  interface Sink {
    void accept(String key, Instant registeredAt, String value);
  }

  /** The store's fingerprints of {@code kind}'s algorithm, keyed by work id. */
  static Source fingerprints(RegistryStore store, Searchable kind) {
    String algorithm = kind.algorithm();
    return new Source() {
      @Override
      public String noun() {
        return "fingerprints";
      }

      @Override
      public void forEach(Optional<Instant> after, Sink action) {
        store.forEachIndexedFingerprint(algorithm, after, f -> action.accept(f.work(), f.registeredAt(), f.value()));
      }

      @Override
      public long count(Instant until) {
        return store.countFingerprints(algorithm, until);
      }

      @Override
      public boolean holds(String work, BinaryCode code) {
        return store.assetsOf(work).stream()
            .flatMap(a -> a.fingerprints().stream())
            .anyMatch(f -> f.algorithm().equals(algorithm) && kind.codec().apply(f.value()).equals(code));
      }
    };
  }

  static AlgorithmIndex inMemory(Searchable kind, int radius) {
    return new AlgorithmIndex(
        kind, radius, LiveIndex.inMemory(kind.width()), null, Manifest.empty(kind.algorithm(), kind.width()), List.of());
  }

  /** What {@link #open} did, for the start-up message. */
  record Opened(AlgorithmIndex index, String report) {}

  /**
   * Opens the persisted index in {@code directory} if it is intact and agrees with the store, and
   * adds what was registered after it was last flushed; otherwise deletes it and rebuilds it from
   * the store. Either way the result holds exactly the store's fingerprints of this algorithm.
   */
  static Opened open(Searchable kind, int radius, Path directory, RegistryStore store)
      throws IOException {
    return open(kind, radius, directory, fingerprints(store, kind));
  }

  /** {@link #open} for entries from any {@link Source}. */
  static Opened open(Searchable kind, int radius, Path directory, Source store)
      throws IOException {
    String algorithm = kind.algorithm();
    int width = kind.width();
    long started = System.nanoTime();
    Files.createDirectories(directory);
    String why;
    try {
      Optional<Manifest> manifest = Manifest.read(directory);
      if (manifest.isPresent()) {
        AlgorithmIndex loaded = load(kind, radius, directory, manifest.get(), store);
        long loadedEntries = loaded.manifest.entries();
        int caughtUp = loaded.catchUp(store, manifest.get().registeredUntil());
        return new Opened(loaded, String.format(
            "%s: %d %s from %d segments, %d registered since (%.1f s)",
            algorithm, loadedEntries, store.noun(), manifest.get().segments().size(), caughtUp, seconds(started)));
      }
      why = "no index yet";
    } catch (IndexException e) {
      why = e.getMessage();
    }
    clear(directory);
    LiveIndex empty = LiveIndex.open(directory, width);
    AlgorithmIndex rebuilt =
        new AlgorithmIndex(kind, radius, empty, directory, Manifest.empty(algorithm, width), List.of());
    int added = rebuilt.catchUp(store, Optional.empty());
    return new Opened(rebuilt, String.format(
        "%s: rebuilt %d %s from the store (%s) (%.1f s)", algorithm, added, store.noun(), why, seconds(started)));
  }

  private static AlgorithmIndex load(
      Searchable kind, int radius, Path directory, Manifest m, Source store) throws IOException {
    String algorithm = kind.algorithm();
    int width = kind.width();
    if (!m.algorithm().equals(algorithm) || m.width() != width) {
      throw new IndexException("the index in " + directory + " holds " + m.algorithm() + " (" + m.width()
          + " bits), expected " + algorithm + " (" + width + " bits)");
    }
    Set<String> keep = new HashSet<>(Set.of(Manifest.FILE));
    for (Manifest.Entry e : m.segments()) {
      keep.add(e.file());
      keep.add(e.worksFile());
    }
    // Leftovers of a flush that crashed before its manifest: not part of the index.
    try (Stream<Path> files = Files.list(directory)) {
      for (Path p : files.toList()) {
        if (!keep.contains(p.getFileName().toString())) {
          Files.delete(p);
        }
      }
    }
    LiveIndex index = LiveIndex.open(directory, width);
    List<Segment> segments = index.segments();
    if (segments.size() != m.segments().size()) {
      throw new IndexException("the manifest in " + directory + " names " + m.segments().size()
          + " segments, the directory holds " + segments.size());
    }
    List<WorkIdFile> files = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      Manifest.Entry e = m.segments().get(i);
      Segment s = segments.get(i);
      WorkIdFile w = WorkIdFile.open(directory.resolve(e.worksFile()));
      if (s.size() != e.count() || w.count() != e.count() || w.base() != e.base()
          || s.idAt(0) != e.base() || s.idAt(e.count() - 1) != e.base() + e.count() - 1) {
        throw new IndexException("segment " + e.file() + " in " + directory + " holds " + s.size()
            + " entries and work ids from position " + w.base() + " (" + w.count()
            + "), the manifest says " + e.count() + " from " + e.base());
      }
      files.add(w);
    }
    AlgorithmIndex loaded = new AlgorithmIndex(kind, radius, index, directory, m, files);
    loaded.checkAgainst(store, segments);
    return loaded;
  }

  /**
   * The store must hold exactly as many fingerprints registered up to the manifest's instant as
   * the segments (facts are only added, so a count that differs means the segments are stale or
   * belong to another store), and a spread of sampled entries must be in it with the same work.
   */
  private void checkAgainst(Source store, List<Segment> segments) {
    long stored = manifest.registeredUntil().map(store::count).orElse(0L);
    if (stored != manifest.entries()) {
      throw new IndexException("stale: the store holds " + stored + " " + algorithm
          + " " + store.noun() + " registered up to " + manifest.registeredUntil().map(Instant::toString).orElse("-")
          + ", the index " + manifest.entries());
    }
    Ids current = ids;
    for (Segment s : segments) {
      int n = (int) s.size();
      for (int i : new java.util.TreeSet<>(List.of(0, n / 4, n / 2, 3 * n / 4, n - 1))) {
        BinaryCode code = s.codeAt(i);
        String work = current.get(s.idAt(i));
        if (!store.holds(work, code)) {
          throw new IndexException("stale: the index has " + algorithm + " " + code.toHex() + " for work " + work
              + ", which the store does not hold for it");
        }
      }
    }
  }

  /** Adds every fingerprint registered after {@code after} (all when empty), then flushes them. */
  private int catchUp(Source store, Optional<Instant> after) throws IOException {
    int[] added = {0};
    store.forEach(
        after,
        (key, registeredAt, value) -> {
          add(key, registeredAt, value);
          added[0]++;
        });
    flush();
    return added[0];
  }

  void add(String work, Instant registeredAt, String hex) {
    BinaryCode code = codec.apply(hex);
    synchronized (addLock) {
      Ids s = ids;
      String[] tail = s.tail;
      long[] registered = s.registered;
      if (tailSize == tail.length) {
        tail = Arrays.copyOf(tail, 2 * tailSize);
        registered = Arrays.copyOf(registered, 2 * tailSize);
      }
      tail[tailSize] = work;
      registered[tailSize] = micros(registeredAt);
      long position = s.base + tailSize++;
      if (tail != s.tail) {
        ids = new Ids(s.files, s.base, tail, registered);
      }
      // After the work id is stored: a search that finds the position can resolve it.
      index.add(code, position);
    }
  }

  /** The code indexed for a fingerprint value of this algorithm. */
  BinaryCode code(String value) {
    return codec.apply(value);
  }

  List<Match> search(BinaryCode query) {
    return index.rangeSearch(query, radius);
  }

  String work(long position) {
    return ids.get(position);
  }

  long size() {
    return index.size();
  }

  int tailSize() {
    synchronized (addLock) {
      return tailSize;
    }
  }

  /** Why persisting stopped (the index then keeps everything in memory), if it did. */
  Optional<String> persistenceFailure() {
    return Optional.ofNullable(persistenceFailure);
  }

  /**
   * Moves the tail into segments. Persisted: writes the segments, their work-id files and then the
   * manifest, and drops the flushed work ids from the heap. If writing fails, the index stops
   * persisting (searches stay correct, from memory) and the next start catches up or rebuilds.
   */
  void flush() throws IOException {
    synchronized (flushLock) {
      if (persistenceFailure != null) {
        return;
      }
      int before = index.segments().size();
      int n;
      try {
        n = index.flush();
      } catch (IOException | RuntimeException e) {
        persistenceFailure = String.valueOf(e.getMessage());
        throw e;
      }
      if (n == 0) {
        return;
      }
      if (directory == null) {
        index.compact();
        return;
      }
      List<Segment> flushed = index.segments().subList(before, index.segments().size());
      String[] works;
      long until;
      Ids s;
      synchronized (addLock) {
        s = ids;
        works = Arrays.copyOf(s.tail, n);
        until = manifest.registeredUntil().map(AlgorithmIndex::micros).orElse(Long.MIN_VALUE);
        for (int i = 0; i < n; i++) {
          until = Math.max(until, s.registered[i]);
        }
      }
      try {
        List<WorkIdFile> files = new ArrayList<>(s.files);
        List<Manifest.Entry> entries = new ArrayList<>(manifest.segments());
        long base = s.base;
        int from = 0;
        for (Segment segment : flushed) {
          Path file = segment.file().orElseThrow();
          Manifest.Entry e = new Manifest.Entry(file.getFileName().toString(), (int) segment.size(), base);
          Path worksFile = directory.resolve(e.worksFile());
          WorkIdFile.write(worksFile, base, Arrays.asList(works).subList(from, from + e.count()));
          files.add(WorkIdFile.open(worksFile));
          entries.add(e);
          base += e.count();
          from += e.count();
        }
        Manifest next = new Manifest(algorithm, width, base, Optional.of(instant(until)), entries);
        next.write(directory);
        manifest = next;
        synchronized (addLock) {
          Ids now = ids;
          int left = tailSize - n;
          int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, left)) * 2);
          String[] tail = new String[capacity];
          long[] registered = new long[capacity];
          System.arraycopy(now.tail, n, tail, 0, left);
          System.arraycopy(now.registered, n, registered, 0, left);
          tailSize = left;
          ids = new Ids(List.copyOf(files), base, tail, registered);
        }
        compact(directory);
      } catch (IOException | RuntimeException e) {
        persistenceFailure = String.valueOf(e.getMessage());
        throw e;
      }
    }
  }

  /**
   * Lets the index merge its newest segments ({@link LiveIndex#compact}) and merges their work-id
   * files to match: new file, then the manifest naming it, then the old files go. The index deletes
   * the old segment files before the new manifest exists, so a crash in between leaves a manifest
   * naming missing files: the next start rebuilds from the store (slow, never wrong).
   */
  private void compact(Path directory) throws IOException {
    int merged = index.compact();
    if (merged == 0) {
      return;
    }
    Segment segment = index.segments().getLast();
    List<Manifest.Entry> entries = new ArrayList<>(manifest.segments());
    List<Manifest.Entry> old = List.copyOf(entries.subList(entries.size() - merged, entries.size()));
    entries.subList(entries.size() - merged, entries.size()).clear();
    Manifest.Entry e = new Manifest.Entry(
        segment.file().orElseThrow().getFileName().toString(), (int) segment.size(), old.getFirst().base());
    List<WorkIdFile> before = ids.files;
    Path worksFile = directory.resolve(e.worksFile());
    // The merged segments' work-id files are the last ones; their bytes are copied, not decoded.
    WorkIdFile.concat(worksFile, before.subList(before.size() - merged, before.size()));
    WorkIdFile file = WorkIdFile.open(worksFile);
    if (file.base() != e.base() || file.count() != e.count()) {
      throw new IndexException("merged work ids of " + directory + " cover " + file.count() + " positions from "
          + file.base() + ", the merged segment " + e.count() + " from " + e.base());
    }
    entries.add(e);
    Manifest next = new Manifest(algorithm, width, manifest.entries(), manifest.registeredUntil(), entries);
    next.write(directory);
    manifest = next;
    synchronized (addLock) {
      Ids now = ids;
      List<WorkIdFile> files = new ArrayList<>(now.files.subList(0, now.files.size() - merged));
      files.add(file);
      ids = new Ids(List.copyOf(files), now.base, now.tail, now.registered);
    }
    for (Manifest.Entry o : old) {
      Files.deleteIfExists(directory.resolve(o.worksFile()));
    }
  }

  private static void clear(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
  }

  private static long micros(Instant t) {
    return java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
