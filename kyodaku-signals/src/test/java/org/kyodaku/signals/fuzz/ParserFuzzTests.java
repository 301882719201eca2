package org.kyodaku.signals.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.aipref.ContentUsage;
import org.kyodaku.signals.aitxt.AiTxtReader;
import org.kyodaku.signals.c2pa.C2paReader;
import org.kyodaku.signals.contentsignal.ContentSignal;
import org.kyodaku.signals.embed.EmbedException;
import org.kyodaku.signals.embed.EmbeddedReader;
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
import org.kyodaku.signals.tdmrep.TdmPolicyReader;
import org.kyodaku.signals.tdmrep.TdmRepReader;
import org.kyodaku.signals.xmp.XmpReader;

/**
 * Coverage-guided fuzz targets (Jazzer) for every parser: each may throw only its declared
 * exception, and a document that failed to parse never yields {@code allowed}. Any other
 * exception, or a failed check, is a finding.
 *
 * <p>In a normal build ({@code ./mvnw verify}) each target runs in <em>regression mode</em>: once
 * per stored input under {@code src/test/resources/org/kyodaku/signals/fuzz/ParserFuzzTestsInputs/
 * <target>/} (seeds and past findings) and once with empty input. To fuzz one target for real:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -o -pl kyodaku-signals -am test -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest='ParserFuzzTests#robotsTxt' -Djazzer.max_duration=60s
 * </pre>
 *
 * A crash is written as a new input file there; commit it, fix the parser, and it stays a regression
 * test. The jqwik properties ({@code ParserFuzzProperties}) complement these with mutated fixtures.
 */
class ParserFuzzTests {
  private static final RobotsReader ROBOTS = new RobotsReader(CrawlerTokens.bundled());

  /** Failed evidence never says allowed (the Evidence constructor also enforces it). */
  private static void check(Signals s) {
    for (Evidence e : s.evidence()) {
      if (e.failed() && e.says().containsValue(Preference.ALLOWED)) {
        throw new IllegalStateException("failed evidence says allowed: " + e);
      }
    }
    if (s.verdicts().size() != 5) {
      throw new IllegalStateException("verdicts lack a category: " + s.verdicts());
    }
  }

  @FuzzTest
  void robotsTxt(FuzzedDataProvider data) {
    String path = "/" + data.consumeString(40);
    boolean named = data.consumeBoolean();
    byte[] body = data.consumeRemainingAsBytes();
    check(ROBOTS.read("robots.txt", RobotsStatus.FETCHED, body, path, named ? Optional.of("GPTBot") : Optional.empty()));
  }

  @FuzzTest
  void aiTxt(FuzzedDataProvider data) {
    String path = "/" + data.consumeString(40);
    check(AiTxtReader.read(data.consumeRemainingAsBytes(), path, Optional.empty(), "ai.txt"));
  }

  @FuzzTest
  void structuredFields(byte[] input) {
    try {
      StructuredFields.parseDictionary(new String(input, StandardCharsets.ISO_8859_1));
    } catch (StructuredFieldException expected) {
      // the declared failure
    }
  }

  @FuzzTest
  void contentUsageAndSignal(byte[] input) {
    String s = new String(input, StandardCharsets.UTF_8);
    check(ContentUsage.read(s, "header", "Content-Usage"));
    Evidence e = ContentSignal.read(s, "robots.txt", "line 1");
    if (e.failed() && e.says().containsValue(Preference.ALLOWED)) {
      throw new IllegalStateException("failed Content-Signal says allowed: " + e);
    }
  }

  @FuzzTest
  void json(byte[] input) {
    try {
      Json.parse(new String(input, StandardCharsets.UTF_8));
    } catch (JsonException expected) {
      // the declared failure
    }
  }

  @FuzzTest
  void tdmRep(FuzzedDataProvider data) {
    String path = "/" + data.consumeString(40);
    String json = data.consumeRemainingAsString();
    check(TdmRepReader.wellKnown(json, path, "tdmrep.json").toSignals());
    if (!TdmPolicyReader.read(json, "policy").says().isEmpty()) {
      throw new IllegalStateException("a TDM policy stated a preference");
    }
  }

  @FuzzTest
  void html(byte[] input) {
    check(HtmlReader.read(new String(input, StandardCharsets.UTF_8), Optional.of("img2dataset"), "page"));
  }

  @FuzzTest
  void headers(FuzzedDataProvider data) {
    List<Header> headers = new ArrayList<>();
    String[] names = {"Content-Usage", "tdm-reservation", "tdm-policy", "X-Robots-Tag", "Link"};
    while (data.remainingBytes() > 0 && headers.size() < 16) {
      headers.add(new Header(data.pickValue(names), data.consumeString(120)));
    }
    check(HeaderReader.read(headers, Optional.of("img2dataset"), "resource"));
  }

  @FuzzTest
  void rsl(FuzzedDataProvider data) {
    String path = "/" + data.consumeString(40);
    check(RslReader.read(data.consumeRemainingAsBytes(), path, "rsl.xml"));
  }

  @FuzzTest
  void xmp(byte[] input) {
    check(XmpReader.read(input, "file", "XMP"));
  }

  @FuzzTest
  void c2pa(byte[] input) {
    check(C2paReader.read(input, "file", "JUMBF"));
  }

  @FuzzTest
  void embedded(byte[] input) {
    try {
      check(EmbeddedReader.read(input, "file"));
    } catch (EmbedException expected) {
      // the declared failure: a container whose structure cannot be walked
    }
  }
}
