package org.kyodaku.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kyodaku.signals.aipref.ContentUsage;
import org.kyodaku.signals.aitxt.AiTxtReader;
import org.kyodaku.signals.contentsignal.ContentSignal;
import org.kyodaku.signals.html.HtmlReader;
import org.kyodaku.signals.http.Header;
import org.kyodaku.signals.http.HeaderReader;
import org.kyodaku.signals.json.Json;
import org.kyodaku.signals.json.JsonException;
import org.kyodaku.signals.robots.CrawlerTokens;
import org.kyodaku.signals.robots.RobotsReader;
import org.kyodaku.signals.robots.RobotsStatus;
import org.kyodaku.signals.rsl.RslReader;
import org.kyodaku.signals.sf.StructuredFieldException;
import org.kyodaku.signals.sf.StructuredFields;
import org.kyodaku.signals.tdmrep.TdmRepReader;

/**
 * Random and mutated input to every parser: parsers throw only their declared exception (never
 * NullPointerException, IndexOutOfBoundsException, StackOverflowError…), readers never throw, and a
 * document that failed to parse never yields {@code allowed}. Mutations start from the fixture
 * files of the standard and flip, insert, delete or duplicate bytes with a seeded random generator.
 */
class ParserFuzzProperties {
  private static final RobotsReader ROBOTS = new RobotsReader(CrawlerTokens.bundled());
  private static final String SF_CHARS = "abcxyz09-_.*=,;() \t\"\\:?@%/+!#$&'^`|~ADFYn1y";

