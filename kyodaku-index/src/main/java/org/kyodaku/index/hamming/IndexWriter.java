package org.kyodaku.index.hamming;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Builds one immutable {@link Segment} from (code, id) pairs: in memory with {@link #build()}, or
 * as a file with {@link #write(Path)} (format: {@code SegmentFormat}, version 1), which is how an
 * index is rebuilt from a stream of registrations:
 *
 * <pre>{@code
 * IndexWriter writer = IndexWriter.create(256);
 * registrations.forEach(r -> writer.add(r.code(), r.id()));
 * Segment segment = writer.write(dir.resolve("segment-000001.kdx"));
 * }</pre>
 *
 * <p>The writer holds the codes and ids on the heap (40 B per 256-bit entry) and builds one table
 * at a time, so writing a full segment of 2^25 entries needs about 1.5 GiB of heap. The number of
 * tables defaults to {@code Layout.defaultTables} for the final count; {@link #tables(int)}
 * overrides it. Not thread-safe; one writer builds one segment.
 */
public final class IndexWriter {
  private final int width;
  private final int words;
  private long[] codes;
  private long[] ids = new long[16];
  private int count;
  private OptionalInt tables = OptionalInt.empty();

  private IndexWriter(int width) {
    Layout.requireWidth(width);
    this.width = width;
    this.words = width / 64;
    this.codes = new long[16 * words];
  }

  /** A writer for codes of {@code width} bits (a positive multiple of 64). */
  public static IndexWriter create(int width) {
    return new IndexWriter(width);
  }

  /** Most entries one segment of {@code width}-bit codes can hold (2^25 for 256 bits). */
  public static int maxEntries(int width) {
    Layout.requireWidth(width);
    return Layout.maxCount(width);
  }

  /**
   * Uses {@code m} multi-index hashing tables instead of the default (0 = no tables: queries scan).
   * Checked against the width when the segment is built.
   */
  public IndexWriter tables(int m) {
    if (m < 0) {
      throw new IndexException("number of tables must be >= 0, got " + m);
    }
    this.tables = OptionalInt.of(m);
    return this;
  }

  /** Adds one entry; ids need not be unique. */
  public IndexWriter add(BinaryCode code, long id) {
    code.requireWidth(width);
    room(1);
    System.arraycopy(code.unsafeWords(), 0, codes, count * words, words);
    ids[count++] = id;
    return this;
  }

  /**
   * Adds entries {@code [from, to)} of a column pair (codes {@code words} longs each, ids), as a
   * tail or a segment holds them: one bulk copy, no code object per entry, and room made once.
   */
  IndexWriter addAll(LongBuffer codeColumn, LongBuffer idColumn, int from, int to) {
    int n = to - from;
    room(n);
    codeColumn.get(from * words, codes, count * words, n * words);
    idColumn.get(from, ids, count, n);
    count += n;
    return this;
  }

  /** Makes room for {@code more} entries beyond the current ones at once (one copy, not log2 of them). */
  IndexWriter reserve(int more) {
    room(more);
    return this;
  }

  /** Grows the columns, if needed, to hold {@code more} entries beyond the current ones. */
  private void room(int more) {
    long needed = (long) count + more;
    if (needed > Layout.maxCount(width)) {
      throw new IndexException(
          "a segment of " + width + "-bit codes holds at most " + Layout.maxCount(width) + " entries, got "
              + needed);
    }
    if (needed > ids.length) {
      int grown = (int) Math.min(Layout.maxCount(width), Math.max(needed, 2L * ids.length));
      ids = Arrays.copyOf(ids, grown);
      codes = Arrays.copyOf(codes, grown * words);
    }
  }

  /** Entries added so far. */
  public int size() {
    return count;
  }

  /** An in-memory segment (heap buffers) of everything added so far. */
  public Segment build() {
    Layout layout = layout();
    List<ByteBuffer> sections = new ArrayList<>();
    sections(layout).forEach(s -> sections.add(s.bytes()));
    return new Segment(layout, sections, null);
  }

  /**
   * Writes everything added so far to {@code file} (which must not exist) through a temporary
   * sibling that is forced to disk and renamed, then opens it memory-mapped.
   *
   * @throws IndexException if {@code file} exists
   */
  public Segment write(Path file) throws IOException {
    Layout layout = layout();
    SegmentFormat.write(file, layout, sections(layout));
    return Segment.open(file);
  }

  private Layout layout() {
    return Layout.of(width, count, tables.orElse(Layout.defaultTables(width, count)));
  }

  /** The sections in file order, each table built when its directory is reached. */
  private Iterable<SegmentFormat.Section> sections(Layout layout) {
    List<String> names = SegmentFormat.sectionNames(layout.tables().size());
    long[] lengths = SegmentFormat.sectionLengths(layout);
    return () ->
        new Iterator<>() {
          private int next;
          private @Nullable ByteBuffer entries;
          private final MultiIndexHashing.Scratch scratch = new MultiIndexHashing.Scratch();

          @Override
          public boolean hasNext() {
            return next < names.size();
          }

          @Override
          public SegmentFormat.Section next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            int i = next++;
            ByteBuffer b;
            if (i == 0) {
              b = SegmentFormat.allocate(lengths[0]);
              b.asLongBuffer().put(codes, 0, count * words);
            } else if (i == 1) {
              b = SegmentFormat.allocate(lengths[1]);
              b.asLongBuffer().put(ids, 0, count);
            } else if (i % 2 == 0) {
              b = SegmentFormat.allocate(lengths[i]);
              ByteBuffer e = SegmentFormat.allocate(lengths[i + 1]);
              Layout.Table table = layout.tables().get((i - 2) / 2);
              MultiIndexHashing.buildTable(codes, layout, table, b.asIntBuffer(), e.asIntBuffer(), scratch);
              entries = e;
            } else {
              b = Objects.requireNonNull(entries);
              entries = null;
            }
            return new SegmentFormat.Section(names.get(i), b);
          }
        };
  }
}
