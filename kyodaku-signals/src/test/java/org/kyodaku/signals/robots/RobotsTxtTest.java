package org.kyodaku.signals.robots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Fixtures;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;

/**
 * Every {@code fixtures/robots/<case>.robots.txt} with its {@code <case>.expect} sidecar: {@code
 * access} lines check RFC 9309 matching, {@code expect} lines the signals read, {@code status} the
 * fetch outcome, {@code evidence} lines a piece of evidence.
 */
class RobotsTxtTest {
  private static final RobotsReader READER = new RobotsReader(CrawlerTokens.bundled());

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Path expect : Fixtures.files("robots", ".expect")) {
      Path body = expect.resolveSibling(Fixtures.name(expect) + ".robots.txt");
      for (String line : Fixtures.text(expect).split("\n")) {
        if (line.startsWith("access ") || line.startsWith("expect ") || line.startsWith("evidence ")) {
          out.add(Arguments.of(Fixtures.name(expect), line, body, expect));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void read_fixture_matchesSidecar(String name, String line, Path body, Path expect) {
    byte[] bytes = Fixtures.bytes(body);
    String[] p = line.split("\\s+");
    switch (p[0]) {
      case "access" -> {
        RobotsTxt robots = RobotsTxt.parse(bytes);
        assertThat(robots.isAllowed(p[1], p[2])).as(name + ": " + line).isEqualTo(p[3].equals("allow"));
      }
      case "expect" -> {
        Fixtures.Expectation e =
            Fixtures.expectations(expect).stream().filter(x -> x.line().equals(line.strip())).findFirst().orElseThrow();
        Signals s = READER.read(name, status(expect), bytes, e.path(), e.agent());
        e.check(s, name);
      }
      case "evidence" -> {
        Signals s = READER.read(name, status(expect), bytes, "/", Optional.empty());
        assertThat(s.evidence())
            .as(name)
            .anySatisfy(
                ev -> {
                  assertThat(ev.standard().label()).isEqualTo(p[1]);
                  assertThat(ev.value()).isEqualTo(p[2]);
                });
      }
      default -> throw new IllegalStateException(line);
    }
  }

  private static RobotsStatus status(Path expect) {
    for (String line : Fixtures.text(expect).split("\n")) {
      if (line.startsWith("status ")) {
        return RobotsStatus.ofHttp(Integer.parseInt(line.substring(7).strip()));
      }
    }
    return RobotsStatus.FETCHED;
  }

  @Test
  void parse_oversizedFile_readsOnlyFirst500KiBAndDropsCutLine() {
    StringBuilder b = new StringBuilder("User-agent: *\nDisallow: /early\n");
    while (b.length() < RobotsTxt.LIMIT - 20) {
      b.append("# padding padding padding padding padding padding padding\n");
    }
    // This line straddles the limit: it must not become a shorter, broader rule.
    b.append("Disallow: /p").append("x".repeat(100)).append("\nDisallow: /late\n");
    RobotsTxt robots = RobotsTxt.parse(b.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(robots.truncated()).isTrue();
    assertThat(robots.isAllowed("bot", "/early")).isFalse();
    assertThat(robots.isAllowed("bot", "/p")).isTrue();
    assertThat(robots.isAllowed("bot", "/late")).isTrue();
    Signals s = READER.read("big", robots, "/x", Optional.empty());
    assertThat(s.evidence()).anySatisfy(e -> assertThat(e.position()).isEqualTo("byte 512000"));
  }

  @Test
  void access_decidingRule_isReportedWithLine() {
    RobotsTxt robots =
        RobotsTxt.parse("User-agent: *\nDisallow: /a\nAllow: /a/b\n".getBytes(StandardCharsets.UTF_8));
    RobotsTxt.Access a = robots.access("x", "/a/b/c");
    assertThat(a.allowed()).isTrue();
    assertThat(a.rule()).map(RobotsTxt.Rule::line).contains(3);
  }

  @Test
  void ofHttp_redirect_throwsWithStatus() {
    assertThatThrownBy(() -> RobotsStatus.ofHttp(301))
        .isInstanceOf(RobotsTxtException.class)
        .hasMessageContaining("HTTP status 301");
  }

  @Test
  void read_unreachable_disallowsEverythingWithFailedEvidence() {
    Signals s = READER.read("r", RobotsStatus.UNREACHABLE, new byte[0], "/", Optional.empty());
    for (Category c : Category.values()) {
      assertThat(s.get(c)).isEqualTo(Preference.DISALLOWED);
    }
    assertThat(s.evidence()).singleElement().satisfies(e -> assertThat(e.failed()).isTrue());
  }

  @Test
  void bundled_tokenTable_classifiesKnownTokens() {
    CrawlerTokens t = CrawlerTokens.bundled();
    assertThat(t.size()).isGreaterThan(150);
    assertThat(t.find("gptbot")).map(CrawlerTokens.Token::primary).contains(CrawlerPurpose.TRAINING);
    assertThat(t.find("OAI-SearchBot")).map(CrawlerTokens.Token::primary).contains(CrawlerPurpose.SEARCH);
    assertThat(t.find("ChatGPT-User")).map(CrawlerTokens.Token::primary)
        .contains(CrawlerPurpose.USER_TRIGGERED);
    assertThat(t.find("CCBot")).map(CrawlerTokens.Token::primary).contains(CrawlerPurpose.DATASET);
    assertThat(t.find("Googlebot")).isEmpty();
  }

  @Test
  void load_badPurpose_throwsNamingLine() {
    assertThatThrownBy(() -> CrawlerTokens.load(new StringReader("# c\nFooBot\ttraining,mining\n")))
        .isInstanceOf(RobotsTxtException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("\"mining\"");
  }

  @Test
  void load_repeatedToken_throwsNamingLine() {
    assertThatThrownBy(() -> CrawlerTokens.load(new StringReader("A\ttraining\na\tsearch\n")))
        .isInstanceOf(RobotsTxtException.class)
        .hasMessageContaining("line 2: \"a\" repeats");
  }

  @Test
  void read_evidence_namesBlockedTokensAndLine() {
    Signals s =
        READER.read(
            "r",
            RobotsStatus.FETCHED,
            "User-agent: GPTBot\nUser-agent: CCBot\nDisallow: /\n".getBytes(StandardCharsets.UTF_8),
            "/",
            Optional.empty());
    assertThat(s.evidence())
        .extracting(Evidence::position, Evidence::value)
        .contains(org.assertj.core.groups.Tuple.tuple("line 3", "Disallow: / for CCBot, GPTBot"));
  }
}
