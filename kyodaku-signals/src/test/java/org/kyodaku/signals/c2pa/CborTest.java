package org.kyodaku.signals.c2pa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text strings in C2PA manifests: UTF-8 or refused, never read with replacement characters. */
class CborTest {
  @Test
  void decode_textStrings_giveTheirText() {
    // ["a", "許諾"]
    assertThat(Cbor.decode(HexFormat.of().parseHex("82616166e8a8b1e8abbe"))).isEqualTo(List.of("a", "許諾"));
  }

  @Test
  void decode_textStringNotUtf8_refusedNamingWhereItStarts() {
    // ["a", text of 2 bytes C3 28: a two-byte sequence cut short]
    assertThatThrownBy(() -> Cbor.decode(HexFormat.of().parseHex("82616162c328")))
        .isInstanceOf(CborException.class)
        .hasMessage("text string at byte 3 is not UTF-8");
  }
}
