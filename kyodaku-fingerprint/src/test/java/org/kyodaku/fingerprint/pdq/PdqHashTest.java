package org.kyodaku.fingerprint.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PdqHashTest {
  // Reference hashes of the upstream test photos (java-reference-pdq.csv; the first two are also
  // the upstream Java unit test's expected values).
  private static final String BRIDGE_1 =
      "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
  private static final String BRIDGE_2_ROTATED =
      "30a10efd71cc3d429013d48d0ffffc52e34e0e17ada952a9d29685211ea9e5af";
  private static final String PEN_AND_COASTER =
      "1f811b9d267fbc6693c0c7f30e041f9df49b836303e10f067fcdfc12c02d01f9";

  @Test
  void fromHex_referenceHash_roundTripsToSameHex() {
    assertThat(PdqHash.fromHex(BRIDGE_1).toHex()).isEqualTo(BRIDGE_1);
    assertThat(PdqHash.fromHex(BRIDGE_1)).hasToString(BRIDGE_1);
  }

  @Test
  void fromHex_upperCase_equalsLowerCase() {
    assertThat(PdqHash.fromHex(BRIDGE_1.toUpperCase())).isEqualTo(PdqHash.fromHex(BRIDGE_1));
  }

  @Test
  void fromHex_lastDigitOne_setsBitZero() {
    PdqHash hash = PdqHash.fromHex("0".repeat(63) + "1");

    assertThat(hash.bit(0)).isTrue();
    assertThat(hash.bitCount()).isEqualTo(1);
    assertThat(hash.bits0to63()).isEqualTo(1L);
  }

  @Test
  void fromHex_firstDigitEight_setsBit255() {
    PdqHash hash = PdqHash.fromHex("8" + "0".repeat(63));

    assertThat(hash.bit(255)).isTrue();
    assertThat(hash.bit(254)).isFalse();
    assertThat(hash.bits192to255()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void fromHex_wrongLength_throwsQuotingValue() {
    assertThatThrownBy(() -> PdqHash.fromHex("abc"))
        .isInstanceOf(PdqException.class)
        .hasMessage("a PDQ hash is 64 hex digits, got 3 characters: \"abc\"");
  }

  @Test
  void fromHex_nonHexDigit_throwsQuotingValue() {
    String bad = "g" + BRIDGE_1.substring(1);

    assertThatThrownBy(() -> PdqHash.fromHex(bad))
        .isInstanceOf(PdqException.class)
        .hasMessage("a PDQ hash is 64 hex digits, got 64 characters: \"" + bad + "\"");
  }

  @Test
  void bit_outOfRange_throwsQuotingIndex() {
    assertThatThrownBy(() -> PdqHash.fromHex(BRIDGE_1).bit(256))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("a PDQ bit index is 0..255, got 256");
  }

  // Distances stated by the upstream Java unit test and reproduced in research/fingerprints.md §1.4.
  @Test
  void distance_bridgeAndItsRotation_is120() {
    assertThat(PdqHash.fromHex(BRIDGE_1).distance(PdqHash.fromHex(BRIDGE_2_ROTATED))).isEqualTo(120);
  }

  @Test
  void distance_bridgeAndPenAndCoaster_is138() {
    assertThat(PdqHash.fromHex(BRIDGE_1).distance(PdqHash.fromHex(PEN_AND_COASTER))).isEqualTo(138);
  }

  @Test
  void distance_sameHash_isZeroAndMatches() {
    PdqHash hash = PdqHash.fromHex(BRIDGE_1);

    assertThat(hash.distance(hash)).isZero();
    assertThat(hash.matches(hash)).isTrue();
  }

  @Test
  void matches_31BitsApart_trueAnd32BitsApart_false() {
    PdqHash zero = PdqHash.fromHex("0".repeat(64));
    PdqHash bits31 = new PdqHash(0, 0, 0, (1L << 31) - 1);
    PdqHash bits32 = new PdqHash(0, 0, 0, (1L << 32) - 1);

    assertThat(zero.matches(bits31)).isTrue();
    assertThat(zero.matches(bits32)).isFalse();
  }

  @Test
  void toFingerprint_anyHash_isPdqV1WithHex() {
    var fingerprint = PdqHash.fromHex(BRIDGE_1).toFingerprint();

    assertThat(fingerprint.algorithm()).isEqualTo("pdq-v1");
    assertThat(fingerprint.value()).isEqualTo(BRIDGE_1);
  }

  @Test
  void result_qualityOver100_throwsQuotingValue() {
    PdqHash hash = PdqHash.fromHex(BRIDGE_1);

    assertThatThrownBy(() -> new PdqResult(hash, 101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PDQ quality is 0..100, got 101");
  }

  @Test
  void result_quality49_isNotUseful() {
    PdqHash hash = PdqHash.fromHex(BRIDGE_1);

    assertThat(new PdqResult(hash, 49).isUseful()).isFalse();
    assertThat(new PdqResult(hash, 50).isUseful()).isTrue();
  }
}
