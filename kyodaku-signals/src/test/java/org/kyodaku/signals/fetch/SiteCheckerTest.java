package org.kyodaku.signals.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;
import org.kyodaku.signals.embed.EmbeddedWriter;
import org.kyodaku.signals.robots.CrawlerTokens;

/** {@link SiteChecker} against real local sites, friendly and hostile. */
class SiteCheckerTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final Preference A = Preference.ALLOWED;
  static final Preference D = Preference.DISALLOWED;
  static final Preference U = Preference.UNKNOWN;
  static final FetchLimits FAST = FetchLimits.DEFAULT.withTimeout(Duration.ofMillis(1500));

  TestSite site;
  HttpFetcher fetcher;

  @BeforeEach
  void start() throws Exception {
    site = new TestSite();
  }

  @AfterEach
  void stop() {
    if (fetcher != null) {
      fetcher.close();
    }
    site.close();
  }

  SiteCheck check(String path, FetchLimits limits, Optional<String> agent) {
    fetcher = new HttpFetcher(limits, Clock.fixed(NOW, ZoneOffset.UTC), "kyodaku-test");
    return new SiteChecker(fetcher, CrawlerTokens.bundled()).check(site.url(path), agent);
  }

  SiteCheck check(String path) {
    return check(path, FAST, Optional.empty());
  }

  static void assertUses(Signals s, Preference tdm, Preference trainAi, Preference genai, Preference aiUse, Preference search) {
    assertThat(s.verdicts()).as("%s", s.evidence()).isEqualTo(Map.of(Category.TDM, tdm, Category.TRAIN_AI, trainAi,
        Category.TRAIN_GENAI, genai, Category.AI_USE, aiUse, Category.SEARCH, search));
  }

  static boolean hasFailure(SiteCheck c, String fragment) {
    return c.signals().evidence().stream()
        .anyMatch(e -> e.failed() && e.error().orElseThrow().contains(fragment));
  }

  // ---- friendly sites --------------------------------------------------------------------

  @Test
  void check_allowingSite_readsAllowancesWithFetchTimes() {
    site.text("/robots.txt", 200, "text/plain", "User-Agent: *\nAllow: /\nContent-Usage: train-ai=y, search=y\n")
        .text("/a.txt", 200, "text/plain", "hello");
    SiteCheck c = check("/a.txt");
    assertUses(c.signals(), U, U, A, U, A);
    assertThat(c.signals().anyFailure()).isFalse();
    assertThat(c.resourceSha256()).contains("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    assertThat(c.fetches()).extracting(SiteCheck.Fetch::role)
        .containsExactly("robots.txt", "tdmrep.json", "ai.txt", "resource");
    Evidence usage = c.signals().evidence().stream().filter(e -> e.standard() == Standard.AIPREF).findFirst().orElseThrow();
    assertThat(usage.source()).isEqualTo(site.url("/robots.txt").toString());
    assertThat(c.fetchedAt(usage.source())).contains(NOW);
  }

  @Test
  void check_conflictingSignals_mostRestrictiveWins() {
    site.text("/robots.txt", 200, "text/plain",
            "User-Agent: *\nAllow: /\nContent-Usage: train-ai=y, search=y\nContent-Signal: ai-train=no\n")
        .text("/a.html", 200, "text/html; charset=utf-8",
            "<html><head><meta name=\"robots\" content=\"noai\"></head><body>x</body></html>",
            "Content-Usage", "search=y");
    SiteCheck c = check("/a.html");
    assertUses(c.signals(), D, D, D, D, A);
  }

  @Test
  void check_tdmRepLayers_headerZeroOverridesWellKnownOne() {
    site.text("/.well-known/tdmrep.json", 200, "application/json",
            "[{\"location\":\"/\",\"tdm-reservation\":1,\"tdm-policy\":\"/policy.json\"}]")
        .text("/open.txt", 200, "text/plain", "x", "tdm-reservation", "0")
        .text("/closed.txt", 200, "text/plain", "x");
    SiteCheck open = check("/open.txt");
    assertUses(open.signals(), A, A, A, A, A);
    SiteCheck closed = check("/closed.txt");
    assertUses(closed.signals(), D, D, D, D, D);
  }

  @Test
  void check_reservationWithPolicy_fetchesPolicyAsEvidence() {
    site.text("/.well-known/tdmrep.json", 200, "application/json",
            "[{\"location\":\"/\",\"tdm-reservation\":1,\"tdm-policy\":\"/policy.json\"}]")
        .text("/policy.json", 200, "application/ld+json", """
            {"@context":["http://www.w3.org/ns/odrl.jsonld","http://www.w3.org/ns/tdmrep.jsonld"],
             "@type":"Offer","profile":"http://www.w3.org/ns/tdmrep","uid":"https://x.example/p/1",
             "assigner":{"vcard:fn":"Example Collective","vcard:hasURL":"https://x.example/licensing"},
             "permission":[{"action":"tdm:mine","duty":[{"action":"obtainConsent"}]}]}""")
        .text("/a.txt", 200, "text/plain", "x");
    SiteCheck c = check("/a.txt");
    assertUses(c.signals(), D, D, D, D, D);
    assertThat(c.fetches()).extracting(SiteCheck.Fetch::role).contains("tdm-policy");
    assertThat(c.signals().evidence()).anyMatch(e -> e.position().equals("policy")
        && e.value().contains("licensing page https://x.example/licensing") && e.value().contains("obtainConsent"));
  }

  @Test
  void check_rslLicenceFromRobots_prohibitionApplies() {
    site.text("/robots.txt", 200, "text/plain", "License: /licence.xml\nUser-Agent: *\nAllow: /\nContent-Usage: train-ai=y\n")
        .text("/licence.xml", 200, "application/rsl+xml", """
            <rsl xmlns="https://rslstandard.org/rsl"><content url="/"><license>
            <prohibits type="usage">ai-train</prohibits><permits type="usage">search</permits>
            </license></content></rsl>""")
        .text("/a.txt", 200, "text/plain", "x");
    SiteCheck c = check("/a.txt");
    assertThat(c.signals().get(Category.TRAIN_GENAI)).isEqualTo(D);
    assertThat(c.signals().get(Category.SEARCH)).isEqualTo(A);
    assertThat(c.fetches()).extracting(SiteCheck.Fetch::role).contains("rsl");
  }

  @Test
  void check_rslLinkHeaderUnreadable_disallowsEverything() {
    site.text("/a.txt", 200, "text/plain", "x",
        "Link", "</missing.xml>; rel=\"license\"; type=\"application/rsl+xml\"", "Content-Usage", "train-ai=y");
    SiteCheck c = check("/a.txt");
    assertUses(c.signals(), D, D, D, D, D);
    assertThat(hasFailure(c, "RSL licence not readable (HTTP 404")).isTrue();
  }

  @Test
  void check_jpegWithEmbeddedReservation_readsIt() throws Exception {
    String xmp = "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
        + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\""
        + " xmlns:plus=\"http://ns.useplus.org/ldf/xmp/1.0/\"><plus:DataMining>"
        + "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING</plus:DataMining>"
        + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
    byte[] jpeg = EmbeddedWriter.embed(jpeg(), xmp.getBytes(StandardCharsets.UTF_8));
    site.text("/robots.txt", 200, "text/plain", "User-Agent: *\nContent-Usage: train-ai=y, search=y\n")
        .bytes("/a.jpg", "image/jpeg", jpeg);
    SiteCheck c = check("/a.jpg");
    assertThat(c.signals().get(Category.TRAIN_AI)).isEqualTo(D);
    assertThat(c.signals().get(Category.SEARCH)).isEqualTo(A);
  }

  @Test
  void check_agentGroup_appliesOnlyToThatAgent() {
    site.text("/robots.txt", 200, "text/plain", "User-Agent: GPTBot\nDisallow: /\n\nUser-Agent: *\nAllow: /\n")
        .text("/a.txt", 200, "text/plain", "x");
    assertUses(check("/a.txt", FAST, Optional.of("GPTBot")).signals(), D, D, D, D, D);
    SiteCheck any = check("/a.txt");
    assertThat(any.signals().get(Category.TRAIN_AI)).isEqualTo(D);
    assertThat(any.signals().get(Category.SEARCH)).isEqualTo(U);
  }

  @Test
  void check_twoUrlsOfOneOrigin_fetchOriginDocumentsOnce() {
    site.text("/robots.txt", 200, "text/plain", "User-Agent: *\nAllow: /\n")
        .text("/a.txt", 200, "text/plain", "a").text("/b.txt", 200, "text/plain", "b");
    fetcher = new HttpFetcher(FAST, Clock.fixed(NOW, ZoneOffset.UTC), "kyodaku-test");
    SiteChecker checker = new SiteChecker(fetcher, CrawlerTokens.bundled());
    checker.check(site.url("/a.txt"), Optional.empty());
    checker.check(site.url("/b.txt"), Optional.empty());
    assertThat(site.requests()).containsExactly(
        "/robots.txt", "/.well-known/tdmrep.json", "/ai.txt", "/a.txt", "/b.txt");
  }

  // ---- RFC 9309 status semantics ----------------------------------------------------------

  @Test
  void check_robots404_noRulesNoStatement() {
    site.text("/a.txt", 200, "text/plain", "x", "Content-Usage", "train-ai=y");
    SiteCheck c = check("/a.txt");
    assertUses(c.signals(), U, U, A, U, U);
  }

  @Test
  void check_robots500_completeDisallow() {
    site.text("/robots.txt", 503, "text/plain", "down").text("/a.txt", 200, "text/plain", "x", "Content-Usage", "train-ai=y");
    SiteCheck c = check("/a.txt");
    assertUses(c.signals(), D, D, D, D, D);
    assertThat(hasFailure(c, "complete disallow")).isTrue();
  }

  @Test
  void check_robots429_readAsUnreachable() {
    site.text("/robots.txt", 429, "text/plain", "slow down").text("/a.txt", 200, "text/plain", "x");
    assertUses(check("/a.txt").signals(), D, D, D, D, D);
  }

  @Test
  void check_robotsRedirectedOnce_isFollowed() {
    site.redirect("/robots.txt", 301, "/real-robots.txt")
        .text("/real-robots.txt", 200, "text/plain", "User-Agent: *\nDisallow: /private/\n")
        .text("/private/a.txt", 200, "text/plain", "x");
    SiteCheck c = check("/private/a.txt");
    assertUses(c.signals(), D, D, D, D, D);
    assertThat(c.fetches().getFirst().redirects()).containsExactly(site.url("/real-robots.txt"));
  }

  @Test
  void check_robotsRedirectLoop_unreachable() {
    site.redirect("/robots.txt", 302, "/r1").redirect("/r1", 302, "/robots.txt")
        .text("/a.txt", 200, "text/plain", "x", "Content-Usage", "train-ai=y");
    SiteCheck c = check("/a.txt");
    assertUses(c.signals(), D, D, D, D, D);
    assertThat(c.fetches().getFirst().error()).hasValueSatisfying(e -> assertThat(e).contains("redirect loop"));
  }

  @Test
  void check_robotsTooManyRedirects_unreachable() {
    for (int i = 0; i < 8; i++) {
      site.redirect(i == 0 ? "/robots.txt" : "/r" + i, 307, "/r" + (i + 1));
    }
    SiteCheck c = check("/a.txt");
    assertUses(c.signals(), D, D, D, D, D);
    assertThat(c.fetches().getFirst().error()).contains("more than 5 redirects");
    assertThat(c.fetches().getFirst().redirects()).hasSize(5);
  }

  // ---- hostile servers --------------------------------------------------------------------

  @Test
  void check_robotsOverLimit_readsFirst500KiB() {
    StringBuilder b = new StringBuilder("User-Agent: *\nDisallow: /early/\n");
    while (b.length() < 600 * 1024) {
      b.append("# padding padding padding padding padding padding padding padding\n");
    }
    b.append("Disallow: /late/\n");
    site.text("/robots.txt", 200, "text/plain", b.toString())
        .text("/early/a", 200, "text/plain", "x").text("/late/a", 200, "text/plain", "x");
    SiteCheck early = check("/early/a");
    assertUses(early.signals(), D, D, D, D, D);
    assertThat(early.fetches().getFirst().truncated()).isTrue();
    assertThat(early.fetches().getFirst().bytes()).isEqualTo(500 * 1024 + 1);
    assertThat(check("/late/a").signals().get(Category.SEARCH)).isEqualTo(U);
  }

  @Test
  void check_endlessResource_cutAtCapAndNeverAllowed() {
    site.text("/robots.txt", 200, "text/plain", "User-Agent: *\nContent-Usage: train-ai=y\n").endless("/big", "image/png");
    long t0 = System.nanoTime();
    SiteCheck c = check("/big", FAST.withMaxResourceBytes(64 * 1024), Optional.empty());
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(c.fetches().get(3).error()).hasValueSatisfying(e -> assertThat(e).contains("larger than the limit of 65536"));
    assertUses(c.signals(), U, U, U, U, U);
    assertThat(c.resourceSha256()).isEmpty();
  }

  @Test
  void check_declaredHugeResource_refusedBeforeReading() {
    site.on("/huge", (ex, s) -> {
      ex.getResponseHeaders().set("Content-Type", "application/pdf");
      ex.sendResponseHeaders(200, 5L << 30);
      ex.getResponseBody().write("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
      ex.getResponseBody().flush();
      s.awaitClose();
    });
    SiteCheck c = check("/huge", FAST.withMaxResourceBytes(1 << 20), Optional.empty());
    assertThat(c.fetches().get(3).error()).hasValueSatisfying(e -> assertThat(e).contains("larger than the limit"));
  }

  @Test
  void check_stallingRobots_timesOutAsUnreachable() {
    site.stall("/robots.txt", "text/plain").text("/a.txt", 200, "text/plain", "x");
    long t0 = System.nanoTime();
    SiteCheck c = check("/a.txt", FAST.withTimeout(Duration.ofMillis(700)), Optional.empty());
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertUses(c.signals(), D, D, D, D, D);
    assertThat(c.fetches().getFirst().error()).hasValueSatisfying(e -> assertThat(e).contains("within 700 ms"));
  }

  @Test
  void check_silentResource_timesOutAndNothingAllowed() {
    site.text("/robots.txt", 200, "text/plain", "User-Agent: *\nContent-Usage: train-ai=y, search=y\n").silent("/a.txt");
    SiteCheck c = check("/a.txt", FAST.withTimeout(Duration.ofMillis(700)), Optional.empty());
    assertUses(c.signals(), U, U, U, U, U);
    assertThat(hasFailure(c, "resource not read")).isTrue();
    assertThat(c.signals().evidence()).anyMatch(e -> e.value().startsWith("allowed read as unknown for train-genai, search"));
  }

  @Test
  void check_aiTxt500_keepsAllowancesFromBeingRead() {
    site.text("/robots.txt", 200, "text/plain", "User-Agent: *\nContent-Usage: train-ai=y\n")
        .text("/ai.txt", 500, "text/plain", "oops").text("/a.txt", 200, "text/plain", "x");
    SiteCheck c = check("/a.txt");
    assertThat(c.signals().get(Category.TRAIN_GENAI)).isEqualTo(U);
    assertThat(hasFailure(c, "ai.txt could not be fetched (HTTP 500")).isTrue();
  }

  @Test
  void check_garbageEverywhere_neverAllowedNeverThrows() {
    byte[] garbage = new byte[4096];
    new java.util.Random(7).nextBytes(garbage);
    site.bytes("/robots.txt", "text/plain", garbage)
        .bytes("/.well-known/tdmrep.json", "application/json", garbage)
        .bytes("/ai.txt", "text/plain", garbage)
        .bytes("/a.jpg", "image/jpeg", garbage, "Content-Usage", "train-ai=y");
    SiteCheck c = check("/a.jpg");
    assertThat(c.signals().verdicts()).doesNotContainValue(A);
    assertThat(hasFailure(c, "served as image/jpeg but the body is not such a file")).isTrue();
    assertThat(c.signals().evidence()).anyMatch(e -> e.standard() == Standard.TDMREP && e.failed());
  }

  @Test
  void check_tdmrepNotUtf8_failureNotAReadOfReplacementCharacters() {
    // A Latin-1 "é" in a location: decoded leniently it would be a well-formed document.
    byte[] latin1 = "[{\"location\":\"/caf\u00e9/*\",\"tdm-reservation\":0}]".getBytes(StandardCharsets.ISO_8859_1);
    site.bytes("/.well-known/tdmrep.json", "application/json", latin1).text("/a.txt", 200, "text/plain", "x");
    SiteCheck c = check("/a.txt");
    assertThat(hasFailure(c, "tdmrep.json is not UTF-8 text; treated as unset")).isTrue();
    assertThat(c.signals().verdicts()).doesNotContainValue(A);
  }

  @Test
  void check_tdmrepServedAsHtml_isSoftNotFound() {
    site.text("/.well-known/tdmrep.json", 200, "text/html", "<html>not here</html>")
        .text("/a.txt", 200, "text/plain", "x");
    SiteCheck c = check("/a.txt");
    assertThat(c.signals().anyFailure()).isFalse();
    assertThat(c.signals().evidence()).anyMatch(e -> e.value().contains("not a tdmrep.json"));
  }

  @Test
  void check_gzipDespiteIdentity_refused() {
    site.text("/a.txt", 200, "text/plain", "x", "Content-Encoding", "gzip");
    SiteCheck c = check("/a.txt");
    assertThat(c.fetches().get(3).error()).hasValueSatisfying(e -> assertThat(e).contains("content coding \"gzip\""));
  }

  @Test
  void check_redirectToOtherScheme_refused() {
    site.redirect("/a.txt", 302, "file:///etc/passwd");
    SiteCheck c = check("/a.txt");
    assertThat(c.fetches().get(3).error()).hasValueSatisfying(e -> assertThat(e).contains("redirect refused"));
  }

  @Test
  void check_nobodyListening_everythingUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    fetcher = new HttpFetcher(FAST, Clock.fixed(NOW, ZoneOffset.UTC), "kyodaku-test");
    SiteCheck c = new SiteChecker(fetcher, CrawlerTokens.bundled())
        .check(URI.create("http://127.0.0.1:" + port + "/a.txt"), Optional.empty());
    assertUses(c.signals(), D, D, D, D, D);
    assertThat(c.fetches()).allMatch(f -> f.outcome() == Fetched.Outcome.FAILED);
  }

  @Test
  void check_notHttp_throwsFetchException() {
    fetcher = new HttpFetcher(FAST, Clock.fixed(NOW, ZoneOffset.UTC), "kyodaku-test");
    SiteChecker checker = new SiteChecker(fetcher, CrawlerTokens.bundled());
    assertThatThrownBy(() -> checker.check(URI.create("ftp://x.example/a"), Optional.empty()))
        .isInstanceOf(FetchException.class).hasMessageContaining("\"ftp://x.example/a\"");
    assertThatThrownBy(() -> checker.check(URI.create("/relative"), Optional.empty()))
        .isInstanceOf(FetchException.class);
  }

  static byte[] jpeg() throws Exception {
    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpg", out);
    return out.toByteArray();
  }
}
