package org.kyodaku.signals.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.core.model.Use;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Fixtures;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.json.Json;
import org.kyodaku.signals.robots.CrawlerTokens;
import org.kyodaku.signals.robots.RobotsReader;
import org.kyodaku.signals.robots.RobotsStatus;

/**
 * The writers' output for one sample record against golden files in {@code fixtures/publish/}
 * (sample: search granted to everyone, train-ai to GPTBot and ExampleAI). Set {@code
 * KYODAKU_REGENERATE=1} to rewrite the golden files after an intended change, then review the diff.
 */
class SignalWriterTest {
  static final GrantRecord SAMPLE =
      new GrantRecord(
          "Example Illustrators Collective",
          List.of(
              RecordGrant.toEveryone(Set.of(Use.SEARCH)),
              RecordGrant.to(Set.of(Use.TRAIN_AI), Set.of("GPTBot", "ExampleAI"))),
          Optional.of(URI.create("https://collective.example/terms")),
          URI.create("https://collective.example/ai-licensing"),
          URI.create("https://collective.example/policies/tdm.json"),
          URI.create("https://collective.example/license.xml"));

  private static final SignalWriter WRITER = new SignalWriter(SAMPLE, CrawlerTokens.bundled());

  static Stream<Arguments> outputs() {
    return Stream.of(
        Arguments.of("sample.robots.txt", (Function<SignalWriter, String>) SignalWriter::robotsTxt),
        Arguments.of("sample.tdmrep.json", (Function<SignalWriter, String>) SignalWriter::tdmrepJson),
        Arguments.of("sample.tdm-policy.json", (Function<SignalWriter, String>) SignalWriter::tdmPolicy),
        Arguments.of("sample.ai.txt", (Function<SignalWriter, String>) SignalWriter::aiTxt),
        Arguments.of("sample.nginx.conf", (Function<SignalWriter, String>) SignalWriter::nginx),
        Arguments.of("sample.apache.conf", (Function<SignalWriter, String>) SignalWriter::apache),
        Arguments.of("sample.Caddyfile", (Function<SignalWriter, String>) SignalWriter::caddy),
        Arguments.of("sample.meta.html", (Function<SignalWriter, String>) SignalWriter::htmlMeta),
        Arguments.of("sample.rsl.xml", (Function<SignalWriter, String>) SignalWriter::rsl));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outputs")
  void write_sampleRecord_matchesGoldenFile(String file, Function<SignalWriter, String> output)
      throws IOException {
    String actual = output.apply(WRITER);
    Path golden = Fixtures.dir("publish").resolve(file);
    if (System.getenv("KYODAKU_REGENERATE") != null) {
      Path source = Path.of("src/test/resources/fixtures/publish").resolve(file);
      Files.writeString(source, actual, StandardCharsets.UTF_8);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(golden)).as("golden file %s; actual:%n%s", file, actual).isTrue();
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void tdmPolicy_sample_isOdrlOfferPointingToLicencePage() {
    Object policy = Json.parse(WRITER.tdmPolicy());
    assertThat(policy)
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("@type", "Offer")
        .containsEntry("profile", "http://www.w3.org/ns/tdmrep")
        .containsEntry("uid", "https://collective.example/policies/tdm.json");
    assertThat(WRITER.tdmPolicy()).contains("\"vcard:hasURL\": \"https://collective.example/ai-licensing\"");
  }

  @Test
  void robotsTxt_sample_readsBackPerAgent() {
    RobotsReader reader = new RobotsReader(CrawlerTokens.bundled());
    byte[] robots = WRITER.robotsTxt().getBytes(StandardCharsets.UTF_8);
    Signals gpt = reader.read("r", RobotsStatus.FETCHED, robots, "/a.png", Optional.of("GPTBot"));
    assertThat(gpt.get(Category.TRAIN_AI)).isEqualTo(Preference.ALLOWED);
    assertThat(gpt.get(Category.AI_USE)).isEqualTo(Preference.DISALLOWED);
    Signals claude = reader.read("r", RobotsStatus.FETCHED, robots, "/a.png", Optional.of("ClaudeBot"));
    assertThat(claude.get(Category.TRAIN_AI)).isEqualTo(Preference.DISALLOWED);
    Signals any = reader.read("r", RobotsStatus.FETCHED, robots, "/a.png", Optional.empty());
    assertThat(any.get(Category.TRAIN_AI)).isEqualTo(Preference.DISALLOWED);
    assertThat(any.get(Category.SEARCH)).isEqualTo(Preference.ALLOWED);
  }

  @Test
  void recordGrant_licenseeWithSpace_isRejectedQuotingIt() {
    assertThatThrownBy(() -> RecordGrant.to(Set.of(Use.SEARCH), Set.of("Kangaroo Bot")))
        .isInstanceOf(PublishException.class)
        .hasMessage("licensees: \"Kangaroo Bot\" is not a product token (letters, digits, _ and -)");
  }

  @Test
  void recordGrant_everyoneAndNamed_isRejected() {
    assertThatThrownBy(() -> new RecordGrant(Set.of(Use.SEARCH), true, Set.of("GPTBot")))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("either to everyone or to named licensees");
  }

  @Test
  void grantRecord_relativeUrl_isRejectedQuotingIt() {
    assertThatThrownBy(
            () ->
                new GrantRecord(
                    "X", List.of(), Optional.empty(), URI.create("/licences"),
                    URI.create("https://a.example/p"), URI.create("https://a.example/r")))
        .isInstanceOf(PublishException.class)
        .hasMessage("licenceRequestPage: \"/licences\" is not an absolute http(s) URL");
  }

  @Test
  void written_trainAiGrant_coversTrainGenai() {
    assertThat(SAMPLE.written(Optional.of("gptbot")))
        .containsEntry(Category.TRAIN_GENAI, Preference.ALLOWED)
        .containsEntry(Category.AI_USE, Preference.DISALLOWED)
        .containsEntry(Category.TDM, Preference.DISALLOWED);
  }
}