  @Provide
  Arbitrary<String> sfText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars(SF_CHARS).ofMaxLength(40),
        Arbitraries.strings().ofMaxLength(20),
        mutatedText("sf", ".sf").map(ParserFuzzProperties::inputLine));
  }

  private static String inputLine(String caseFile) {
    for (String line : caseFile.split("\n")) {
      if (line.startsWith("input: ")) {
        return line.substring(7);
      }
    }
    return caseFile;
  }

  @Provide
  Arbitrary<String> jsonText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("[]{}\":,0123456789.eE+-truefalsnl \\u/").ofMaxLength(60),
        mutatedText("tdmrep", ".json"),
        Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n)));
  }

  @Provide
  Arbitrary<byte[]> robotsBytes() {
    return Arbitraries.oneOf(
        mutated("robots", ".robots.txt"),
        mutated("aitxt", ".txt"),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
  }

  @Provide
  Arbitrary<String> htmlText() {
    return Arbitraries.oneOf(
        mutatedText("html", ".html"),
        Arbitraries.strings().withChars("<>!-/=\"' metaMETAnamecontentlinkrelhref&#;x0robotsnoaitdm-reservation1").ofMaxLength(120));
  }

  @Provide
  Arbitrary<byte[]> rslBytes() {
    return Arbitraries.oneOf(mutated("rsl", ".xml"), Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
  }

  @Provide
  Arbitrary<String> headerValue() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars(SF_CHARS + "<>").ofMaxLength(60),
        Arbitraries.strings().ofMaxLength(30),
        mutatedText("aipref", ".case").map(ParserFuzzProperties::inputLine),
        mutatedText("content-signal", ".case").map(ParserFuzzProperties::inputLine));
  }

  @Property(tries = 500)
  void structuredFields_anyText_throwsOnlyStructuredFieldException(@ForAll("sfText") String s) {
    for (int type = 0; type < 3; type++) {
      try {
        switch (type) {
          case 0 -> StructuredFields.serializeDictionary(StructuredFields.parseDictionary(s));
          case 1 -> StructuredFields.serializeList(StructuredFields.parseList(s));
          default -> StructuredFields.serializeItem(StructuredFields.parseItem(s));
        }
      } catch (StructuredFieldException e) {
        assertThat(e.getMessage()).contains("at offset");
      }
    }
  }

  @Property(tries = 300)
  void json_anyText_throwsOnlyJsonException(@ForAll("jsonText") String s) {
    try {
      Json.parse(s);
    } catch (JsonException e) {
      assertThat(e.offset()).isBetween(0, s.length());
    }
  }

  @Property(tries = 300)
  void contentUsageAndSignal_anyValue_neverThrowAndNeverAllowOnFailure(
      @ForAll("headerValue") String v) {
    Signals s = ContentUsage.read(v, "h", "header");
    if (s.anyFailure()) {
      assertThat(s.verdicts().values()).doesNotContain(Preference.ALLOWED);
    }
    Evidence e = ContentSignal.read(v, "r", "line 1");
    if (e.failed()) {
      assertThat(e.says().values()).doesNotContain(Preference.ALLOWED);
    }
    Signals h =
        HeaderReader.read(
            List.of(new Header("Content-Usage", v), new Header("X-Robots-Tag", v), new Header("Link", v),
                new Header("tdm-reservation", v)),
            Optional.of("GPTBot"),
            "h");
    assertThat(h.verdicts()).hasSize(Category.values().length);
  }

  @Property(tries = 200)
  void robotsAndAiTxt_anyBytes_neverThrow(@ForAll("robotsBytes") byte[] body) {
    for (Optional<String> agent : List.of(Optional.<String>empty(), Optional.of("GPTBot"))) {
      assertThatCode(() -> ROBOTS.read("r", RobotsStatus.FETCHED, body, "/a/b.png?x=1", agent))
          .doesNotThrowAnyException();
      assertThatCode(() -> AiTxtReader.read(body, "/a/b.png", agent, "a")).doesNotThrowAnyException();
    }
  }

  @Property(tries = 300)
  void tdmrepJson_anyText_neverThrowsAndNeverAllowsOnFailure(@ForAll("jsonText") String s) {
    Signals read = TdmRepReader.wellKnown(s, "/x/y.png", "t").toSignals();
    if (read.anyFailure()) {
      assertThat(read.verdicts().values()).doesNotContain(Preference.ALLOWED);
    }
  }

  @Provide
  Arbitrary<String> policyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("[]{}\":,0123456789@typeOfrpmisonactd: ").ofMaxLength(80),
        mutatedText("tdm-policy", ".json"));
  }

  @Property(tries = 300)
  void tdmPolicy_anyText_neverThrowsAndNeverStates(@ForAll("policyText") String s) {
    Evidence e = org.kyodaku.signals.tdmrep.TdmPolicyReader.read(s, "p");
    assertThat(e.says()).isEmpty();
  }

  @Property(tries = 300)
  void html_anyText_neverThrows(@ForAll("htmlText") String html) {
    Signals s = HtmlReader.read(html, Optional.of("img2dataset"), "p");
    assertThat(s.verdicts()).hasSize(Category.values().length);
  }

  @Property(tries = 200)
  void rsl_anyBytes_neverThrowsAndNeverAllowsOnFailure(@ForAll("rslBytes") byte[] xml) {
    Signals s = RslReader.read(xml, "/portfolio/a.png", "r");
    if (s.anyFailure()) {
      assertThat(s.verdicts().values()).containsOnly(Preference.DISALLOWED);
    }
  }

  private static Arbitrary<byte[]> mutated(String standard, String suffix) {
    List<byte[]> seeds = new ArrayList<>();
    for (Path p : Fixtures.files(standard, suffix)) {
      seeds.add(Fixtures.bytes(p));
    }
    return Combinators.combine(Arbitraries.of(seeds), Arbitraries.longs())
        .as((bytes, seed) -> mutate(bytes, new SplittableRandom(seed)));
  }

  private static Arbitrary<String> mutatedText(String standard, String suffix) {
    return mutated(standard, suffix).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  static byte[] mutate(byte[] in, SplittableRandom random) {
    List<Byte> out = new ArrayList<>(in.length + 8);
    for (byte b : in) {
      out.add(b);
    }
    int n = 1 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      int at = out.isEmpty() ? 0 : random.nextInt(out.size());
      switch (random.nextInt(4)) {
        case 0 -> {
          if (!out.isEmpty()) {
            out.set(at, (byte) (out.get(at) ^ (1 << random.nextInt(8))));
          }
        }
        case 1 -> out.add(at, (byte) "<>\"'=,;:()[]{}%*$#/\\ \n\r\t\u0000".charAt(random.nextInt(25)));
        case 2 -> {
          if (!out.isEmpty()) {
            out.remove(at);
          }
        }
        default -> {
          int len = Math.min(out.size() - at, 1 + random.nextInt(16));
          out.addAll(at, new ArrayList<>(out.subList(at, at + len)));
        }
      }
    }
    byte[] bytes = new byte[out.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = out.get(i);
    }
    return bytes;
  }
}
