package org.kyodaku.benchmarks.load;

import java.util.Arrays;

/**
 * Exact latency percentiles of a bounded number of samples (nanoseconds), kept in full: a run
 * records at most a few hundred thousand, so no histogram approximation is needed.
 */
final class Latencies {
  private final long[] sorted;

  Latencies(long[] samples, int count) {
    this.sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
  }

  int count() {
    return sorted.length;
  }

  /** The {@code p}-th percentile (0 < p <= 100), nearest-rank, in milliseconds. */
  double percentileMs(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  double maxMs() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
  }

  double meanMs() {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (long v : sorted) {
      sum += v;
    }
    return sum / sorted.length / 1e6;
  }
}
