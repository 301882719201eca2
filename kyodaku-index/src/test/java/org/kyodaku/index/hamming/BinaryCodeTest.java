package org.kyodaku.index.hamming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinaryCodeTest {
  private static final String PDQ =
      "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

  @Test
  void fromHex_pdqHash_roundTripsAndHas256Bits() {
    BinaryCode code = BinaryCode.fromHex(PDQ);

    assertThat(code.width()).isEqualTo(256);
    assertThat(code.toHex()).isEqualTo(PDQ);
    assertThat(code.word(0)).isEqualTo(0xf8f8f0cee0f4a84fL);
  }

  @Test
  void fromHex_upperCase_formatsLowerCase() {
    assertThat(BinaryCode.fromHex("00000000000000AB").toHex()).isEqualTo("00000000000000ab");
  }

  @Test
  void fromHex_badDigit_namesCharacterAndPosition() {
    assertThatThrownBy(() -> BinaryCode.fromHex("0123456789abcdeg"))
        .isInstanceOf(IndexException.class)
        .hasMessage("invalid hex digit 'g' at position 15 of \"0123456789abcdeg\"");
  }

  @Test
  void fromHex_fullWidthDigit_isRejected() {
    assertThatThrownBy(() -> BinaryCode.fromHex("０123456789abcdef"))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("at position 0");
  }

  @Test
  void fromHex_lengthNotMultipleOf16_quotesLength() {
    assertThatThrownBy(() -> BinaryCode.fromHex(PDQ.substring(1)))
        .isInstanceOf(IndexException.class)
        .hasMessage("a binary code needs a positive multiple of 16 hex digits (64 bits), got 63 digits");
  }

  @Test
  void fromHex_wrongWidth_quotesBoth() {
    assertThatThrownBy(() -> BinaryCode.fromHex(64, PDQ))
        .isInstanceOf(IndexException.class)
        .hasMessage("expected a 64-bit code (16 hex digits), got 64 digits");
  }

  @Test
  void distance_flippedBits_countsThem() {
    BinaryCode code = BinaryCode.fromHex(PDQ);

    assertThat(code.distance(code)).isZero();
    assertThat(code.distance(code.flip(0).flip(255).flip(64))).isEqualTo(3);
    assertThat(code.distance(code.flip(7).flip(7))).isZero();
  }

  @Test
  void distance_complement_isWidth() {
    BinaryCode zero = BinaryCode.ofWords(0, 0, 0, 0);
    BinaryCode ones = BinaryCode.ofWords(-1, -1, -1, -1);

    assertThat(zero.distance(ones)).isEqualTo(256);
  }

  @Test
  void distance_otherWidth_isRefused() {
    assertThatThrownBy(() -> BinaryCode.ofWords(1).distance(BinaryCode.ofWords(1, 2, 3, 4)))
        .isInstanceOf(IndexException.class)
        .hasMessage("width mismatch: expected a 64-bit code, got 256 bits");
  }

  @Test
  void flip_outsideCode_isRefused() {
    assertThatThrownBy(() -> BinaryCode.ofWords(1).flip(64))
        .isInstanceOf(IndexException.class)
        .hasMessage("bit 64 is outside a 64-bit code");
  }

  @Test
  void ofWords_isCopied_andEqualByValue() {
    long[] words = {1, 2};
    BinaryCode code = BinaryCode.ofWords(words);
    words[0] = 9;

    assertThat(code).isEqualTo(BinaryCode.fromHex("00000000000000010000000000000002"));
    assertThat(code.hashCode()).isEqualTo(BinaryCode.ofWords(1, 2).hashCode());
  }

  @Test
  void ofWords_none_isRefused() {
    assertThatThrownBy(BinaryCode::ofWords)
        .isInstanceOf(IndexException.class)
        .hasMessage("a binary code needs at least one 64-bit word, got 0");
  }
}
