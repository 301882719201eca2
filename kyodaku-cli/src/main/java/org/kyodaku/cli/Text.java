package org.kyodaku.cli;

import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLI's human-readable words in English or Japanese, chosen from {@code LC_ALL}, {@code
 * LC_MESSAGES} or {@code LANG} (the first one set), as POSIX programs do. JSON output never
 * changes with the language.
 *
 * <p>Every message is a key of the catalog org/kyodaku/cli/messages.properties (English) and
 * messages_ja.properties (Japanese); MessageCatalogTest holds the two to the same keys and
 * placeholders. A placeholder {@code {n}} is replaced by the n-th value as {@link
 * String#valueOf} writes it, not by {@link java.text.MessageFormat}: its quoting rules would
 * turn every apostrophe of the English into a trap, and it groups digits by locale (1,234),
 * which would change the sizes, indexes and ids that users compare and paste.
 */
final class Text {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

  /** English, for exception messages and logs. */
  static final Text ENGLISH = new Text(false);

  private final boolean japanese;
  private final ResourceBundle messages;

  private Text(boolean japanese) {
    this.japanese = japanese;
    this.messages = bundle("org.kyodaku.cli.messages");
  }

  static Text fromEnvironment() {
    return from(System.getenv());
  }

  /** The language {@code env} chooses; tests pass their own so as not to depend on the machine's. */
  static Text from(Map<String, String> env) {
    for (String name : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        return v.toLowerCase(Locale.ROOT).startsWith("ja") ? new Text(true) : ENGLISH;
      }
    }
    return ENGLISH;
  }

  boolean japanese() {
    return japanese;
  }

  /**
   * The resource bundle {@code baseName} in this language. Chosen like the words, not from the
   * JVM's default locale: the no-fallback control keeps an English choice from landing on the
   * _ja file on a machine whose default locale is Japanese.
   */
  ResourceBundle bundle(String baseName) {
    return ResourceBundle.getBundle(
        baseName,
        japanese ? Locale.JAPANESE : Locale.ROOT,
        Text.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The catalog's {@code key} in this language, its placeholders replaced by {@code args}. */
  String message(String key, Object... args) {
    return format(Message.of(key, args));
  }

  String format(Message message) {
    String pattern = messages.getString(message.key());
    Matcher m = PLACEHOLDER.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int i = Integer.parseInt(m.group(1));
      String value = i < message.args().size() ? word(message.args().get(i)) : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  private String word(Object value) {
    return switch (value) {
      case Message nested -> format(nested);
      case CliException e -> format(e.message());
      default -> String.valueOf(value);
    };
  }

  /**
   * A label the server or a library sends ({@code allow}, {@code no-grant}, {@code
   * origin-allowed}, ...) in this language: the catalog's {@code label.<value>}, or the value
   * itself for a label this version does not know yet.
   */
  String label(String value) {
    String key = "label." + value;
    return messages.containsKey(key) ? messages.getString(key) : value;
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
}
