package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Picocli's command-line errors, reworded from what they record: each kind in Japanese under
 * LANG=ja and in English otherwise, exit 2, one line, pointing to the command's help.
 */
class UsageErrorsTest {
  private static final Text JAPANESE = Text.from(Map.of("LANG", "ja_JP.UTF-8"));

  private static void assertError(String japanese, String english, String... args) {
    CliContractTest.Run ja = CliContractTest.kyodaku(JAPANESE, args);
    CliContractTest.Run en = CliContractTest.kyodaku(Text.ENGLISH, args);
    assertThat(ja.exit()).isEqualTo(2);
    assertThat(en.exit()).isEqualTo(2);
    assertThat(ja.out()).isEmpty();
    assertThat(ja.err()).isEqualTo("kyodaku: エラー: " + japanese + "\n");
    assertThat(en.err()).isEqualTo("kyodaku: error: " + english + "\n");
  }

  @Test
  void missingOptions_areNamedWithTheirParameters() {
    assertError(
        "必須の引数が指定されていません: --checkpoint=FILE, --key=KEY。詳しくは kyodaku log verify --help を参照してください",
        "missing required argument(s): --checkpoint=FILE, --key=KEY (see kyodaku log verify --help)",
        "log", "verify");
  }

  @Test
  void missingChoiceOfAGroup_isNamedAsTheGroup() {
    assertError(
        "必須の引数が指定されていません: (--work=WORK_ID [--work=WORK_ID]... | --all)。詳しくは kyodaku grant create --help を参照してください",
        "missing required argument(s): (--work=WORK_ID [--work=WORK_ID]... | --all) (see kyodaku grant create --help)",
        "grant", "create", "--licensee", "everyone", "--use", "search");
  }

  @Test
  void exclusiveOptionsTogether_areRefused() {
    assertError(
        "--work=WORK_ID, --all は同時に指定できません（どれか 1 つだけを指定してください）。詳しくは kyodaku grant create --help を参照してください",
        "--work=WORK_ID, --all cannot be used together (give only one) (see kyodaku grant create --help)",
        "grant", "create", "--licensee", "everyone", "--use", "search", "--all", "--work", "w_x");
  }

  @Test
  void unknownOptionAndCommand_areQuoted() {
    assertError(
        "不明なオプションです: '--jsn'。詳しくは kyodaku hash --help を参照してください",
        "unknown option: '--jsn' (see kyodaku hash --help)",
        "hash", "--jsn", "a.png");
    assertError(
        "不明なコマンドです: 'frobnicate'。詳しくは kyodaku --help を参照してください",
        "unknown command: 'frobnicate' (see kyodaku --help)",
        "frobnicate");
  }

  @Test
  void noCommand_asksForOne() {
    assertError(
        "コマンドを指定してください。詳しくは kyodaku --help を参照してください",
        "name a command (see kyodaku --help)");
  }

  @Test
  void optionGivenTwice_isRefused() {
    assertError(
        "--key は 1 回だけ指定できます。詳しくは kyodaku receipt verify --help を参照してください",
        "--key may be given only once (see kyodaku receipt verify --help)",
        "receipt", "verify", "r.json", "--key", "k", "--key", "k");
  }

  @Test
  void badValues_sayWhatTheOptionTakes() {
    assertError(
        "--on-error には skip, fail のいずれかを指定してください（指定された値: \"maybe\"）。詳しくは kyodaku index build --help を参照してください",
        "--on-error: expected one of skip, fail, got \"maybe\" (see kyodaku index build --help)",
        "index", "build", "--out", "x", "--on-error", "maybe", "codes.txt");
    assertError(
        "--timeout には数値を指定してください（指定された値: \"soon\"）。詳しくは kyodaku signals check --help を参照してください",
        "--timeout: not a number: \"soon\" (see kyodaku signals check --help)",
        "signals", "check", "--timeout", "soon", "https://example.org/");
  }
}
