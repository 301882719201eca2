package org.kyodaku.index.hamming;

import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Exact Hamming range search by multi-index hashing (Norouzi, Punjani, Fleet, "Fast Exact Search
 * in Hamming Space with Multi-Index Hashing", TPAMI 2014, arXiv:1307.2982), over the columns of
 * one segment.
 *
 * <p><b>Structure.</b> A code of width {@code W} is cut into {@code m} disjoint substrings
 * (tables) of {@code b_t} contiguous bits, {@code sum b_t = W}, {@code b_t <= 32}. For table
 * {@code t}, every entry position {@code p} (0..count-1) appears once, bucketed by the top {@code
 * d_t} bits of its key (the code's substring {@code t}). A directory of {@code 2^d_t + 1} ints gives
 * each bucket's range (counting sort, so building is O(count) per table). An entry is one int:
 * {@code (low b_t - d_t key bits) << posBits | p}; the directory and entries together hold the
 * whole key, and the full code is verified from the codes column.
 *
 * <p><b>Query at radius r.</b> Let {@code r' = floor(r / m)} and {@code a = r - m r'}. Tables
 * {@code 0..a} are searched at radius {@code rho_t = r'}, the others at {@code r' - 1} (skipped if
 * negative). Pigeonhole: a code with distance {@code <= r} that is farther than {@code rho_t} in
 * every table would have distance at least {@code (a+1)(r'+1) + (m-a-1) r' = r + 1}; so every
 * match is within {@code rho_t} of the query in some table (Norouzi et al., Proposition 1 with the
 * refinement of section 4). For each table, every directory bucket within {@code j <= rho_t} bit
 * flips of the query's top bits is visited once (combinations by Gosper's hack); in it, an entry
 * whose low key bits are within {@code rho_t - j} is a candidate; a candidate whose full distance
 * is {@code <= r} is reported only by the first table in which it is within {@code rho_t}, so
 * results need no dedup set.
 *
 * <p><b>When not to probe.</b> The number of buckets grows as {@code sum_j C(d_t, j)}; for large
 * radii it exceeds the cost of scanning. {@link #cheaperThanScan} compares a cost model (uniform
 * codes; per-bucket, per-entry, per-candidate and per-scanned-code constants measured on the
 * reference VM, docs/index.md) and the segment scans instead, so the index is exact for every
 * radius.
 */
final class MultiIndexHashing {
  // Cost constants in nanoseconds, quick measurement on the 2-core reference VM (docs/index.md).
  private static final double NS_PER_BUCKET = 25;
  private static final double NS_PER_ENTRY = 2;
  private static final double NS_PER_CANDIDATE = 20;
  private static final double NS_PER_SCANNED_WORD = 0.3;

  private final Layout layout;
  private final LongBuffer codes;
  private final IntBuffer[] dirs;
  private final IntBuffer[] entries;
  private final int[] starts;
  private final int[] bits;
  private final int[] dirBits;

  MultiIndexHashing(Layout layout, LongBuffer codes, IntBuffer[] dirs, IntBuffer[] entries) {
    this.layout = layout;
    this.codes = codes;
    this.dirs = dirs;
    this.entries = entries;
    int m = layout.tables().size();
    starts = new int[m];
    bits = new int[m];
    dirBits = new int[m];
    for (int t = 0; t < m; t++) {
      Layout.Table table = layout.tables().get(t);
      starts[t] = table.start();
      bits[t] = table.bits();
      dirBits[t] = table.dirBits();
    }
  }

  /** Substring {@code [start, start + bits)} of a code, bit p = bit p%64 of word p/64. */
  static int key(long[] words, int start, int bits) {
    int w = start >>> 6;
    int off = start & 63;
    long v = words[w] >>> off;
    if (off + bits > 64) {
      v |= words[w + 1] << (64 - off);
    }
    return (int) (v & ((1L << bits) - 1));
  }

  /**
   * Builds table {@code t}: the directory (2^d + 1 offsets) and the entries, by counting sort.
   * {@code scratch} holds the keys and bucket counts; one per segment serves all its tables, so a
   * build allocates them once rather than per table (they are large: 4 bytes per entry and per
   * bucket, and a server that builds while it answers should not churn its heap).
   */
  static void buildTable(
      long[] codes, Layout layout, Layout.Table table, IntBuffer dir, IntBuffer entries, Scratch scratch) {
    int words = layout.words();
    int count = layout.count();
    int rem = table.remBits();
    int slots = 1 << table.dirBits();
    int[] start = scratch.start(slots + 1);
    long[] one = new long[words];
    int[] keys = scratch.keys(count);
    for (int p = 0; p < count; p++) {
      System.arraycopy(codes, p * words, one, 0, words);
      keys[p] = key(one, table.start(), table.bits());
      start[(keys[p] >>> rem) + 1]++;
    }
    for (int s = 0; s < slots; s++) {
      start[s + 1] += start[s];
    }
    for (int s = 0; s <= slots; s++) {
      dir.put(s, start[s]);
    }
    int remMask = (1 << rem) - 1;
    int posBits = layout.posBits();
    for (int p = 0; p < count; p++) {
      int bucket = keys[p] >>> rem;
      entries.put(start[bucket]++, ((keys[p] & remMask) << posBits) | p);
    }
  }

  /** Reusable arrays for {@link #buildTable}, grown as needed. */
  static final class Scratch {
    private int[] keys = new int[0];
    private int[] start = new int[0];

    int[] keys(int n) {
      if (keys.length < n) {
        keys = new int[n];
      }
      return keys;
    }

    /** {@code n} zeros. */
    int[] start(int n) {
      if (start.length < n) {
        start = new int[n];
      } else {
        java.util.Arrays.fill(start, 0, n, 0);
      }
      return start;
    }
  }

  /** Per-table search radii for {@code radius} (negative = skip the table). */
  private int[] radii(int radius) {
    int m = bits.length;
    int base = radius / m;
    int a = radius - m * base;
    int[] rho = new int[m];
    for (int t = 0; t < m; t++) {
      rho[t] = t <= a ? base : base - 1;
    }
    return rho;
  }

  /** Whether probing at {@code radius} is expected to beat scanning the whole segment. */
  boolean cheaperThanScan(int radius) {
    int[] rho = radii(radius);
    double n = layout.count();
    double cost = 0;
    for (int t = 0; t < rho.length; t++) {
      double buckets = ballSize(dirBits[t], rho[t]);
      double entriesSeen = Math.min(n, buckets * n / Math.pow(2, dirBits[t]));
      double candidates = Math.min(n, ballSize(bits[t], rho[t]) * n / Math.pow(2, bits[t]));
      cost += buckets * NS_PER_BUCKET + entriesSeen * NS_PER_ENTRY + candidates * NS_PER_CANDIDATE;
    }
    return cost < n * layout.words() * NS_PER_SCANNED_WORD;
  }

  /** Number of d-bit strings within Hamming distance rho of a given one. */
  static double ballSize(int d, int rho) {
    double sum = 0;
    double c = 1;
    for (int j = 0; j <= Math.min(rho, d); j++) {
      sum += c;
      c = c * (d - j) / (j + 1);
    }
    return sum;
  }

  /** Adds every position within {@code radius} of {@code q}, each exactly once, to {@code out}. */
  void range(long[] q, int radius, Hits out) {
    int m = bits.length;
    int[] rho = radii(radius);
    int[] qkeys = new int[m];
    for (int t = 0; t < m; t++) {
      qkeys[t] = key(q, starts[t], bits[t]);
    }
    Probe probe = new Probe(q, radius, rho, qkeys, out);
    for (int t = 0; t < m && rho[t] >= 0; t++) {
      probe.table(t);
    }
  }

  /**
   * The state of one query: kept in fields so the probing loops stay small.
   *
   * <p>Why a table is probed in passes (slots, then bucket bounds, then entries, then codes)
   * rather than bucket by bucket: at 10^7 codes each probe is a cache miss into a directory of
   * tens of megabytes, then another into the entries, then another into the codes, and the
   * misses, not the arithmetic, are the cost. A pass whose loads do not depend on each other
   * lets the processor keep many misses in flight; bucket by bucket, each miss waited for the
   * one before. Buckets, entries and candidates are still visited in the same order, so the hits
   * are the same, in the same order.
   */
  private final class Probe {
    private final long[] q;
    private final int radius;
    private final int[] rho;
    private final int[] qkeys;
    private final Hits out;
    private final long[] scratch;
    private final int words;
    private final int posBits;
    private final int posMask;
    private int[] slots = new int[64];
    private int[] budgets = new int[64];
    private int[] from = new int[64];
    private int[] to = new int[64];
    private int[] candidates = new int[64];

    Probe(long[] q, int radius, int[] rho, int[] qkeys, Hits out) {
      this.q = q;
      this.radius = radius;
      this.rho = rho;
      this.qkeys = qkeys;
      this.out = out;
      this.words = layout.words();
      this.scratch = new long[words];
      this.posBits = layout.posBits();
      this.posMask = (int) ((1L << posBits) - 1);
    }

    void table(int t) {
      int d = dirBits[t];
      int rem = bits[t] - d;
      int high = qkeys[t] >>> rem;
      int low = qkeys[t] & ((1 << rem) - 1);
      int r = rho[t];
      int n = slots(d, high, r);
      IntBuffer dir = dirs[t];
      for (int i = 0; i < n; i++) {
        from[i] = dir.get(slots[i]);
        to[i] = dir.get(slots[i] + 1);
      }
      IntBuffer ent = entries[t];
      int c = 0;
      for (int i = 0; i < n; i++) {
        int budget = budgets[i];
        for (int k = from[i], end = to[i]; k < end; k++) {
          int e = ent.get(k);
          if (Integer.bitCount((e >>> posBits) ^ low) <= budget) {
            if (c == candidates.length) {
              candidates = Arrays.copyOf(candidates, 2 * c);
            }
            candidates[c++] = e & posMask;
          }
        }
      }
      for (int i = 0; i < c; i++) {
        verify(t, candidates[i]);
      }
    }

    /**
     * Fills {@code slots} with every directory slot within {@code r} flips of {@code high} (the
     * query's own first, then by number of flips, combinations in Gosper order) and {@code
     * budgets} with the flips left for the low key bits; returns how many.
     */
    private int slots(int d, int high, int r) {
      int need = (int) ballSize(d, r);
      if (slots.length < need) {
        slots = new int[need];
        budgets = new int[need];
        from = new int[need];
        to = new int[need];
      }
      int n = 0;
      slots[n] = high;
      budgets[n++] = r;
      long end = 1L << d;
      for (int j = 1; j <= Math.min(r, d); j++) {
        for (long mask = (1L << j) - 1; mask < end; mask = nextCombination(mask)) {
          slots[n] = high ^ (int) mask;
          budgets[n++] = r - j;
        }
      }
      return n;
    }

    private void verify(int t, int p) {
      int d = Scan.distance(codes, p * words, words, q);
      if (d > radius) {
        return;
      }
      codes.get(p * words, scratch);
      for (int s = 0; s < t; s++) {
        if (Integer.bitCount(key(scratch, starts[s], bits[s]) ^ qkeys[s]) <= rho[s]) {
          return; // table s reports it
        }
      }
      out.add(p, d);
    }
  }

  /** Next larger long with the same number of set bits (Gosper's hack, HAKMEM item 175). */
  static long nextCombination(long mask) {
    long lowest = mask & -mask;
    long ripple = mask + lowest;
    return (((ripple ^ mask) >>> 2) >>> Long.numberOfTrailingZeros(lowest)) | ripple;
  }

  List<Layout.Table> tables() {
    return layout.tables();
  }
}
