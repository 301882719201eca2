package org.kyodaku.fingerprint.vpdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kyodaku.fingerprint.pdq.PdqHash;

/** The comparison, on upstream's expected hash files and on hand-made hashes. */
class VpdqMatcherTest {
  private static final PdqHash ZEROS = new PdqHash(0, 0, 0, 0);
  /** 31 bits from {@link #ZEROS}: still a match (distance ≤ 31). */
  private static final PdqHash BITS_31 = new PdqHash(0, 0, 0, (1L << 31) - 1);
  /** 32 bits from {@link #ZEROS}: not a match. */
  private static final PdqHash BITS_32 = new PdqHash(0, 0, 0, (1L << 32) - 1);
  private static final PdqHash ONES = new PdqHash(-1, -1, -1, -1);

  private static List<VpdqFeature> sample(String name) {
    return VpdqParser.read(VpdqTestData.expectedHashes(name));
  }

  private static VpdqFeature frame(int number, int quality, PdqHash hash) {
    return new VpdqFeature(number, quality, hash, number / 30.0);
  }

  @Test
  void compare_videoWithItself_hundredPercentBothWays() {
    List<VpdqFeature> doorknob = sample(VpdqTestData.DOORKNOB);

    VpdqMatch match = VpdqMatcher.compare(doorknob, doorknob, VpdqThresholds.sameContent());

    assertThat(match).isEqualTo(new VpdqMatch(100, 100, true));
  }

  @Test
  void compare_unrelatedSamples_noMatch() {
    VpdqMatch match =
        VpdqMatcher.compare(sample(VpdqTestData.DOORKNOB), sample(VpdqTestData.PATTERN));

    assertThat(match.matches()).isFalse();
    assertThat(match.comparedMatchPercent()).isLessThan(VpdqThresholds.REFERENCE_COMPARED_PERCENT);
  }

  @Test
  void compare_nativeWithDownsampledHashes_match() {
    VpdqMatch match = VpdqMatcher.compare(
        sample(VpdqTestData.PATTERN), sample(VpdqTestData.PATTERN + "-128x128"));

    assertThat(match.matches()).isTrue();
  }

  @Test
  void compare_distance31_matchesButDistance32DoesNot() {
    List<VpdqFeature> query = List.of(frame(0, 100, ZEROS));

    assertThat(VpdqMatcher.compare(query, List.of(frame(0, 100, BITS_31))).matches()).isTrue();
    assertThat(VpdqMatcher.compare(query, List.of(frame(0, 100, BITS_32))).matches()).isFalse();
  }

  @Test
  void compare_lowQualityFrames_leftOut() {
    List<VpdqFeature> query = List.of(frame(0, 100, ZEROS), frame(1, 49, ONES));
    List<VpdqFeature> compared = List.of(frame(0, 50, ZEROS));

    assertThat(VpdqMatcher.compare(query, compared)).isEqualTo(new VpdqMatch(100, 100, true));
  }

  @Test
  void compare_repeatedHashes_countedOnce() {
    List<VpdqFeature> query =
        List.of(frame(0, 100, ZEROS), frame(1, 100, ZEROS), frame(2, 100, ZEROS), frame(3, 100, ONES));
    List<VpdqFeature> compared = List.of(frame(0, 100, ZEROS));

    VpdqMatch match = VpdqMatcher.compare(query, compared);

    assertThat(match.queryMatchPercent()).isEqualTo(50.0);
    assertThat(match.comparedMatchPercent()).isEqualTo(100.0);
    assertThat(match.matches()).isTrue(); // P_q = 0 %: the query may hold more than the compared
  }

  @Test
  void compare_queryShareBelowItsThreshold_noMatch() {
    List<VpdqFeature> query = List.of(frame(0, 100, ZEROS), frame(1, 100, ONES));
    List<VpdqFeature> compared = List.of(frame(0, 100, ZEROS));

    VpdqMatch match = VpdqMatcher.compare(query, compared, VpdqThresholds.sameContent());

    assertThat(match).isEqualTo(new VpdqMatch(50, 100, false));
  }

  @Test
  void compare_noUsableFrames_zeroAndNoMatch() {
    List<VpdqFeature> flat = List.of(frame(0, 10, ZEROS));

    assertThat(VpdqMatcher.compare(flat, flat)).isEqualTo(new VpdqMatch(0, 0, false));
    assertThat(VpdqMatcher.compare(List.of(), flat)).isEqualTo(new VpdqMatch(0, 0, false));
  }

  @Test
  void thresholds_percentOver100_refused() {
    assertThatThrownBy(() -> VpdqThresholds.reference().withPercentages(0, 101))
        .isInstanceOf(VpdqException.class)
        .hasMessage("comparedMatchPercent is 0..100, got 101.0");
  }
}
