package org.kyodaku.signals.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kyodaku.core.model.Use;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.aitxt.AiTxtReader;
import org.kyodaku.signals.html.HtmlReader;
import org.kyodaku.signals.http.Header;
import org.kyodaku.signals.http.HeaderReader;
import org.kyodaku.signals.robots.CrawlerTokens;
import org.kyodaku.signals.robots.RobotsReader;
import org.kyodaku.signals.robots.RobotsStatus;
import org.kyodaku.signals.rsl.RslReader;
import org.kyodaku.signals.tdmrep.TdmRepReader;

/**
 * For random grant records, our readers reading our writers' output give back the written verdicts
 * (allowed exactly where granted to everyone, or to the agent in its robots.txt group) for every
 * category the format can express, and never say allowed where the record did not grant.
 */
class RoundTripProperties {
  private static final CrawlerTokens TOKENS = CrawlerTokens.bundled();
  private static final RobotsReader ROBOTS = new RobotsReader(TOKENS);
  private static final List<String> LICENSEES =
      List.of("GPTBot", "ClaudeBot", "OAI-SearchBot", "ChatGPT-User", "CCBot", "ExampleAI");
  private static final String PATH = "/gallery/a.png";

  @Provide
  Arbitrary<GrantRecord> records() {
    Arbitrary<Set<Use>> uses = Arbitraries.subsetOf(Use.values()).ofMinSize(1);
    Arbitrary<RecordGrant> everyone = uses.map(RecordGrant::toEveryone);
    Arbitrary<RecordGrant> named =
        Combinators.combine(uses, Arbitraries.subsetOf(LICENSEES).ofMinSize(1).ofMaxSize(2))
            .as(RecordGrant::to);
    Arbitrary<RecordGrant> grant = Arbitraries.oneOf(everyone, named, named);
    return grant
        .list()
        .ofMaxSize(3)
        .map(
            gs ->
                new GrantRecord(
                    "Holder",
                    gs,
                    Optional.empty(),
                    URI.create("https://h.example/licences"),
                    URI.create("https://h.example/tdm-policy.json"),
                    URI.create("https://h.example/rsl.xml")));
  }

  /** Categories a format must give back exactly, beyond never over-allowing. */
  private static Set<Category> training(GrantRecord r, Optional<String> agent) {
    boolean genaiOnly =
        r.granted(Category.TRAIN_GENAI, agent) && !r.granted(Category.TRAIN_AI, agent);
    return genaiOnly ? EnumSet.noneOf(Category.class) : EnumSet.of(Category.TRAIN_AI);
  }

  private static void check(
      String format, GrantRecord r, Optional<String> agent, Signals read, Set<Category> exact) {
    Map<Category, Preference> written = r.written(agent);
    for (Category c : Category.values()) {
      Preference got = read.get(c);
      if (got == Preference.ALLOWED) {
        assertThat(written.get(c))
            .as("%s says %s allowed for %s, not granted: %s", format, c, agent, r)
            .isEqualTo(Preference.ALLOWED);
      }
      if (exact.contains(c)) {
        assertThat(got).as("%s, %s for %s: %s (%s)", format, c, agent, r, read.evidence()).isEqualTo(written.get(c));
      }
    }
  }

  @Property(tries = 150)
  void robotsTxt_readBack_givesWrittenVerdicts(@ForAll("records") GrantRecord r) {
    byte[] robots = new SignalWriter(r, TOKENS).robotsTxt().getBytes(StandardCharsets.UTF_8);
    List<Optional<String>> agents = new ArrayList<>();
    agents.add(Optional.empty());
    agents.add(Optional.of("SomeUnknownBot"));
    r.licensees().forEach(l -> agents.add(Optional.of(l)));
    for (Optional<String> agent : agents) {
      Signals read = ROBOTS.read("robots.txt", RobotsStatus.FETCHED, robots, PATH, agent);
      // An unknown bot reads the * group, i.e. what everyone is granted.
      Optional<String> as = agent.filter(a -> !a.equals("SomeUnknownBot"));
      EnumSet<Category> exact = EnumSet.of(Category.TRAIN_GENAI, Category.AI_USE, Category.SEARCH);
      exact.addAll(training(r, as));
      check("robots.txt", r, as, read, exact);
    }
  }

  @Property(tries = 150)
  void headers_readBack_givesWrittenVerdicts(@ForAll("records") GrantRecord r) {
    SignalWriter w = new SignalWriter(r, TOKENS);
    List<Header> headers = w.headers();
    check("headers", r, Optional.empty(), HeaderReader.read(headers, Optional.empty(), "h"), EnumSet.of(Category.TDM));
    List<Header> usage = headers.stream().filter(h -> h.is("content-usage")).toList();
    check(
        "Content-Usage",
        r,
        Optional.empty(),
        HeaderReader.read(usage, Optional.empty(), "h"),
        EnumSet.of(Category.TRAIN_GENAI, Category.SEARCH));
  }

  @Property(tries = 150)
  void tdmrepAndHtml_readBack_givesWrittenTdmVerdict(@ForAll("records") GrantRecord r) {
    SignalWriter w = new SignalWriter(r, TOKENS);
    check("tdmrep.json", r, Optional.empty(),
        TdmRepReader.wellKnown(w.tdmrepJson(), PATH, "t").toSignals(), EnumSet.of(Category.TDM));
    check("html", r, Optional.empty(),
        HtmlReader.read("<html><head>" + w.htmlMeta() + "</head></html>", Optional.empty(), "p"),
        EnumSet.of(Category.TDM));
  }

  @Property(tries = 150)
  void aiTxtAndRsl_readBack_givesWrittenVerdicts(@ForAll("records") GrantRecord r) {
    SignalWriter w = new SignalWriter(r, TOKENS);
    Optional<String> everyone = Optional.empty();
    check("ai.txt", r, everyone,
        AiTxtReader.read(w.aiTxt().getBytes(StandardCharsets.UTF_8), PATH, everyone, "a"),
        training(r, everyone));
    EnumSet<Category> rslExact = EnumSet.of(Category.AI_USE, Category.SEARCH);
    rslExact.addAll(training(r, everyone));
    check("rsl", r, everyone,
        RslReader.read(w.rsl().getBytes(StandardCharsets.UTF_8), PATH, "r"), rslExact);
  }

  @Property(tries = 100)
  void allOutputsCombined_neverAllowUngranted(@ForAll("records") GrantRecord r) {
    SignalWriter w = new SignalWriter(r, TOKENS);
    Optional<String> everyone = Optional.empty();
    Signals all =
        Signals.mostRestrictive(
            List.of(
                ROBOTS.read("r", RobotsStatus.FETCHED, w.robotsTxt().getBytes(StandardCharsets.UTF_8), PATH, everyone),
                HeaderReader.read(w.headers(), everyone, "h"),
                TdmRepReader.wellKnown(w.tdmrepJson(), PATH, "t").toSignals(),
                HtmlReader.read("<head>" + w.htmlMeta() + "</head>", everyone, "p"),
                AiTxtReader.read(w.aiTxt().getBytes(StandardCharsets.UTF_8), PATH, everyone, "a"),
                RslReader.read(w.rsl().getBytes(StandardCharsets.UTF_8), PATH, "r")));
    check("combined", r, everyone, all, r.granted(Category.TDM, everyone)
        ? EnumSet.allOf(Category.class) : EnumSet.of(Category.TDM));
    assertThat(all.anyFailure()).isFalse();
  }
}
