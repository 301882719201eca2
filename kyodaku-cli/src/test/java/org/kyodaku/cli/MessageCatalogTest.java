package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kyodaku.core.decision.Basis;
import org.kyodaku.core.decision.Verdict;
import org.kyodaku.core.model.Labelled;
import org.kyodaku.signals.Ground;

/**
 * Japanese is first-class in every message the CLI words itself: every key of messages.properties
 * has its Japanese with the same placeholders, and main code words no message outside the
 * catalog. The source scan is what makes the second hold for messages added later: a new {@code
 * CliException.failure("...")} must name a key, with one value per placeholder.
 */
class MessageCatalogTest {
  private static final Path RESOURCES = Path.of("src/main/resources/org/kyodaku/cli");
  private static final Path SOURCES = Path.of("src/main/java/org/kyodaku/cli");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

  /** Calls whose first argument is a catalog key: CliException.usage/failure, fail, Text.message, Message.of. */
  private static final Pattern KEYED_CALL = Pattern.compile("\\b(?:usage|failure|fail|message|Message\\.of)\\(");

  /** Calls whose arguments reach the user: none of them may hold an English phrase of its own. */
  private static final Pattern SHOWN_CALL =
      Pattern.compile("\\b(?:usage|failure|fail|message|Message\\.of|print|println|printf|accept|[A-Z]\\w*Exception)\\(");

  /** Two words in a string literal: prose, which belongs in the catalog. */
  private static final Pattern PROSE = Pattern.compile("[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}");

