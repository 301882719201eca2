package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void pad_japanese_countsTwoColumnsPerCharacter() {
    assertThat(Text.pad("許可", 7)).isEqualTo("許可   ");
    assertThat(Text.pad("allow", 7)).isEqualTo("allow  ");
    assertThat(Text.pad("権利者が競合", 7)).isEqualTo("権利者が競合 ");
  }
}
