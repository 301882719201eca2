package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTest {
  private static final Text JAPANESE = Text.from(Map.of("LANG", "ja_JP.UTF-8"));

  @Test
  void pad_japanese_countsTwoColumnsPerCharacter() {
    assertThat(Text.pad("許可", 7)).isEqualTo("許可   ");
    assertThat(Text.pad("allow", 7)).isEqualTo("allow  ");
    assertThat(Text.pad("権利者が競合", 7)).isEqualTo("権利者が競合 ");
  }

  @Test
  void message_apostrophesAndLargeNumbers_areWrittenAsTheyAre() {
    // MessageFormat would drop the apostrophe's text and write 1,234,567.
    assertThat(Text.ENGLISH.message("log.checkpoint-not-verified", "bad")).isEqualTo("the server's checkpoint is not verified: bad");
    assertThat(Text.ENGLISH.message("log.shrank", 1234567L, 12)).isEqualTo("the log shrank: saved size 1234567, now 12");
    assertThat(JAPANESE.message("log.shrank", 1234567L, 12)).isEqualTo("ログが縮んでいます: 保存したサイズは 1234567、現在は 12 です");
  }

  @Test
  void message_nestedMessageOrException_isWordedInTheSameLanguage() {
    CliException inner = CliException.failure("receipt.not-verified", Message.of("receipt.allow-no-grant"));
    assertThat(JAPANESE.message("receipt.in-file", "r.json", inner))
        .isEqualTo("r.json: レシートを検証できません: 許可の判定に許諾（decision.grant）がありません");
    assertThat(inner.getMessage()).isEqualTo("receipt not verified: an allow must name its grant (decision.grant)");
  }

  @Test
  void from_languageVariables_firstSetOneWins() {
    assertThat(Text.from(Map.of("LC_ALL", "ja_JP.UTF-8", "LANG", "C")).japanese()).isTrue();
    assertThat(Text.from(Map.of("LC_ALL", "", "LC_MESSAGES", "C", "LANG", "ja_JP.UTF-8")).japanese()).isFalse();
    assertThat(Text.from(Map.of()).japanese()).isFalse();
  }
}
