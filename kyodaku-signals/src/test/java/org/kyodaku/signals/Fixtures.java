package org.kyodaku.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Test fixtures under {@code src/test/resources/fixtures/<standard>/}: one file per case, with
 * expectations in the file itself ({@code key: value} lines) or in a sidecar {@code .expect} file.
 *
 * <p>Expectation lines ({@code .expect}): {@code expect <agent|*> <path> tdm=y train-ai=n
 * train-genai=n ai-use=- search=- [failed]} where {@code y}, {@code n}, {@code -} are allowed,
 * disallowed, unknown and {@code failed} demands failed evidence ({@code ok} demands none); {@code
 * access <agent> <path> allow|disallow} for robots matching. Omitted categories are not checked.
 */
public final class Fixtures {
  private Fixtures() {}

  /** The fixture directory of one standard. */
  public static Path dir(String standard) {
    URL url = Fixtures.class.getResource("/fixtures/" + standard);
    if (url == null) {
      throw new IllegalStateException("no fixtures/" + standard + " on the test class path");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every file of {@code standard} ending in {@code suffix}, sorted by name. */
  public static List<Path> files(String standard, String suffix) {
    try (Stream<Path> s = Files.list(dir(standard))) {
      List<Path> out =
          s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
      assertThat(out).as("fixtures/%s/*%s", standard, suffix).isNotEmpty();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String name(Path p) {
    String n = p.getFileName().toString();
    int dot = n.indexOf('.');
    return dot < 0 ? n : n.substring(0, dot);
  }

  public static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(Path p) {
    return new String(bytes(p), StandardCharsets.UTF_8);
  }

  /** {@code key: value} lines of a case file; keys may repeat. Lines starting {@code #} skipped. */
  public static List<Map.Entry<String, String>> fields(Path p) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String line : text(p).split("\n", -1)) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(": ");
      String key = colon < 0 ? line.replace(":", "") : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 2);
      out.add(Map.entry(key, value));
    }
    return out;
  }

  public static Optional<String> field(Path p, String key) {
    return fields(p).stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst();
  }

  public static List<String> all(Path p, String key) {
    return fields(p).stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
  }

  /** The sidecar {@code .expect} file next to {@code p}. */
  public static Path sidecar(Path p) {
    return p.resolveSibling(name(p) + ".expect");
  }

  /** One {@code expect} line. */
  public record Expectation(
      Optional<String> agent, String path, Map<Category, Preference> verdicts, Optional<Boolean> failed, String line) {

    /** Checks {@code actual} against this expectation. */
    public void check(Signals actual, String fixture) {
      for (Map.Entry<Category, Preference> e : verdicts.entrySet()) {
        assertThat(actual.get(e.getKey()))
            .as("%s: %s for %s (evidence %s)", fixture, e.getKey(), line, actual.evidence())
            .isEqualTo(e.getValue());
      }
      failed.ifPresent(
          f ->
              assertThat(actual.anyFailure())
                  .as("%s: failed evidence for %s (evidence %s)", fixture, line, actual.evidence())
                  .isEqualTo(f));
      if (actual.anyFailure()) {
        // A document that failed to parse never yields allowed from its own evidence.
        assertThat(actual.evidence().stream().filter(Evidence::failed).flatMap(ev -> ev.says().values().stream()))
            .doesNotContain(Preference.ALLOWED);
      }
    }
  }

  public static List<Expectation> expectations(Path expectFile) {
    List<Expectation> out = new ArrayList<>();
    for (String line : text(expectFile).split("\n")) {
      String l = line.strip();
      if (!l.startsWith("expect ")) {
        continue;
      }
      String[] parts = l.split("\\s+");
      Map<Category, Preference> v = new EnumMap<>(Category.class);
      Optional<Boolean> failed = Optional.empty();
      for (int i = 3; i < parts.length; i++) {
        if (parts[i].equals("failed")) {
          failed = Optional.of(true);
          continue;
        }
        if (parts[i].equals("ok")) {
          failed = Optional.of(false);
          continue;
        }
        String[] kv = parts[i].split("=");
        Category c = Category.valueOf(kv[0].toUpperCase().replace('-', '_'));
        v.put(c, switch (kv[1]) {
          case "y" -> Preference.ALLOWED;
          case "n" -> Preference.DISALLOWED;
          case "-" -> Preference.UNKNOWN;
          default -> throw new IllegalArgumentException("bad verdict in " + line);
        });
      }
      out.add(new Expectation(parts[1].equals("*") ? Optional.empty() : Optional.of(parts[1]), parts[2], v, failed, l));
    }
    assertThat(out).as("expect lines in %s", expectFile).isNotEmpty();
    return out;
  }

  /**
   * One argument set per {@code expect} or {@code evidence} line: (case name, line, body file,
   * expectation file). The body is {@code <case><bodySuffix>}; the expectations are in {@code
   * <case>.expect}, or in the body itself when {@code bodySuffix} is {@code .case}.
   */
  public static Stream<org.junit.jupiter.params.provider.Arguments> lines(
      String standard, String bodySuffix) {
    List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
    for (Path body : files(standard, bodySuffix)) {
      Path expect = bodySuffix.equals(".case") ? body : sidecar(body);
      for (String line : text(expect).split("\n")) {
        if (line.startsWith("expect ") || line.startsWith("evidence ")) {
          out.add(org.junit.jupiter.params.provider.Arguments.of(name(body), line.strip(), body, expect));
        }
      }
    }
    return out.stream();
  }

  /**
   * Checks one {@code expect} or {@code evidence} line against the signals {@code read} gives for
   * the line's agent and path.
   */
  public static void check(
      String name,
      String line,
      Path expect,
      java.util.function.BiFunction<Optional<String>, String, Signals> read) {
    if (line.startsWith("evidence ")) {
      String[] p = line.split("\\s+");
      Signals s = read.apply(Optional.empty(), "/");
      assertThat(s.evidence())
          .as(name + ": " + line)
          .anySatisfy(
              ev -> {
                assertThat(ev.standard().label()).isEqualTo(p[1]);
                assertThat(ev.value()).isEqualTo(p[2]);
              });
      return;
    }
    Expectation e =
        expectations(expect).stream().filter(x -> x.line().equals(line)).findFirst().orElseThrow();
    e.check(read.apply(e.agent(), e.path()), name);
  }

  /** Shorthand for a verdict map: {@code "tdm=n train-ai=n ..."} as in expect lines. */
  public static Map<Category, Preference> verdicts(String spec) {
    Map<Category, Preference> v = new LinkedHashMap<>();
    for (String kv : spec.trim().split("\\s+")) {
      String[] p = kv.split("=");
      v.put(Category.valueOf(p[0].toUpperCase().replace('-', '_')),
          p[1].equals("y") ? Preference.ALLOWED : p[1].equals("n") ? Preference.DISALLOWED : Preference.UNKNOWN);
    }
    return v;
  }
}
