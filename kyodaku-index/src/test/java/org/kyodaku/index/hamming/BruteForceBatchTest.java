package org.kyodaku.index.hamming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The batched brute-force scan's edges; its answers are checked in {@link SearchProperties}. */
class BruteForceBatchTest {
  private final BruteForceIndex index =
      BruteForceIndex.builder(64)
          .add(BinaryCode.fromHex("00000000000000ff"), 1)
          .add(BinaryCode.fromHex("0000000000000000"), 2)
          .build();

  @Test
  void rangeSearchBatch_noQueries_noAnswers() {
    assertThat(index.rangeSearchBatch(List.of(), 8)).isEmpty();
  }

  @Test
  void rangeSearchBatch_sameQueryTwice_answeredTwiceInQueryOrder() {
    BinaryCode zero = BinaryCode.fromHex("0000000000000000");
    BinaryCode far = BinaryCode.fromHex("ffffffffffffffff");

    assertThat(index.rangeSearchBatch(List.of(zero, far, zero), 8))
        .containsExactly(
            List.of(new Match(2, 0), new Match(1, 8)), List.of(), List.of(new Match(2, 0), new Match(1, 8)));
  }

  @Test
  void rangeSearchBatch_queryOfAnotherWidth_rejected() {
    assertThatThrownBy(() -> index.rangeSearchBatch(List.of(BinaryCode.fromHex("00".repeat(32))), 8))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("256");
    assertThatThrownBy(() -> index.rangeSearchBatch(List.of(), -1))
        .isInstanceOf(IndexException.class)
        .hasMessage("radius must be >= 0, got -1");
  }
}
