package org.kyodaku.index.hamming;

import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Brute-force Hamming kernels over a contiguous column of codes.
 *
 * <p>Input: a {@link LongBuffer} (heap array or memory-mapped file) holding {@code count} codes of
 * {@code words} 64-bit words each, code {@code i} at words {@code [i*words, (i+1)*words)}; a query
 * of the same width. Distance = sum over words of {@code Long.bitCount(code ^ query)}, which C2
 * compiles to the POPCNT instruction on x86-64 and CNT on AArch64.
 *
 * <p>Steps: 64- and 256-bit codes use unrolled, branch-light loops (one compare per code: on
 * uniform data almost every code is rejected, and an early exit after one word would mispredict
 * more than it saves); other widths sum word by word and stop as soon as the partial distance
 * exceeds the radius. The scan reads each code once, sequentially, so it runs at memory
 * bandwidth for a single query (about 37 GB/s on the reference VM, docs/index.md).
 *
 * <p><b>Batched</b> ({@link #rangeBatch}): many queries share one pass over the column. The codes
 * are taken in blocks of {@value #BLOCK_BYTES} bytes, which stay in the core's L2 cache while every
 * query scans the block, so each code is read from memory once per batch rather than once per
 * query. A batch then runs at the popcount rate instead of the memory bandwidth: the batched
 * brute-force limit that docs/index.md derives and the "10x" goal is measured against.
 */
final class Scan {
  private Scan() {}

  static void range(LongBuffer codes, int words, int count, long[] q, int radius, Hits out) {
    switch (words) {
      case 1 -> range64(codes, 0, count, q[0], radius, out);
      case 4 -> range256(codes, 0, count, q, radius, out);
      default -> rangeAny(codes, words, 0, count, q, radius, out);
    }
  }

  private static void range64(LongBuffer codes, int from, int to, long q, int radius, Hits out) {
    for (int i = from; i < to; i++) {
      int d = Long.bitCount(codes.get(i) ^ q);
      if (d <= radius) {
        out.add(i, d);
      }
    }
  }

  private static void range256(LongBuffer codes, int from, int to, long[] q, int radius, Hits out) {
    long q0 = q[0];
    long q1 = q[1];
    long q2 = q[2];
    long q3 = q[3];
    for (int i = from, b = 4 * from; i < to; i++, b += 4) {
      int d =
          Long.bitCount(codes.get(b) ^ q0)
              + Long.bitCount(codes.get(b + 1) ^ q1)
              + Long.bitCount(codes.get(b + 2) ^ q2)
              + Long.bitCount(codes.get(b + 3) ^ q3);
      if (d <= radius) {
        out.add(i, d);
      }
    }
  }

  private static void rangeAny(
      LongBuffer codes, int words, int from, int to, long[] q, int radius, Hits out) {
    for (int i = from; i < to; i++) {
      int d = distanceWithin(codes, i * words, words, q, radius);
      if (d <= radius) {
        out.add(i, d);
      }
    }
  }

  /** Bytes of codes scanned by every query of a batch before the next block (fits in L2). */
  static final int BLOCK_BYTES = 128 * 1024;

  /**
   * {@link #range} for every query of {@code qs}, hits of query {@code j} into {@code out[j]},
   * each list in code order as a single-query scan makes it.
   */
  static void rangeBatch(LongBuffer codes, int words, int count, long[][] qs, int radius, Hits[] out) {
    int block = Math.max(1, BLOCK_BYTES / (8 * words));
    for (int from = 0; from < count; from += block) {
      int to = Math.min(count, from + block);
      for (int j = 0; j < qs.length; j++) {
        switch (words) {
          case 1 -> range64(codes, from, to, qs[j][0], radius, out[j]);
          case 4 -> range256(codes, from, to, qs[j], radius, out[j]);
          default -> rangeAny(codes, words, from, to, qs[j], radius, out[j]);
        }
      }
    }
  }

  /**
   * {@link #rangeBatch} for 256-bit codes in a heap array: per block, queries go in pairs, so each
   * code's four words are loaded once for two queries (eight popcounts per four loads), and plain
   * array reads let the compiler drop the bounds checks a buffer's {@code get} keeps.
   */
  static void rangeBatch256(long[] codes, int count, long[][] qs, int radius, Hits[] out) {
    int block = BLOCK_BYTES / 32;
    for (int from = 0; from < count; from += block) {
      int to = Math.min(count, from + block);
      int j = 0;
      for (; j + 1 < qs.length; j += 2) {
        long[] a = qs[j];
        long[] b = qs[j + 1];
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
        long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
        Hits ha = out[j];
        Hits hb = out[j + 1];
        for (int i = from; i < to; i++) {
          int w = 4 * i;
          long c0 = codes[w];
          long c1 = codes[w + 1];
          long c2 = codes[w + 2];
          long c3 = codes[w + 3];
          int da = Long.bitCount(c0 ^ a0) + Long.bitCount(c1 ^ a1) + Long.bitCount(c2 ^ a2) + Long.bitCount(c3 ^ a3);
          int db = Long.bitCount(c0 ^ b0) + Long.bitCount(c1 ^ b1) + Long.bitCount(c2 ^ b2) + Long.bitCount(c3 ^ b3);
          if (da <= radius) {
            ha.add(i, da);
          }
          if (db <= radius) {
            hb.add(i, db);
          }
        }
      }
      if (j < qs.length) {
        long[] a = qs[j];
        for (int i = from; i < to; i++) {
          int w = 4 * i;
          int d = Long.bitCount(codes[w] ^ a[0]) + Long.bitCount(codes[w + 1] ^ a[1])
              + Long.bitCount(codes[w + 2] ^ a[2]) + Long.bitCount(codes[w + 3] ^ a[3]);
          if (d <= radius) {
            out[j].add(i, d);
          }
        }
      }
    }
  }

  /** Distance of the code at word offset {@code base}, or some value above {@code limit}. */
  static int distanceWithin(LongBuffer codes, int base, int words, long[] q, int limit) {
    int d = 0;
    for (int w = 0; w < words && d <= limit; w++) {
      d += Long.bitCount(codes.get(base + w) ^ q[w]);
    }
    return d;
  }

  /** Full distance of the code at word offset {@code base}. */
  static int distance(LongBuffer codes, int base, int words, long[] q) {
    int d = 0;
    for (int w = 0; w < words; w++) {
      d += Long.bitCount(codes.get(base + w) ^ q[w]);
    }
    return d;
  }

  /** The {@code k} nearest codes in {@link Match} order, with a bounded worst-first heap. */
  static List<Match> nearest(LongBuffer codes, LongBuffer ids, int words, int count, long[] q, int k) {
    PriorityQueue<Match> worstFirst = new PriorityQueue<>(Match.ORDER.reversed());
    int worst = Integer.MAX_VALUE;
    for (int i = 0; i < count && k > 0; i++) {
      int d = distanceWithin(codes, i * words, words, q, worst);
      if (d > worst) {
        continue;
      }
      Match m = new Match(ids.get(i), d);
      if (worstFirst.size() < k) {
        worstFirst.add(m);
      } else if (Match.ORDER.compare(m, worstFirst.peek()) < 0) {
        worstFirst.poll();
        worstFirst.add(m);
      } else {
        continue;
      }
      if (worstFirst.size() == k) {
        worst = worstFirst.peek().distance();
      }
    }
    List<Match> out = new ArrayList<>(worstFirst);
    out.sort(Match.ORDER);
    return out;
  }

  static void requireRadius(int radius) {
    if (radius < 0) {
      throw new IndexException("radius must be >= 0, got " + radius);
    }
  }

  static void requireK(int k) {
    if (k < 0) {
      throw new IndexException("k must be >= 0, got " + k);
    }
  }
}