  private static Map<String, String> catalog(String file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(RESOURCES.resolve(file), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    Map<String, String> out = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }

  private static Set<Integer> placeholders(String text) {
    Set<Integer> out = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }

  @Test
  void everyKey_hasEnglishAndJapaneseWithTheSamePlaceholders() throws IOException {
    Map<String, String> en = catalog("messages.properties");
    Map<String, String> ja = catalog("messages_ja.properties");
    List<String> problems = new ArrayList<>();
    en.keySet().stream().filter(k -> !ja.containsKey(k)).forEach(k -> problems.add("no Japanese: " + k + " = " + en.get(k)));
    ja.keySet().stream().filter(k -> !en.containsKey(k)).forEach(k -> problems.add("no English: " + k));
    for (String key : en.keySet()) {
      String english = en.get(key);
      String japanese = ja.getOrDefault(key, "");
      if (ja.containsKey(key) && !placeholders(english).equals(placeholders(japanese))) {
        problems.add("placeholders differ: " + key + ": " + placeholders(english) + " in English, " + placeholders(japanese) + " in Japanese");
      }
      Set<Integer> used = placeholders(english);
      if (!used.isEmpty() && used.size() != used.stream().mapToInt(i -> i).max().orElseThrow() + 1) {
        problems.add("placeholders skip a number: " + key + " uses " + used);
      }
      // Words of the English need Japanese words; a frame of placeholders and marks may stay as it is.
      boolean words = Pattern.compile("[a-z]{3,}").matcher(PLACEHOLDER.matcher(english).replaceAll("")).find();
      if (ja.containsKey(key) && words && (japaneseCharacters(japanese) == 0 || japanese.equals(english))) {
        problems.add("not translated: " + key + " = " + japanese);
      }
    }
    if (!problems.isEmpty()) {
      fail("messages.properties and messages_ja.properties disagree:\n" + String.join("\n", problems));
    }
  }

  @Test
  void everyLabelTheServerSends_hasItsWords() throws IOException {
    Map<String, String> en = catalog("messages.properties");
    List<String> labels = new ArrayList<>();
    Stream.of(Verdict.values(), Basis.values(), Ground.values())
        .flatMap(Arrays::stream)
        .map(l -> ((Labelled) l).label())
        .forEach(labels::add);
    labels.add("registry-not-asked"); // signals check's own ground when no token was given
    for (String label : labels) {
      assertThat(en).as("label.%s in messages.properties", label).containsKey("label." + label);
    }
    Text japanese = Text.from(Map.of("LANG", "ja_JP.UTF-8"));
    assertThat(japanese.label("near-match")).isEqualTo("登録作品に類似");
    assertThat(Text.ENGLISH.label("near-match")).isEqualTo("near-match");
    assertThat(japanese.label("a-label-from-a-later-server")).isEqualTo("a-label-from-a-later-server");
  }

  @Test
  void mainCode_wordsEveryMessageThroughTheCatalog() throws IOException {
    Map<String, String> en = catalog("messages.properties");
    List<String> problems = new ArrayList<>();
    Set<String> literals = new TreeSet<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String code = withoutComments(Files.readString(file, StandardCharsets.UTF_8));
        Matcher lit = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"").matcher(code);
        while (lit.find()) {
          literals.add(lit.group(1));
        }
        Matcher keyed = KEYED_CALL.matcher(code);
        while (keyed.find()) {
          List<String> args = arguments(code, keyed.end());
          String first = args.isEmpty() ? "" : args.getFirst().strip();
          if (!first.startsWith("\"")) {
            continue; // a Message or a variable already holding a key
          }
          String where = file.getFileName() + ":" + line(code, keyed.start());
          if (!first.matches("\"[a-z0-9.-]+\"")) {
            problems.add(where + ": not a catalog key: " + first);
            continue;
          }
          String key = first.substring(1, first.length() - 1);
          if (!en.containsKey(key)) {
            problems.add(where + ": " + key + " is not in messages.properties");
            continue;
          }
          Set<Integer> wanted = placeholders(en.get(key));
          int expected = wanted.isEmpty() ? 0 : wanted.stream().mapToInt(i -> i).max().orElseThrow() + 1;
          if (args.size() - 1 != expected) {
            problems.add(where + ": " + key + " has " + expected + " placeholder(s), given " + (args.size() - 1) + " value(s)");
          }
        }
        Matcher shown = SHOWN_CALL.matcher(code);
        while (shown.find()) {
          for (String arg : arguments(code, shown.end())) {
            Matcher s = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"").matcher(arg);
            while (s.find()) {
              if (PROSE.matcher(s.group(1)).find()) {
                problems.add(file.getFileName() + ":" + line(code, shown.start()) + ": words outside the catalog: \"" + s.group(1) + "\"");
              }
            }
          }
        }
      }
    }
    // Every key is used, so that no translation goes stale unseen (labels are looked up by value).
    en.keySet().stream()
        .filter(k -> !k.startsWith("label.") && !literals.contains(k))
        .forEach(k -> problems.add("unused key in messages.properties: " + k));
    if (!problems.isEmpty()) {
      fail("user-facing words must come from messages.properties / messages_ja.properties:\n" + String.join("\n", problems));
    }
  }

  /** Comments removed, string literals kept, line breaks kept (for line numbers). */
  private static String withoutComments(String code) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '"' || c == '\'') {
        int end = endOfLiteral(code, i);
        out.append(code, i, end);
        i = end - 1;
      } else if (code.startsWith("//", i)) {
        while (i < code.length() && code.charAt(i) != '\n') {
          i++;
        }
        out.append('\n');
      } else if (code.startsWith("/*", i)) {
        int end = code.indexOf("*/", i + 2);
        code.substring(i, end + 2).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
        i = end + 1;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The top-level arguments of the call whose opening parenthesis ends at {@code from}. */
  private static List<String> arguments(String code, int from) {
    List<String> args = new ArrayList<>();
    int depth = 0;
    int start = from;
    for (int i = from; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '"' || c == '\'') {
        i = endOfLiteral(code, i) - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          if (!code.substring(start, i).isBlank() || !args.isEmpty()) {
            args.add(code.substring(start, i));
          }
          return args;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        args.add(code.substring(start, i));
        start = i + 1;
      }
    }
    throw new IllegalStateException("unbalanced call at " + from);
  }

  private static int endOfLiteral(String code, int start) {
    char quote = code.charAt(start);
    if (code.startsWith("\"\"\"", start)) {
      return code.indexOf("\"\"\"", start + 3) + 3;
    }
    int i = start + 1;
    while (code.charAt(i) != quote) {
      i += code.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  private static int line(String code, int index) {
    return (int) code.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
  }

  private static long japaneseCharacters(String s) {
    return s.codePoints()
        .filter(c -> switch (Character.UnicodeScript.of(c)) {
          case HIRAGANA, KATAKANA, HAN -> true;
          default -> false;
        })
        .count();
  }
}
