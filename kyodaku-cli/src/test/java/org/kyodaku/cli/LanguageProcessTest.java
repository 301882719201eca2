package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's diagnostics as separate processes print them: in Japanese under {@code
 * LANG=ja_JP.UTF-8}, in English under {@code LANG=C}, as UTF-8 on stderr, with the same exit codes.
 * (Receipt results: ReceiptCommandTest, which has a registry with a log to take receipts from.)
 */
class LanguageProcessTest {
  static final String JA = "ja_JP.UTF-8";

  @TempDir Path dir;

  @Test
  void usageError_badOptionValue_isWordedInTheUsersLanguage() throws Exception {
    var ja = CliProcess.run(dir, JA, "match", "--index", "idx", "--radius", "many", "queries.txt");
    assertThat(ja.exit()).isEqualTo(2);
    assertThat(ja.out()).isEmpty();
    assertThat(ja.err()).isEqualTo(
        "kyodaku: エラー: --radius には整数を指定してください（指定された値: \"many\"）。詳しくは kyodaku match --help を参照してください\n");

    var en = CliProcess.run(dir, "C", "match", "--index", "idx", "--radius", "many", "queries.txt");
    assertThat(en.exit()).isEqualTo(2);
    assertThat(en.out()).isEmpty();
    assertThat(en.err()).isEqualTo("kyodaku: error: --radius: not an integer: \"many\" (see kyodaku match --help)\n");
  }

  @Test
  void usageError_checkedByTheCommand_isWordedInTheUsersLanguage() throws Exception {
    String[] args = {"check", "--token", "t", "--licensee", "p_x", "--use", "train", "a.png"};
    var ja = CliProcess.run(dir, JA, args);
    assertThat(ja.exit()).isEqualTo(2);
    assertThat(ja.err()).isEqualTo(
        "kyodaku: エラー: --use: \"train\" は不明な利用です。指定できる値: train-ai, train-genai, ai-use, search\n");
    var en = CliProcess.run(dir, "C", args);
    assertThat(en.exit()).isEqualTo(2);
    assertThat(en.err()).isEqualTo(
        "kyodaku: error: --use: unknown use \"train\"; valid values are: train-ai, train-genai, ai-use, search\n");
  }

  @Test
  void failure_missingFile_isWordedInTheUsersLanguageAndExitsOne() throws Exception {
    var ja = CliProcess.run(dir, JA, "hash", "missing.png");
    assertThat(ja.exit()).isEqualTo(1);
    assertThat(ja.err()).isEqualTo("kyodaku: エラー: missing.png: ファイルがありません\n");
    var en = CliProcess.run(dir, "C", "hash", "missing.png");
    assertThat(en.exit()).isEqualTo(1);
    assertThat(en.err()).isEqualTo("kyodaku: error: missing.png: no such file\n");
  }
}
