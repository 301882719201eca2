package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Japanese is a first-class language of the help: every command, option and positional parameter
 * of the whole tree, including the ones added after this test, has its text in
 * help_ja.properties, and the English help stays the annotations' own text. The language is
 * passed in, never read from this machine's environment.
 */
class HelpTranslationTest {
  private static final Text JAPANESE = Text.from(Map.of("LANG", "ja_JP.UTF-8"));
  private static final Text ENGLISH = Text.from(Map.of("LANG", "C"));

  @Test
  void japaneseHelp_everyCommandOptionAndParameter_isTranslated() {
    // Variables stay as written (${DEFAULT-VALUE}), so the report can be pasted into the file.
    CommandLine japanese = Main.commandLine(JAPANESE);
    japanese.setInterpolateVariables(false);
    CommandLine english = Main.commandTree();
    english.setInterpolateVariables(false);
    ResourceBundle bundle = Main.helpBundle(JAPANESE);

    List<String> missing = new ArrayList<>();
    // unqualified key -> English text -> the qualified keys that fell back to it
    Map<String, Map<String, List<String>>> fallbacks = new TreeMap<>();
    walk(japanese, english, (ja, en) -> check(ja, en, bundle, missing, fallbacks));
    missing.addAll(misusedFallbacks(fallbacks));

    if (!missing.isEmpty()) {
      fail(
          "help text without Japanese; translate these into"
              + " kyodaku-cli/src/main/resources/org/kyodaku/cli/help_ja.properties:\n\n"
              + String.join("\n", missing)
              + "\n");
    }
  }

  @Test
  void japaneseHelp_everyCommand_rendersJapaneseWithoutPlaceholders() {
    walk(
        Main.commandLine(JAPANESE),
        Main.commandTree(),
        (ja, en) -> {
          String usage = ja.getUsageMessage();
          assertThat(usage).as(ja.getCommandSpec().qualifiedName(" ")).contains("使用法:").doesNotContain("${", "Usage:");
          if (!ja.getSubcommands().isEmpty()) {
            assertThat(usage).contains("コマンド:").doesNotContain("Commands:");
          }
        });
  }

  @Test
  void englishHelp_underLangC_isTheAnnotationsTextUnchanged() {
    walk(
        Main.commandLine(ENGLISH),
        Main.commandTree(),
        (chosen, annotations) -> {
          String usage = chosen.getUsageMessage();
          assertThat(usage).isEqualTo(annotations.getUsageMessage());
          // The product name 許諾 is part of the English description; nothing else may leak.
          assertThat(japaneseCharacters(usage.replace("許諾", "")))
              .as(chosen.getCommandSpec().qualifiedName(" "))
              .isEmpty();
        });
  }

