package org.kyodaku.index.hamming;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of (code, id) entries with multi-index hashing tables, either on the heap
 * ({@link IndexWriter#build()}) or memory-mapped from a segment file ({@link #open(Path)}), so a
 * large index lives in the page cache rather than the Java heap. Safe for any number of
 * concurrent readers. Range queries probe the tables when the cost model says that beats a scan,
 * and scan otherwise; k-nearest queries widen the radius until k entries are found.
 */
public final class Segment implements HammingIndex {
  private final Layout layout;
  private final LongBuffer codes;
  private final LongBuffer ids;
  private final @Nullable MultiIndexHashing mih;
  private final @Nullable Path file;
  private final long bytes;

  Segment(Layout layout, List<ByteBuffer> sections, @Nullable Path file) {
    this.layout = layout;
    this.file = file;
    this.codes = sections.get(0).asLongBuffer();
    this.ids = sections.get(1).asLongBuffer();
    int m = layout.tables().size();
    long total = SegmentFormat.headerLength(m);
    for (ByteBuffer b : sections) {
      total += b.capacity();
    }
    this.bytes = total;
    if (m == 0) {
      this.mih = null;
    } else {
      IntBuffer[] dirs = new IntBuffer[m];
      IntBuffer[] entries = new IntBuffer[m];
      for (int t = 0; t < m; t++) {
        dirs[t] = sections.get(2 + 2 * t).asIntBuffer();
        entries[t] = sections.get(3 + 2 * t).asIntBuffer();
      }
      this.mih = new MultiIndexHashing(layout, codes, dirs, entries);
    }
  }

  /**
   * Opens a segment file memory-mapped, after checking its header and every section's CRC-32C.
   *
   * @throws IndexException naming the file and what is wrong, if it is not an intact segment
   * @throws IOException if it cannot be read
   */
  public static Segment open(Path file) throws IOException {
    SegmentFormat.Opened opened = SegmentFormat.open(file);
    return new Segment(opened.layout(), opened.sections(), file);
  }

  /** The file this segment is mapped from; empty for an in-memory segment. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Bytes of the segment (header and all sections): its file size, or its heap footprint. */
  public long bytes() {
    return bytes;
  }

  /** Number of multi-index hashing tables (0: every query scans). */
  public int tables() {
    return layout.tables().size();
  }

  /**
   * The code of the entry at {@code position} (0 .. size - 1, in the order added).
   *
   * @throws IndexException if the position is out of range
   */
  public BinaryCode codeAt(int position) {
    checkPosition(position);
    long[] w = new long[layout.words()];
    codes.get(position * layout.words(), w);
    return BinaryCode.ofWords(w);
  }

  /** The id of the entry at {@code position} (0 .. size - 1, in the order added). */
  public long idAt(int position) {
    checkPosition(position);
    return ids.get(position);
  }

  /** Copies every entry into {@code writer}, in order (compaction: no object per entry). */
  void copyTo(IndexWriter writer) {
    writer.addAll(codes, ids, 0, layout.count());
  }

  private void checkPosition(int position) {
    if (position < 0 || position >= layout.count()) {
      throw new IndexException(
          "entry " + position + " is outside a segment of " + layout.count() + " entries");
    }
  }

  @Override
  public int width() {
    return layout.width();
  }

  @Override
  public long size() {
    return layout.count();
  }

  @Override
  public List<Match> rangeSearch(BinaryCode query, int radius) {
    query.requireWidth(width());
    Scan.requireRadius(radius);
    return search(query.unsafeWords(), radius);
  }

  /** Probes the tables whatever the cost model says (tests: the algorithm itself is exact). */
  List<Match> rangeSearchByProbing(BinaryCode query, int radius) {
    if (mih == null) {
      return rangeSearch(query, radius);
    }
    Hits hits = new Hits();
    mih.range(query.unsafeWords(), radius, hits);
    return hits.toMatches(ids);
  }

  private List<Match> search(long[] q, int radius) {
    Hits hits = new Hits();
    if (mih != null && radius < width() && mih.cheaperThanScan(radius)) {
      mih.range(q, radius, hits);
    } else {
      Scan.range(codes, layout.words(), layout.count(), q, radius, hits);
    }
    return hits.toMatches(ids);
  }

  /**
   * Widens the radius table by table: at {@code r = j m - 1} every table is probed at radius
   * {@code j - 1}, the cheapest radius for that probe depth. Once at least {@code k} entries are
   * within {@code r}, the k nearest are among them (anything else is farther than r). When probing
   * stops paying, one bounded-heap scan answers instead.
   */
  @Override
  public List<Match> nearest(BinaryCode query, int k) {
    query.requireWidth(width());
    Scan.requireK(k);
    long[] q = query.unsafeWords();
    if (k == 0) {
      return List.of();
    }
    if (mih != null && k <= layout.count()) {
      int m = layout.tables().size();
      for (int r = m - 1; r < width() && mih.cheaperThanScan(r); r += m) {
        List<Match> within = search(q, r);
        if (within.size() >= k) {
          return List.copyOf(within.subList(0, k));
        }
      }
    }
    return Scan.nearest(codes, ids, layout.words(), layout.count(), q, k);
  }

  @Override
  public String toString() {
    return "Segment[" + layout.count() + " x " + width() + " bits, " + tables() + " tables"
        + (file == null ? ", in memory]" : ", " + file + "]");
  }
}
