package org.kyodaku.index.hamming;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of one segment: code width, entry count, and the multi-index hashing tables (which
 * bit range of the code each table is keyed on and how many of those bits address its directory).
 *
 * <p>Constants and why:
 *
 * <ul>
 *   <li>{@link #MAX_COUNT} = 2^25 entries per segment (slightly fewer for codes of 512 bits or
 *       more), so that every section of a segment (codes: 32 B per PDQ code = 1 GiB) fits one
 *       {@code ByteBuffer} (< 2 GiB) and positions fit 25 bits of an {@code int} entry. Bigger
 *       indexes are several segments (docs/index.md, "10^9 plan").
 *   <li>A table key is at most 32 bits (so it is an {@code int}); hence at least {@code width/32}
 *       tables.
 *   <li>Directory bits {@code d = clamp(floor(log2 count), b - (32 - posBits), min(b, 28))}: about
 *       one entry per directory slot (4 B per slot), and the {@code b - d} key bits the directory
 *       does not resolve must fit beside the position in the 32-bit entry.
 *   <li>Below {@link #MIN_INDEXED} entries a segment has no tables: a scan of a few thousand codes
 *       beats any probing.
 * </ul>
 */
record Layout(int width, int count, int posBits, List<Layout.Table> tables) {
  static final int MAX_COUNT = 1 << 25;
  static final int MIN_INDEXED = 4096;
  static final int MAX_DIR_BITS = 28;

  /** Table keyed on code bits {@code [start, start + bits)}; top {@code dirBits} bits address. */
  record Table(int start, int bits, int dirBits) {
    int remBits() {
      return bits - dirBits;
    }
  }

  Layout {
    tables = List.copyOf(tables);
  }

  static void requireWidth(int width) {
    if (width <= 0 || width % 64 != 0) {
      throw new IndexException("width must be a positive multiple of 64 bits, got " + width);
    }
  }

  /** Most entries one segment of this width may hold. */
  static int maxCount(int width) {
    return Math.min(MAX_COUNT, Integer.MAX_VALUE / (width / 8));
  }

  /**
   * The default number of tables: Norouzi et al.'s {@code m ~ width / log2(count)} (substrings
   * about as wide as the log of the count, so buckets hold about one entry); at 10^6 it gives 13,
   * inside the best band (10-13 tables) of the quick measurements in docs/index.md at radius 31
   * on 256 bits. No tables for small segments.
   */
  static int defaultTables(int width, int count) {
    if (count < MIN_INDEXED) {
      return 0;
    }
    int log2 = 32 - Integer.numberOfLeadingZeros(count - 1);
    int m = Math.round((float) width / log2);
    return Math.max(minTables(width), Math.min(m, width / 4));
  }

  static int minTables(int width) {
    return (width + 31) / 32;
  }

  /** A layout of {@code tables} tables of near-equal width (0 = scan only) for {@code count}. */
  static Layout of(int width, int count, int tables) {
    requireWidth(width);
    if (count < 0 || count > maxCount(width)) {
      throw new IndexException(
          "a segment of " + width + "-bit codes holds 0.." + maxCount(width)
              + " entries, got " + count);
    }
    if (tables != 0 && (tables < minTables(width) || tables > width)) {
      throw new IndexException(
          "a " + width + "-bit code splits into " + minTables(width) + ".." + width
              + " tables (or 0 for scan only), got " + tables);
    }
    int posBits = count <= 2 ? 1 : 32 - Integer.numberOfLeadingZeros(count - 1);
    int log2 = count <= 1 ? 0 : 31 - Integer.numberOfLeadingZeros(count);
    List<Table> list = new ArrayList<>(tables);
    int start = 0;
    for (int t = 0; t < tables; t++) {
      int bits = width / tables + (t < width % tables ? 1 : 0);
      int dMin = Math.max(0, bits - (32 - posBits));
      int dMax = Math.min(bits, MAX_DIR_BITS);
      list.add(new Table(start, bits, Math.max(dMin, Math.min(log2, dMax))));
      start += bits;
    }
    return new Layout(width, count, posBits, list);
  }

  int words() {
    return width / 64;
  }

  /** Bytes of the segment body: codes, ids, and per table a directory and 4-byte entries. */
  long bodyBytes() {
    long bytes = (long) count * (width / 8) + 8L * count;
    for (Table t : tables) {
      bytes += align8(4L * ((1L << t.dirBits()) + 1)) + align8(4L * count);
    }
    return bytes;
  }

  static long align8(long n) {
    return (n + 7) & ~7L;
  }
}