  @Test
  void englishHelp_onJapaneseDefaultLocale_staysEnglish() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.JAPAN);
    try {
      assertThat(run(ENGLISH, "serve", "--help")).startsWith("Usage: kyodaku serve").contains("Run the registry server.");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void help_followsLcAllThenLcMessagesThenLang() {
    assertThat(run(JAPANESE, "--help")).startsWith("使用法: kyodaku").contains("レジストリサーバーを起動します。");
    assertThat(run(JAPANESE, "help", "grant", "create")).contains("自分の作品の利用を許諾します。");
    assertThat(run(Text.from(Map.of("LC_ALL", "C", "LANG", "ja_JP.UTF-8")), "--help")).startsWith("Usage: kyodaku");
    assertThat(run(Text.from(Map.of("LC_MESSAGES", "ja_JP.UTF-8", "LANG", "C")), "--help")).startsWith("使用法: kyodaku");
    assertThat(run(Text.from(Map.of()), "--help")).startsWith("Usage: kyodaku");
  }

  @Test
  void help_everyCommand_answersDashDashHelp() {
    walk(
        Main.commandTree(),
        Main.commandTree(),
        (command, same) -> {
          String path = command.getCommandSpec().qualifiedName(" ");
          List<String> args = new ArrayList<>(List.of(path.split(" ")));
          args.set(0, "--help"); // kyodaku grant create --help: the path without kyodaku, then --help
          args.add(args.removeFirst());
          assertThat(run(JAPANESE, args.toArray(String[]::new))).contains("使用法: " + path + " [");
          assertThat(run(ENGLISH, args.toArray(String[]::new))).contains("Usage: " + path + " [", "-h, --help");
        });
  }

  private static String run(Text text, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), text);
    assertThat(exit).as(err.toString()).isZero();
    return out.toString();
  }

  /** Visits every visible command of the two trees, which come from the same classes, in step. */
  private static void walk(CommandLine a, CommandLine b, BiConsumer<CommandLine, CommandLine> visit) {
    if (a.getCommandSpec().usageMessage().hidden()) {
      return;
    }
    visit.accept(a, b);
    a.getSubcommands().forEach((name, sub) -> walk(sub, b.getSubcommands().get(name), visit));
  }

  private static void check(
      CommandLine ja,
      CommandLine en,
      ResourceBundle bundle,
      List<String> missing,
      Map<String, Map<String, List<String>>> fallbacks) {
    CommandSpec j = ja.getCommandSpec();
    CommandSpec e = en.getCommandSpec();
    String command = j.qualifiedName(".");
    requireJapanese(command + ".usage.description", e.usageMessage().description(), j.usageMessage().description(), missing);
    if (e.usageMessage().header().length > 0) {
      requireJapanese(command + ".usage.header", e.usageMessage().header(), j.usageMessage().header(), missing);
    }
    List<ArgSpec> jaArgs = visibleArgs(j);
    List<ArgSpec> enArgs = visibleArgs(e);
    for (int i = 0; i < jaArgs.size(); i++) {
      ArgSpec arg = jaArgs.get(i);
      String name = localKey(arg);
      String key = arg.descriptionKey().isEmpty() ? command + "." + name : arg.descriptionKey();
      String[] english = enArgs.get(i).description();
      requireJapanese(key, english, arg.description(), missing);
      boolean qualified = arg.descriptionKey().isEmpty() ? hasKey(bundle, command + "." + name) : true;
      if (!qualified && hasKey(bundle, name)) {
        fallbacks
            .computeIfAbsent(name, k -> new LinkedHashMap<>())
            .computeIfAbsent(String.join("\n", english), k -> new ArrayList<>())
            .add(properties(key, english));
      }
    }
  }

  private static List<ArgSpec> visibleArgs(CommandSpec spec) {
    return Stream.concat(spec.options().stream(), spec.positionalParameters().stream())
        .filter(a -> !a.hidden())
        .map(ArgSpec.class::cast)
        .toList();
  }

  /**
   * The key picocli 4.7 looks the description up by, after the command's qualified name: an
   * option's longest name without dashes (any of its names works); a positional parameter's
   * label with its index, {@code FILE[0..*]}.
   */
  private static String localKey(ArgSpec arg) {
    return switch (arg) {
      case OptionSpec o -> o.longestName().replaceFirst("^[^\\p{Alnum}]+", "");
      case PositionalParamSpec p -> p.paramLabel() + "[" + p.index() + "]";
      default -> throw new IllegalStateException("unknown argument kind: " + arg);
    };
  }

  /** Multi-line texts are read as key.0, key.1, ...; a single line as key. */
  private static boolean hasKey(ResourceBundle bundle, String key) {
    return bundle.containsKey(key) || bundle.containsKey(key + ".0");
  }

  private static void requireJapanese(String key, String[] english, String[] japanese, List<String> missing) {
    String text = String.join("\n", japanese);
    // Equal to the English means no key was found, even where the English holds a Japanese word.
    if (japaneseCharacters(text).isEmpty() || Arrays.equals(english, japanese)) {
      missing.add(properties(key, english));
    }
  }

  /**
   * An unqualified key is shared text: it may only serve options whose English text is the same
   * (the ClientOptions mixin's). Any other option that falls back to it needs its own key.
   */
  private static List<String> misusedFallbacks(Map<String, Map<String, List<String>>> fallbacks) {
    List<String> misused = new ArrayList<>();
    for (Map<String, List<String>> byEnglish : fallbacks.values()) {
      byEnglish.values().stream()
          .sorted(Comparator.comparingInt((List<String> keys) -> keys.size()).reversed())
          .skip(1)
          .forEach(misused::addAll);
    }
    return misused;
  }

  private static String properties(String key, String[] english) {
    if (english.length <= 1) {
      return key + " = " + (english.length == 0 ? "" : english[0]);
    }
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < english.length; i++) {
      lines.append(i == 0 ? "" : "\n").append(key).append('.').append(i).append(" = ").append(english[i]);
    }
    return lines.toString();
  }

  private static String japaneseCharacters(String s) {
    StringBuilder found = new StringBuilder();
    s.codePoints()
        .filter(
            c -> {
              Character.UnicodeScript script = Character.UnicodeScript.of(c);
              return script == Character.UnicodeScript.HIRAGANA
                  || script == Character.UnicodeScript.KATAKANA
                  || script == Character.UnicodeScript.HAN;
            })
        .forEach(found::appendCodePoint);
    return found.toString();
  }
}
