package org.kyodaku.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentileMs_hundredSamples_isNearestRank() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) {
      nanos[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms, unsorted on purpose
    }
    Latencies l = new Latencies(nanos, 100);

    assertThat(l.percentileMs(50)).isEqualTo(50.0);
    assertThat(l.percentileMs(99)).isEqualTo(99.0);
    assertThat(l.percentileMs(99.9)).isEqualTo(100.0);
    assertThat(l.maxMs()).isEqualTo(100.0);
    assertThat(l.meanMs()).isEqualTo(50.5);
  }

  @Test
  void percentileMs_noSamples_isNaN() {
    assertThat(new Latencies(new long[0], 0).percentileMs(99)).isNaN();
  }
}
