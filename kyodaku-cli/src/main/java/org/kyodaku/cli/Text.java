package org.kyodaku.cli;

import java.util.Locale;
import java.util.Map;

/**
 * The CLI's human-readable words in English and Japanese, chosen from {@code LC_ALL}, {@code
 * LC_MESSAGES} or {@code LANG} (the first one set), as POSIX programs do. JSON output never
 * changes with the language.
 */
final class Text {
  private static final Map<String, String[]> WORDS =
      Map.ofEntries(
          Map.entry("allow", new String[] {"allow", "許可"}),
          Map.entry("deny", new String[] {"deny", "拒否"}),
          Map.entry("grant", new String[] {"grant", "許諾あり"}),
          Map.entry("no-grant", new String[] {"no-grant", "許諾なし"}),
          Map.entry("unregistered", new String[] {"unregistered", "未登録"}),
          Map.entry("disputed", new String[] {"disputed", "権利者が競合"}),
          Map.entry("reservation", new String[] {"reservation", "利用留保"}),
          Map.entry("origin-allowed", new String[] {"origin-allowed", "配信元が許可"}),
          Map.entry("registry-not-asked", new String[] {"registry-not-asked", "レジストリ未照会"}),
          Map.entry("error", new String[] {"error", "エラー"}),
          Map.entry("created", new String[] {"created", "作成しました"}),
          Map.entry("registered", new String[] {"registered", "登録しました"}),
          Map.entry("granted", new String[] {"granted", "許諾しました"}),
          Map.entry("revoked", new String[] {"revoked", "取り消しました"}),
          Map.entry("token", new String[] {"token (shown once; keep it secret)", "トークン（一度だけ表示されます。秘密にしてください）"}),
          Map.entry("assets", new String[] {"assets", "アセット"}),
          Map.entry("everyone", new String[] {"everyone", "全員"}),
          Map.entry("all works", new String[] {"all works", "全作品"}),
          Map.entry("listening", new String[] {"Kyodaku is listening on", "Kyodaku を起動しました:"}),
          Map.entry("witness listening", new String[] {"the witness is listening on", "ウィットネスを起動しました:"}),
          Map.entry("admin token", new String[] {"admin token written to", "管理者トークンを書き出しました:"}),
          Map.entry("store", new String[] {"store", "データストア"}),
          Map.entry("witnesses", new String[] {"witnesses:", "ウィットネス:"}),
          Map.entry("asking for cosignatures", new String[] {"asking for cosignatures:", "連署を依頼する先:"}),
          Map.entry("witnessing", new String[] {"witnessing", "立会い対象のログ"}),
          Map.entry("holds size", new String[] {"holds size", "保持しているサイズ"}),
          Map.entry("no checkpoint yet", new String[] {"no checkpoint yet", "チェックポイントはまだありません"}),
          Map.entry("witness key", new String[] {"witness", "ウィットネスの検証鍵"}),
          Map.entry("state in", new String[] {"state in", "状態の保存先"}));

  private final boolean japanese;

  private Text(boolean japanese) {
    this.japanese = japanese;
  }

  static Text fromEnvironment() {
    return from(System.getenv());
  }

  /** The language {@code env} chooses; tests pass their own so as not to depend on the machine's. */
  static Text from(Map<String, String> env) {
    for (String name : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        return new Text(v.toLowerCase(Locale.ROOT).startsWith("ja"));
      }
    }
    return new Text(false);
  }

  boolean japanese() {
    return japanese;
  }

  /**
   * {@code s} padded with spaces to {@code width} terminal columns. CJK characters take two
   * columns, so String.format's padding would misalign Japanese words.
   */
  static String pad(String s, int width) {
    int columns = s.codePoints().map(Text::columns).sum();
    return columns >= width ? s + " " : s + " ".repeat(width - columns);
  }

  private static int columns(int codePoint) {
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
    boolean wide =
        script == Character.UnicodeScript.HAN
            || script == Character.UnicodeScript.HIRAGANA
            || script == Character.UnicodeScript.KATAKANA
            || script == Character.UnicodeScript.HANGUL
            || block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
            || (block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS && codePoint < 0xFF61);
    return wide ? 2 : 1;
  }

  String get(String key) {
    String[] pair = WORDS.get(key);
    return pair == null ? key : pair[japanese ? 1 : 0];
  }
}
