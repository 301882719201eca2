package org.kyodaku.benchmarks.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.index.hamming.Match;

/** The three ways {@link HammingScanBenchmark} times give the same answers; nothing is timed here. */
class HammingScanBenchmarkTest {

  @Test
  void setUp_smallIndex_batchedScanAndSegmentAnswerAsTheSingleScan() {
    HammingScanBenchmark bench = new HammingScanBenchmark();
    bench.n = 20_000;
    bench.setUp();
    HammingScanBenchmark.Cursor one = new HammingScanBenchmark.Cursor();
    HammingScanBenchmark.Cursor batched = new HammingScanBenchmark.Cursor();

    List<List<Match>> batch = bench.bruteForceBatched(batched);

    assertThat(batch).hasSize(HammingScanBenchmark.BATCH);
    for (List<Match> answer : batch) {
      HammingScanBenchmark.Cursor again = new HammingScanBenchmark.Cursor();
      again.next = one.next;
      assertThat(bench.segmentOne(again)).isEqualTo(answer);
      assertThat(bench.bruteForceOne(one)).isEqualTo(answer).isNotEmpty();
    }
    assertThat(batched.next).isEqualTo(HammingScanBenchmark.BATCH);
  }

  @Test
  void nearDuplicate_flipsDistinctBits_exactDistance() {
    SplittableRandom rnd = new SplittableRandom(3);
    BinaryCode code = BinaryCode.ofWords(1, 2, 3, 4);
    for (int flips = 0; flips <= 256; flips += 31) {
      assertThat(HammingScanBenchmark.nearDuplicate(code, flips, rnd).distance(code)).isEqualTo(flips);
    }
  }
}
