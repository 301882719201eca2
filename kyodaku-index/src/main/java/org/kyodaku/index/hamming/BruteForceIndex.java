package org.kyodaku.index.hamming;

import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reference index: codes in one contiguous {@code long[]}, ids in a parallel column, every
 * query a full {@link Scan}. Exact by construction; the oracle that {@link Segment} and {@link
 * LiveIndex} are tested against, and what they fall back to when probing would cost more than
 * scanning. Immutable once built; build with {@link #builder(int)}.
 */
public final class BruteForceIndex implements HammingIndex {
  private final int width;
  private final int count;
  private final LongBuffer codes;
  private final LongBuffer ids;
  /** The codes' array itself, never written after construction, for the batched kernel. */
  private final long[] codeArray;

  private BruteForceIndex(int width, int count, long[] codes, long[] ids) {
    this.width = width;
    this.count = count;
    this.codeArray = codes;
    this.codes = LongBuffer.wrap(codes).asReadOnlyBuffer();
    this.ids = LongBuffer.wrap(ids).asReadOnlyBuffer();
  }

  /** A builder for codes of {@code width} bits (a positive multiple of 64). */
  public static Builder builder(int width) {
    return new Builder(width);
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public long size() {
    return count;
  }

  @Override
  public List<Match> rangeSearch(BinaryCode query, int radius) {
    query.requireWidth(width);
    Scan.requireRadius(radius);
    Hits hits = new Hits();
    Scan.range(codes, width / 64, count, query.unsafeWords(), radius, hits);
    return hits.toMatches(ids);
  }

  /**
   * {@link #rangeSearch} for every query at once, in one blocked pass over the codes (see {@code
   * Scan}): the same answers, in query order, at the popcount rate rather than the memory
   * bandwidth when there are many queries. This is the batched brute force that dataset clearance
   * falls back to and that the index's speed is compared with (docs/index.md).
   *
   * @throws IndexException if a query has another width or the radius is negative
   */
  public List<List<Match>> rangeSearchBatch(List<BinaryCode> queries, int radius) {
    Scan.requireRadius(radius);
    long[][] qs = new long[queries.size()][];
    Hits[] hits = new Hits[qs.length];
    for (int j = 0; j < qs.length; j++) {
      BinaryCode q = queries.get(j);
      q.requireWidth(width);
      qs[j] = q.unsafeWords();
      hits[j] = new Hits();
    }
    if (width == 256) {
      Scan.rangeBatch256(codeArray, count, qs, radius, hits);
    } else {
      Scan.rangeBatch(codes, width / 64, count, qs, radius, hits);
    }
    List<List<Match>> out = new ArrayList<>(qs.length);
    for (Hits h : hits) {
      out.add(h.toMatches(ids));
    }
    return out;
  }

  @Override
  public List<Match> nearest(BinaryCode query, int k) {
    query.requireWidth(width);
    Scan.requireK(k);
    return Scan.nearest(codes, ids, width / 64, count, query.unsafeWords(), k);
  }

  /** Collects (code, id) pairs; not thread-safe. */
  public static final class Builder {
    private final int width;
    private final int words;
    private long[] ids = new long[16];
    private long[] codes;
    private int count;

    private Builder(int width) {
      Layout.requireWidth(width);
      this.width = width;
      this.words = width / 64;
      this.codes = new long[16 * words];
    }

    /** Adds one entry; ids need not be unique. */
    public Builder add(BinaryCode code, long id) {
      code.requireWidth(width);
      if (count == ids.length) {
        ids = Arrays.copyOf(ids, count * 2);
        codes = Arrays.copyOf(codes, count * 2 * words);
      }
      System.arraycopy(code.unsafeWords(), 0, codes, count * words, words);
      ids[count++] = id;
      return this;
    }

    /** An immutable index of everything added so far. */
    public BruteForceIndex build() {
      return new BruteForceIndex(
          width, count, Arrays.copyOf(codes, count * words), Arrays.copyOf(ids, count));
    }
  }
}
