package org.kyodaku.index.hamming;

import java.util.Comparator;

/**
 * One search result: the id registered with a code and that code's Hamming distance to the query.
 * Results are ordered by distance, then id, so every index returns the same list for the same data.
 */
public record Match(long id, int distance) implements Comparable<Match> {
  static final Comparator<Match> ORDER =
      Comparator.comparingInt(Match::distance).thenComparingLong(Match::id);

  /** Validates that the distance is not negative. */
  public Match {
    if (distance < 0) {
      throw new IndexException("distance must be >= 0, got " + distance);
    }
  }

  @Override
  public int compareTo(Match other) {
    return ORDER.compare(this, other);
  }
}
