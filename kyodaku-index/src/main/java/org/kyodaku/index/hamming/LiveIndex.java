package org.kyodaku.index.hamming;

import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A searchable index that accepts registrations: immutable {@link Segment}s plus a small mutable
 * tail that is scanned, so an entry is searchable as soon as {@link #add} returns.
 *
 * <p><b>Readers never lock.</b> Everything a query needs is one immutable snapshot (segments,
 * tail arrays and tail length) behind a volatile reference; a query reads it once and works on it
 * alone. Writers ({@link #add}, {@link #flush}) serialise on a private lock, append to the tail
 * arrays only beyond every published length (or copy them when full) and then publish a new
 * snapshot, so a published snapshot never changes and a query sees each entry exactly once: in
 * the tail before a flush, in the new segment after it.
 *
 * <p><b>Persistence.</b> {@link #flush} turns the tail into a new segment — a file {@code
 * segment-NNNNNNNN.kdx} in the directory given to {@link #open}, or an in-memory segment for
 * {@link #inMemory}. The tail itself is not durable: after a crash, entries added since the last
 * flush are re-added from the registry, the system of record (the index is rebuildable from a
 * stream of (code, id)).
 */
public final class LiveIndex implements HammingIndex {
  private static final Pattern SEGMENT_NAME = Pattern.compile("segment-(\\d{8})\\.kdx");

  private record Snapshot(List<Segment> segments, long[] tailCodes, long[] tailIds, int tailCount) {
    long size() {
      long n = tailCount;
      for (Segment s : segments) {
        n += s.size();
      }
      return n;
    }
  }

  private final int width;
  private final int words;
  private final @Nullable Path directory;
  private final Object writeLock = new Object();
  private final Object flushLock = new Object();
  private volatile Snapshot snapshot;
  private int nextSegment;

  private LiveIndex(int width, @Nullable Path directory, List<Segment> segments, int nextSegment) {
    this.width = width;
    this.words = width / 64;
    this.directory = directory;
    this.nextSegment = nextSegment;
    this.snapshot = new Snapshot(List.copyOf(segments), new long[16 * words], new long[16], 0);
  }

  /** An empty index whose flushed segments stay on the heap. */
  public static LiveIndex inMemory(int width) {
    Layout.requireWidth(width);
    return new LiveIndex(width, null, List.of(), 1);
  }

  /**
   * Opens (creating if needed) the index stored in {@code directory}: every {@code
   * segment-NNNNNNNN.kdx} file in name order, each verified and memory-mapped.
   *
   * @throws IndexException if a segment is damaged or holds codes of another width
   */
  public static LiveIndex open(Path directory, int width) throws IOException {
    Layout.requireWidth(width);
    Files.createDirectories(directory);
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files =
          list.filter(p -> SEGMENT_NAME.matcher(p.getFileName().toString()).matches())
              .sorted()
              .toList();
    }
    List<Segment> segments = new ArrayList<>();
    int next = 1;
    for (Path file : files) {
      Segment s = Segment.open(file);
      if (s.width() != width) {
        throw new IndexException(
            "segment " + file + " holds " + s.width() + "-bit codes, the index " + width);
      }
      segments.add(s);
      Matcher m = SEGMENT_NAME.matcher(file.getFileName().toString());
      if (m.matches()) {
        next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
      }
    }
    return new LiveIndex(width, directory, segments, next);
  }

  /** Adds one entry, searchable when this returns. */
  public void add(BinaryCode code, long id) {
    code.requireWidth(width);
    synchronized (writeLock) {
      Snapshot s = snapshot;
      long[] codes = s.tailCodes;
      long[] ids = s.tailIds;
      int n = s.tailCount;
      if (n == ids.length) {
        // Copies: older snapshots keep reading the old arrays, which no one writes again.
        ids = Arrays.copyOf(ids, 2 * n);
        codes = Arrays.copyOf(codes, 2 * n * words);
      }
      System.arraycopy(code.unsafeWords(), 0, codes, n * words, words);
      ids[n] = id;
      snapshot = new Snapshot(s.segments, codes, ids, n + 1);
    }
  }

  /**
   * Writes the tail as new segment(s) (at most {@link IndexWriter#maxEntries} entries each), opens
   * them and publishes them in place of the entries they hold. The segments are built without the
   * write lock, from the tail as it was when the flush began; {@link #add} waits only for the final
   * swap, which copies the entries added meanwhile into a fresh tail. Searches never wait. One
   * flush runs at a time.
   *
   * @return the entries moved from the tail into segments: the oldest ones, in the order added
   */
  public int flush() throws IOException {
    synchronized (flushLock) {
      Snapshot s = snapshot;
      int n = s.tailCount;
      if (n == 0) {
        return 0;
      }
      // Entries below n are never written again (adds only append beyond a published length).
      List<Segment> built = new ArrayList<>();
      int max = IndexWriter.maxEntries(width);
      for (int from = 0; from < n; from += max) {
        IndexWriter writer = IndexWriter.create(width);
        writer.addAll(LongBuffer.wrap(s.tailCodes), LongBuffer.wrap(s.tailIds), from, Math.min(n, from + max));
        if (directory == null) {
          built.add(writer.build());
        } else {
          built.add(writer.write(directory.resolve(String.format("segment-%08d.kdx", nextSegment++))));
        }
      }
      synchronized (writeLock) {
        Snapshot now = snapshot;
        List<Segment> segments = new ArrayList<>(now.segments);
        segments.addAll(built);
        int left = now.tailCount - n;
        int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, left)) * 2);
        long[] codes = new long[capacity * words];
        long[] ids = new long[capacity];
        System.arraycopy(now.tailCodes, n * words, codes, 0, left * words);
        System.arraycopy(now.tailIds, n, ids, 0, left);
        snapshot = new Snapshot(List.copyOf(segments), codes, ids, left);
      }
      return n;
    }
  }

  /**
   * Merges the newest segments into one, so that a long-running index keeps O(log N) segments
   * rather than one per flush (every segment is probed by every query). The suffix merged is the
   * longest whose next older segment is at most twice its total (a binary counter: sizes fall
   * geometrically from oldest to newest), within {@link IndexWriter#maxEntries}. The merged segment
   * is built from the mapped ones without any lock, then swapped in for them in one step; their
   * files are deleted afterwards (readers still holding them keep their mapping). Runs one at a
   * time with {@link #flush}; adds wait only for the swap, searches never.
   *
   * @return how many segments were merged into one (0: nothing to merge)
   */
  public int compact() throws IOException {
    synchronized (flushLock) {
      List<Segment> segments = snapshot.segments;
      int k = segments.size();
      if (k < 2) {
        return 0;
      }
      long total = segments.get(k - 1).size();
      int from = k - 1;
      while (from > 0) {
        long older = segments.get(from - 1).size();
        if (older > 2 * total || total + older > IndexWriter.maxEntries(width)) {
          break;
        }
        total += older;
        from--;
      }
      if (k - from < 2) {
        return 0;
      }
      List<Segment> merging = segments.subList(from, k);
      IndexWriter writer = IndexWriter.create(width).reserve((int) total);
      for (Segment s : merging) {
        s.copyTo(writer);
      }
      Segment merged =
          directory == null
              ? writer.build()
              : writer.write(directory.resolve(String.format("segment-%08d.kdx", nextSegment++)));
      synchronized (writeLock) {
        Snapshot now = snapshot;
        List<Segment> next = new ArrayList<>(now.segments.subList(0, from));
        next.add(merged);
        snapshot = new Snapshot(List.copyOf(next), now.tailCodes, now.tailIds, now.tailCount);
      }
      for (Segment s : merging) {
        Optional<Path> file = s.file();
        if (file.isPresent()) {
          Files.deleteIfExists(file.get());
        }
      }
      return k - from;
    }
  }

  /** Entries in the tail, not yet in a segment. */
  public int tailSize() {
    return snapshot.tailCount;
  }

  /** The immutable segments of the current snapshot, oldest first. */
  public List<Segment> segments() {
    return snapshot.segments;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public long size() {
    return snapshot.size();
  }

  @Override
  public List<Match> rangeSearch(BinaryCode query, int radius) {
    query.requireWidth(width);
    Scan.requireRadius(radius);
    Snapshot s = snapshot;
    List<Match> out = new ArrayList<>();
    for (Segment segment : s.segments) {
      out.addAll(segment.rangeSearch(query, radius));
    }
    Hits tail = new Hits();
    Scan.range(
        LongBuffer.wrap(s.tailCodes), words, s.tailCount, query.unsafeWords(), radius, tail);
    out.addAll(tail.toMatches(LongBuffer.wrap(s.tailIds)));
    out.sort(Match.ORDER);
    return out;
  }

  @Override
  public List<Match> nearest(BinaryCode query, int k) {
    query.requireWidth(width);
    Scan.requireK(k);
    Snapshot s = snapshot;
    List<List<Match>> lists = new ArrayList<>();
    for (Segment segment : s.segments) {
      lists.add(segment.nearest(query, k));
    }
    lists.add(
        Scan.nearest(
            LongBuffer.wrap(s.tailCodes),
            LongBuffer.wrap(s.tailIds),
            words,
            s.tailCount,
            query.unsafeWords(),
            k));
    return Hits.smallest(lists, k);
  }
}
