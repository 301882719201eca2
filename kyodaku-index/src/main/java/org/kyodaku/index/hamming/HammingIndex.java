package org.kyodaku.index.hamming;

import java.util.List;

/**
 * Exact search of binary codes of one width. Every implementation returns exactly what a brute
 * force scan returns: the same ids, the same distances, in {@link Match} order (distance, then
 * id). Implementations are safe for concurrent readers.
 */
public sealed interface HammingIndex permits BruteForceIndex, Segment, LiveIndex {

  /** Width of every code in the index, in bits. */
  int width();

  /** Number of (code, id) entries. */
  long size();

  /**
   * Every entry whose code is within {@code radius} of {@code query} (inclusive), in {@link
   * Match} order.
   *
   * @throws IndexException if the query has another width or the radius is negative
   */
  List<Match> rangeSearch(BinaryCode query, int radius);

  /**
   * The {@code k} entries nearest to {@code query} (fewer if the index is smaller), in {@link
   * Match} order; ties at the k-th distance are broken by the smaller id.
   */
  List<Match> nearest(BinaryCode query, int k);
}
