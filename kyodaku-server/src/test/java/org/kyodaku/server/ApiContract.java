package org.kyodaku.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.server.ApiClient.Reply;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/**
 * What the HTTP API must do, run once on the embedded store and once on a real PostgreSQL server.
 * Every test starts the real server on a free port over a fresh database, with a clock that moves
 * only when the test moves it; failures are checked as RFC 9457 problems and, for acts that write,
 * as leaving every listing exactly as it was.
 */
abstract class ApiContract {
  /** Deliberately finer than microseconds: the registry keeps microseconds and must truncate. */
  static final Instant T0 = Instant.parse("2026-04-01T00:00:00.123456789Z");

  static final String VALID_USES = "train-ai, train-genai, ai-use, search";
  static final String PROBLEM_TYPES = "https://kyodaku.org/problems/";
  static final ObjectMapper JSON = new ObjectMapper();
  static final OpenApiDocument OPENAPI = OpenApiDocument.load();

  /** A party created through the API, with the only copy of its token. */
  record Account(String id, String token) {}

  final MutableClock clock = new MutableClock(T0);
  String databaseUrl;
  JdbcRegistryStore store;
  RegistryService registry;
  KyodakuServer server;
  ApiClient api;
  Account admin;

  /** A fresh, empty database's JDBC URL. */
  abstract String newDatabaseUrl();

  @BeforeEach
  void startServer() {
    databaseUrl = newDatabaseUrl();
    open(databaseUrl);
    var bootstrapped = registry.bootstrapAdmin().orElseThrow();
    admin = new Account(bootstrapped.party().id(), bootstrapped.token());
  }

  @AfterEach
  void stopServer() {
    server.close();
    store.close();
  }

  private void open(String url) {
    store = new JdbcRegistryStore(Database.open(url, 8));
    // The similarity index is rebuilt from the store, as `kyodaku serve` does at every start.
    var index = org.kyodaku.index.registry.RegistryIndex.rebuild(store, org.kyodaku.index.registry.RegistryIndex.DEFAULT_RADII);
    // Videos through the frame index and the store, as `kyodaku serve` finds them.
    var videos =
        new org.kyodaku.fingerprint.vpdq.IndexedVideos(
            org.kyodaku.index.registry.VideoFrameIndex.rebuild(store, org.kyodaku.index.registry.VideoFrameIndex.DEFAULT_RADIUS),
            store::assetsOf,
            org.kyodaku.fingerprint.vpdq.VpdqThresholds.reference());
    registry =
        new RegistryService(
            store,
            index,
            videos,
            org.kyodaku.core.registry.ConsentLog.NONE,
            org.kyodaku.core.registry.ReceiptSource.NONE,
            clock,
            new SecureRandom());
    server = KyodakuServer.start(registry, new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY));
    api = new ApiClient(server.baseUrl());
  }

  // ---- health and the document ----------------------------------------------------------------

  @Test
  void health_storeAnswers_200StatusOk() {
    Reply r = api.get("/health");
    assertThat(ok(r, 200)).isEqualTo(JSON.createObjectNode().put("status", "ok"));
  }

  @Test
  void openapiJson_get_200OpenApi31Document() {
    JsonNode doc = ok(api.get("/openapi.json"), 200);
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc).isEqualTo(OPENAPI.root());
  }

  // ---- the walkthrough ------------------------------------------------------------------------

  @Test
  void walkthrough_registerGrantDecideRevoke_answersFollowTheRules() {
    // An admin creates a creator and an AI developer.
    Reply created = api.as(admin.token()).post("/parties", """
        {"kind": "creator", "name": "山田 花子"}""");
    JsonNode creatorJson = ok(created, 201);
    OPENAPI.assertShape(creatorJson, "CreatedParty");
    assertThat(creatorJson.get("kind").asText()).isEqualTo("creator");
    assertThat(creatorJson.get("name").asText()).isEqualTo("山田 花子");
    // Acts get strictly increasing instants (RegistryService orders acts and decisions), so a
    // second act at the same clock reading is recorded a microsecond later.
    assertThat(java.time.Instant.parse(creatorJson.get("createdAt").asText()))
        .isBetween(T0, T0.plusMillis(1));
    assertThat(creatorJson.get("token").asText()).startsWith("kyo_");
    Account creator = new Account(creatorJson.get("id").asText(), creatorJson.get("token").asText());
    Account licensee = party("licensee", "Example AI Lab");

    JsonNode me = ok(api.as(creator.token()).get("/me"), 200);
    OPENAPI.assertShape(me, "Party");
    assertThat(me.get("id").asText()).isEqualTo(creator.id());
    assertThat(me.get("name").asText()).isEqualTo("山田 花子");

    // The creator registers a work with two assets; upper-case hex is accepted and normalised.
    // (A minute later: acts at one clock reading get instants a microsecond apart.)
    Instant registered = clock.advance(Duration.ofMinutes(1));
    String cover = sha("桜の下で/cover.png");
    String page = sha("桜の下で/page-1.png");
    JsonNode work = ok(api.as(creator.token()).post("/works", """
        {"title": "桜の下で", "kind": "image",
         "assets": [{"file": "cover.png", "sha256": "%s"}, {"sha256": "%s"}]}"""
        .formatted(cover.toUpperCase(), page)), 201);
    OPENAPI.assertShape(work, "RegisteredWork");
    assertThat(work.get("conflicts")).isEmpty();
    String workId = work.get("id").asText();
    assertThat(workId).startsWith("w_");
    assertThat(work.get("title").asText()).isEqualTo("桜の下で");
    assertThat(work.get("owner").asText()).isEqualTo(creator.id());
    assertThat(work.get("registeredAt").asText()).isEqualTo(text(registered));
    assertThat(work.get("assets")).hasSize(2);
    assertThat(work.at("/assets/0/sha256").asText()).isEqualTo(cover);
    assertThat(work.at("/assets/0/file").asText()).isEqualTo("cover.png");
    assertThat(work.at("/assets/1/file").isNull()).isTrue();
    JsonNode shown = ok(api.as(creator.token()).get("/works/" + workId), 200);
    OPENAPI.assertShape(shown, "WorkWithAssets");
    assertThat(shown).isEqualTo(((com.fasterxml.jackson.databind.node.ObjectNode) work.deepCopy()).without("conflicts"));

    // Registered, nobody authorised: deny, no-grant, naming the work.
    JsonNode before = decide(licensee, """
        {"licensee": "%s", "use": "train-ai", "sha256": "%s"}""".formatted(licensee.id(), cover));
    assertThat(before.get("sha256").asText()).isEqualTo(cover);
    assertDecision(before, "deny", "no-grant", workId);
    assertThat(before.get("grant").isNull()).isTrue();
    assertThat(before.get("matchedWorks")).containsExactly(JSON.getNodeFactory().textNode(workId));
    assertThat(before.get("profile").asText()).isEqualTo("opt-in");
    assertThat(before.get("licensee").asText()).isEqualTo(licensee.id());
    assertThat(before.get("use").asText()).isEqualTo("train-ai");
    assertThat(before.get("at").asText()).isEqualTo(text(registered));
    assertThat(before.get("territory").isNull()).isTrue();

    // The creator grants train-ai on the work to the licensee.
    Instant issued = clock.advance(Duration.ofMinutes(1));
    JsonNode grant = ok(api.as(creator.token()).post("/grants", """
        {"licensee": "%s", "uses": ["train-ai"], "works": ["%s"],
         "termsUrl": "https://example.jp/terms"}""".formatted(licensee.id(), workId)), 201);
    OPENAPI.assertShape(grant, "Grant");
    String grantId = grant.get("id").asText();
    assertThat(grant.get("grantor").asText()).isEqualTo(creator.id());
    assertThat(grant.get("licensee").asText()).isEqualTo(licensee.id());
    assertThat(grant.get("uses")).containsExactly(JSON.getNodeFactory().textNode("train-ai"));
    assertThat(grant.get("allWorks").asBoolean()).isFalse();
    assertThat(grant.get("issuedAt").asText()).isEqualTo(text(issued));
    assertThat(grant.get("validFrom").asText()).isEqualTo(text(issued));
    assertThat(grant.get("revocation").isNull()).isTrue();

    // train-ai covers train-genai; it does not cover search; unknown content is never cleared.
    Instant cleared = clock.advance(Duration.ofMinutes(1));
    String genai = """
        {"licensee": "%s", "use": "train-genai", "sha256": "%s"}""".formatted(licensee.id(), page);
    JsonNode allowed = decide(licensee, genai);
    assertDecision(allowed, "allow", "grant", workId);
    assertThat(allowed.get("grant").asText()).isEqualTo(grantId);
    assertThat(allowed.get("at").asText()).isEqualTo(text(cleared));
    assertDecision(decide(licensee, """
        {"licensee": "%s", "use": "search", "sha256": "%s"}""".formatted(licensee.id(), page)),
        "deny", "no-grant", workId);
    JsonNode unknown = decide(licensee, """
        {"licensee": "%s", "use": "train-ai", "sha256": "%s"}""".formatted(licensee.id(), sha("not registered")));
    assertThat(unknown.get("decision").asText()).isEqualTo("deny");
    assertThat(unknown.get("basis").asText()).isEqualTo("unregistered");
    assertThat(unknown.get("work").isNull()).isTrue();
    assertThat(unknown.get("matchedWorks")).isEmpty();
    JsonNode byWork = decide(licensee, """
        {"licensee": "%s", "use": "train-ai", "work": "%s"}""".formatted(licensee.id(), workId));
    assertThat(byWork.get("subjectWork").asText()).isEqualTo(workId);
    assertDecision(byWork, "allow", "grant", workId);

    // Revocation applies from its instant on; what was cleared before stays cleared then.
    Instant revoked = clock.advance(Duration.ofMinutes(1));
    JsonNode revokedGrant = ok(api.as(creator.token()).post("/grants/" + grantId + "/revoke", """
        {"reason": "契約終了"}"""), 200);
    OPENAPI.assertShape(revokedGrant, "Grant");
    OPENAPI.assertShape(revokedGrant.get("revocation"), "Revocation");
    assertThat(revokedGrant.at("/revocation/revokedAt").asText()).isEqualTo(text(revoked));
    assertThat(revokedGrant.at("/revocation/revokedBy").asText()).isEqualTo(creator.id());
    assertThat(revokedGrant.at("/revocation/reason").asText()).isEqualTo("契約終了");
    assertThat(ok(api.as(licensee.token()).get("/grants/" + grantId), 200)).isEqualTo(revokedGrant);

    clock.advance(Duration.ofMinutes(1));
    assertDecision(decide(licensee, genai), "deny", "no-grant", workId);
    String asOf = """
        {"licensee": "%s", "use": "train-genai", "sha256": "%s", "at": "%s"}""";
    JsonNode then = decide(licensee, asOf.formatted(licensee.id(), page, text(cleared)));
    assertThat(then).isEqualTo(allowed);
    assertDecision(decide(licensee, asOf.formatted(licensee.id(), page, text(revoked))), "deny", "no-grant", workId);
    assertDecision(decide(licensee, asOf.formatted(licensee.id(), page, text(registered))), "deny", "no-grant", workId);

    JsonNode twice = rejected(
        () -> api.as(creator.token()).post("/grants/" + grantId + "/revoke", "{}"), 409, "conflict");
    assertThat(twice.get("detail").asText()).contains(grantId, text(revoked));
  }

  // ---- resemblance ----------------------------------------------------------------------------

  static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

  /** {@link #PDQ} with its first {@code bits} bits flipped. */
  static String pdqFlipped(int bits) {
    java.math.BigInteger v = new java.math.BigInteger(PDQ, 16);
    for (int i = 0; i < bits; i++) {
      v = v.flipBit(255 - i);
    }
    return String.format("%064x", v);
  }

  String registerImage(Account owner, String title, String sha, String pdq) {
    return ok(api.as(owner.token()).post("/works", """
        {"title": "%s", "assets": [{"sha256": "%s", "fingerprints": [{"algorithm": "pdq-v1", "value": "%s"}]}]}"""
        .formatted(title, sha, pdq)), 201).get("id").asText();
  }

  @Test
  void decide_contentResemblingGrantedImage_deniesNearMatchWithDistance() {
    Account creator = party("creator", "絵師");
    Account lab = party("licensee", "Lab");
    String work = registerImage(creator, "海", sha("sea.png"), PDQ);
    ok(api.as(creator.token()).post("/grants", """
        {"licensee": "%s", "uses": ["train-ai"], "allWorks": true}""".formatted(lab.id())), 201);
    clock.advance(Duration.ofSeconds(1));

    JsonNode resized = decide(lab, """
        {"licensee": "%s", "use": "train-ai", "sha256": "%s",
         "fingerprints": [{"algorithm": "pdq-v1", "value": "%s"}]}""".formatted(lab.id(), sha("sea-resized.png"), pdqFlipped(5)));
    OPENAPI.assertShape(resized, "Decision");
    assertDecision(resized, "deny", "near-match", work);
    assertThat(resized.at("/evidence/0/algorithm").asText()).isEqualTo("pdq-v1");
    assertThat(resized.at("/evidence/0/distance").asInt()).isEqualTo(5);

    JsonNode original = decide(lab, """
        {"licensee": "%s", "use": "train-ai", "sha256": "%s",
         "fingerprints": [{"algorithm": "pdq-v1", "value": "%s"}]}""".formatted(lab.id(), sha("sea.png"), PDQ));
    assertDecision(original, "allow", "grant", work);
    assertThat(original.get("evidence").findValuesAsText("algorithm")).contains("sha256", "pdq-v1");

    JsonNode far = decide(lab, """
        {"licensee": "%s", "use": "train-ai", "fingerprints": [{"algorithm": "pdq-v1", "value": "%s"}]}"""
        .formatted(lab.id(), pdqFlipped(32)));
    assertThat(far.get("basis").asText()).isEqualTo("unregistered");
  }

  @Test
  void registerWork_resemblingAnotherOwnersImage_reportsConflictAndDisputes() {
    Account studio = party("rights-holder", "Studio");
    Account copier = party("creator", "Someone else");
    Account lab = party("licensee", "Lab");
    String original = registerImage(studio, "Original", sha("orig.png"), PDQ);
    JsonNode copy = ok(api.as(copier.token()).post("/works", """
        {"title": "Copy", "assets": [{"sha256": "%s", "fingerprints": [{"algorithm": "pdq-v1", "value": "%s"}]}]}"""
        .formatted(sha("copy.png"), pdqFlipped(3))), 201);
    OPENAPI.assertShape(copy, "RegisteredWork");
    assertThat(copy.at("/conflicts/0/work").asText()).isEqualTo(original);
    assertThat(copy.at("/conflicts/0/owner").asText()).isEqualTo(studio.id());
    assertThat(copy.at("/conflicts/0/distance").asInt()).isEqualTo(3);
    clock.advance(Duration.ofSeconds(1));
    JsonNode d = decide(lab, """
        {"licensee": "%s", "use": "train-ai", "sha256": "%s"}""".formatted(lab.id(), sha("orig.png")));
    assertThat(d.get("basis").asText()).isEqualTo("no-grant");
    JsonNode both = decide(lab, """
        {"licensee": "%s", "use": "train-ai", "sha256": "%s", "fingerprints": [{"algorithm": "pdq-v1", "value": "%s"}]}"""
        .formatted(lab.id(), sha("orig.png"), PDQ));
    assertThat(both.get("basis").asText()).isEqualTo("disputed");
  }

  // ---- videos by their frame hashes (vPDQ) ----------------------------------------------------

  /** {@code count} frame hashes, frame i made from {@code seed + i}, first {@code flipped} bits flipped. */
  static ObjectNode vpdq(String seed, int from, int count, int flipped) {
    ObjectNode v = JSON.createObjectNode().put("algorithm", "vpdq-v1").put("framesPerSecond", 29.97);
    ArrayNode frames = v.putArray("frames");
    for (int i = 0; i < count; i++) {
      java.math.BigInteger h = new java.math.BigInteger(sha(seed + (from + i)), 16);
      for (int b = 0; b < flipped; b++) {
        h = h.flipBit(255 - b);
      }
      frames.addObject().put("frame", i * 29).put("quality", 100).put("pdq", String.format("%064x", h));
    }
    return v;
  }

  String registerVideo(Account owner, String title, String sha, ObjectNode frames) {
    ObjectNode body = JSON.createObjectNode().put("title", title).put("kind", "video");
    body.putArray("assets").addObject().put("file", "clip.mp4").put("sha256", sha).set("vpdq", frames);
    JsonNode work = ok(api.as(owner.token()).post("/works", body.toString()), 201);
    OPENAPI.assertShape(work, "RegisteredWork");
    return work.get("id").asText();
  }

  JsonNode decideVideo(Account lab, String sha, ObjectNode frames) {
    ObjectNode q = JSON.createObjectNode().put("licensee", lab.id()).put("use", "train-ai");
    if (sha != null) {
      q.put("sha256", sha);
    }
    q.set("vpdq", frames);
    return decide(lab, q.toString());
  }

  @Test
  void decide_videoByFrames_nearMatchNeverAllowsAndReportsBothShares() {
    Account studio = party("rights-holder", "アニメ制作会社");
    Account lab = party("licensee", "Lab");
    String work = registerVideo(studio, "第1話", sha("ep1.mp4"), vpdq("ep1-", 0, 10, 0));
    ok(api.as(studio.token()).post("/grants", """
        {"licensee": "%s", "uses": ["train-ai"], "allWorks": true}""".formatted(lab.id())), 201);
    clock.advance(Duration.ofSeconds(1));

    // The registered file itself: allowed by the grant; the frames agree and say so.
    JsonNode exact = decideVideo(lab, sha("ep1.mp4"), vpdq("ep1-", 0, 10, 0));
    assertDecision(exact, "allow", "grant", work);
    assertThat(exact.get("evidence").findValuesAsText("algorithm")).containsExactly("sha256", "vpdq-v1");
    assertThat(exact.at("/evidence/1/queryMatchPercent").asDouble()).isEqualTo(100.0);
    assertThat(exact.at("/evidence/1/registeredMatchPercent").asDouble()).isEqualTo(100.0);
    assertThat(exact.at("/evidence/0/queryMatchPercent").isMissingNode()).isTrue();

    // A re-encode: other bytes, frames a few bits away. Found, denied as a resemblance.
    JsonNode reencoded = decideVideo(lab, sha("ep1-reencoded.mp4"), vpdq("ep1-", 0, 10, 3));
    assertDecision(reencoded, "deny", "near-match", work);
    assertThat(reencoded.at("/evidence/0/algorithm").asText()).isEqualTo("vpdq-v1");
    assertThat(reencoded.at("/evidence/0/distance").asInt()).isEqualTo(3);
    assertThat(reencoded.at("/evidence/0/registeredMatchPercent").asDouble()).isEqualTo(100.0);

    // A compilation holding the whole episode and as much again: half of it is the episode.
    ObjectNode longer = vpdq("ep1-", 0, 10, 0);
    ((ArrayNode) longer.get("frames")).addAll((ArrayNode) vpdq("other-", 0, 10, 0).get("frames"));
    for (int i = 0; i < 20; i++) {
      ((ObjectNode) longer.get("frames").get(i)).put("frame", i * 29);
    }
    JsonNode compilation = decideVideo(lab, null, longer);
    assertDecision(compilation, "deny", "near-match", work);
    assertThat(compilation.at("/evidence/0/queryMatchPercent").asDouble()).isEqualTo(50.0);
    assertThat(compilation.at("/evidence/0/registeredMatchPercent").asDouble()).isEqualTo(100.0);

    // Two of ten frames is too little of the episode (reference threshold: 80 %).
    assertThat(decideVideo(lab, null, vpdq("ep1-", 0, 2, 0)).get("basis").asText()).isEqualTo("unregistered");
    assertThat(decideVideo(lab, null, vpdq("other-", 0, 10, 0)).get("basis").asText()).isEqualTo("unregistered");
  }

  @Test
  void registerWork_videoOfAnotherOwner_conflictAndDisputed() {
    Account studio = party("rights-holder", "Studio");
    Account copier = party("creator", "Someone else");
    Account lab = party("licensee", "Lab");
    String original = registerVideo(studio, "Original", sha("orig.mp4"), vpdq("orig-", 0, 8, 0));
    ObjectNode body = JSON.createObjectNode().put("title", "Copy").put("kind", "video");
    body.putArray("assets").addObject().put("sha256", sha("copy.mp4")).set("vpdq", vpdq("orig-", 0, 8, 2));
    JsonNode copy = ok(api.as(copier.token()).post("/works", body.toString()), 201);
    assertThat(copy.at("/conflicts/0/work").asText()).isEqualTo(original);
    assertThat(copy.at("/conflicts/0/algorithm").asText()).isEqualTo("vpdq-v1");
    assertThat(copy.at("/conflicts/0/distance").asInt()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));

    assertThat(decideVideo(lab, null, vpdq("orig-", 0, 8, 1)).get("basis").asText()).isEqualTo("disputed");
  }

  @Test
  void registerWork_malformedFrames_400NamingTheFrame() {
    Account creator = party("creator", "作者");
    ObjectNode outOfOrder = vpdq("x-", 0, 3, 0);
    ((ObjectNode) outOfOrder.get("frames").get(2)).put("frame", 0);
    ObjectNode body = JSON.createObjectNode().put("title", "t").put("kind", "video");
    body.putArray("assets").addObject().put("sha256", sha("x")).set("vpdq", outOfOrder);
    JsonNode p = rejected(() -> api.as(creator.token()).post("/works", body.toString()), 400, "invalid-request");
    assertThat(p.get("field").asText()).isEqualTo("assets[0].vpdq.frames[2].frame");
    assertThat(p.get("detail").asText()).contains("must increase, got 0 after 29");

    ObjectNode badQuality = vpdq("x-", 0, 1, 0);
    ((ObjectNode) badQuality.get("frames").get(0)).put("quality", 101);
    body.withArray("assets").removeAll();
    body.withArray("assets").addObject().put("sha256", sha("x")).set("vpdq", badQuality);
    p = rejected(() -> api.as(creator.token()).post("/works", body.toString()), 400, "invalid-request");
    assertThat(p.get("field").asText()).isEqualTo("assets[0].vpdq.frames[0]");
    assertThat(p.get("detail").asText()).contains("0..100, got 101");

    ObjectNode unknown = vpdq("x-", 0, 1, 0).put("algorithm", "tmk-v1");
    p = rejected(() -> api.as(creator.token()).post("/decisions", JSON.createObjectNode()
        .put("licensee", creator.id()).put("use", "train-ai").set("vpdq", unknown).toString()), 400, "invalid-request");
    assertThat(p.get("field").asText()).isEqualTo("vpdq.algorithm");
  }

  @Test
  void restart_videoFrames_foundAgainAfterRebuild() {
    Account studio = party("rights-holder", "Studio");
    Account lab = party("licensee", "Lab");
    String work = registerVideo(studio, "長編", sha("film.mp4"), vpdq("film-", 0, 12, 0));
    clock.advance(Duration.ofSeconds(1));

    server.close();
    store.close();
    open(databaseUrl);

    JsonNode d = decideVideo(lab, null, vpdq("film-", 0, 12, 4));
    assertDecision(d, "deny", "no-grant", work);
    assertThat(d.at("/evidence/0/registeredMatchPercent").asDouble()).isEqualTo(100.0);
    JsonNode shown = ok(api.as(studio.token()).get("/works/" + work), 200);
    OPENAPI.assertShape(shown, "WorkWithAssets");
    assertThat(shown.at("/assets/0/vpdq/hashedFrames").asInt()).isEqualTo(12);
    assertThat(shown.at("/assets/0/vpdq/algorithm").asText()).isEqualTo("vpdq-v1");
    assertThat(shown.at("/assets/0/vpdq/framesDigest").asText()).matches("[0-9a-f]{64}");
  }

  @Test
  void registerWork_unknownFingerprintAlgorithm_400ListingKnown() {
    Account creator = party("creator", "作者");
    JsonNode p = rejected(() -> api.as(creator.token()).post("/works", """
        {"title": "t", "assets": [{"sha256": "%s", "fingerprints": [{"algorithm": "md5", "value": "00ff"}]}]}"""
        .formatted(sha("x"))), 400, "invalid-request");
    assertThat(p.get("detail").asText()).contains("md5").contains("pdq-v1");
    assertThat(p.get("field").asText()).isEqualTo("assets[0].fingerprints[0]");
  }

  // ---- grant scope ----------------------------------------------------------------------------

  @Test
  void grant_toEveryone_coversAnyLicenseeAndLaterWorks() {
    Account studio = party("rights-holder", "スタジオ・カゼ");
    Account labA = party("licensee", "Lab A");
    Account labB = party("licensee", "Lab B");
    String early = registerWork(studio, "風の谷の少女", sha("early"));
    JsonNode grant = ok(api.as(studio.token()).post("/grants", """
        {"licensee": "everyone", "uses": ["search"], "allWorks": true}"""), 201);
    assertThat(grant.get("licensee").asText()).isEqualTo("everyone");
    assertThat(grant.get("allWorks").asBoolean()).isTrue();
    assertThat(grant.get("works")).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    String later = registerWork(studio, "続編", sha("later"));
    clock.advance(Duration.ofSeconds(1));

    for (Account lab : List.of(labA, labB)) {
      assertDecision(decide(lab, """
          {"licensee": "%s", "use": "search", "sha256": "%s"}""".formatted(lab.id(), sha("early"))),
          "allow", "grant", early);
      assertDecision(decide(lab, """
          {"licensee": "%s", "use": "search", "sha256": "%s"}""".formatted(lab.id(), sha("later"))),
          "allow", "grant", later);
      assertDecision(decide(lab, """
          {"licensee": "%s", "use": "ai-use", "sha256": "%s"}""".formatted(lab.id(), sha("early"))),
          "deny", "no-grant", early);
    }
  }

  @Test
  void grant_limitedToTerritory_allowsOnlyWhereNamed() {
    Account creator = party("creator", "佐藤 健");
    Account lab = party("licensee", "Lab");
    String work = registerWork(creator, "東京の夜", sha("tokyo"));
    JsonNode grant = ok(api.as(creator.token()).post("/grants", """
        {"licensee": "%s", "uses": ["train-genai"], "works": ["%s"], "territories": ["jp"]}"""
        .formatted(lab.id(), work)), 201);
    assertThat(grant.get("territories")).containsExactly(JSON.getNodeFactory().textNode("JP"));
    clock.advance(Duration.ofSeconds(1));

    String question = """
        {"licensee": "%s", "use": "train-genai", "sha256": "%s"%s}""";
    JsonNode inJapan = decide(lab, question.formatted(lab.id(), sha("tokyo"), ", \"territory\": \"JP\""));
    assertDecision(inJapan, "allow", "grant", work);
    assertThat(inJapan.get("territory").asText()).isEqualTo("JP");
    assertDecision(decide(lab, question.formatted(lab.id(), sha("tokyo"), ", \"territory\": \"jp\"")), "allow", "grant", work);
    assertDecision(decide(lab, question.formatted(lab.id(), sha("tokyo"), ", \"territory\": \"FR\"")), "deny", "no-grant", work);
    assertDecision(decide(lab, question.formatted(lab.id(), sha("tokyo"), "")), "deny", "no-grant", work);
  }

  @Test
  void decide_sameContentClaimedByTwoRightsHolders_denyDisputed() {
    Account first = party("creator", "鈴木 一郎");
    Account second = party("rights-holder", "Other Studio");
    Account lab = party("licensee", "Lab");
    String content = sha("contested.png");
    String firstWork = registerWork(first, "争われる絵", content);
    ok(api.as(first.token()).post("/grants", """
        {"licensee": "%s", "uses": ["train-ai"], "works": ["%s"]}""".formatted(lab.id(), firstWork)), 201);
    Instant beforeClaim = clock.advance(Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(1));
    String secondWork = registerWork(second, "Same picture", content);
    clock.advance(Duration.ofMinutes(1));

    JsonNode d = decide(lab, """
        {"licensee": "%s", "use": "train-ai", "sha256": "%s"}""".formatted(lab.id(), content));
    List<String> both = new ArrayList<>(List.of(firstWork, secondWork));
    both.sort(null);
    assertDecision(d, "deny", "disputed", both.getFirst());
    assertThat(d.get("grant").isNull()).isTrue();
    assertThat(d.get("matchedWorks")).extracting(JsonNode::asText).containsExactlyElementsOf(both);
    // Before the second claim existed, the first owner's grant cleared it.
    assertDecision(decide(lab, """
        {"licensee": "%s", "use": "train-ai", "sha256": "%s", "at": "%s"}"""
        .formatted(lab.id(), content, text(beforeClaim))), "allow", "grant", firstWork);
  }

  // ---- batch decisions ------------------------------------------------------------------------

  @Test
  void decideBatch_tenThousandItems_oneDecisionPerItemInOrder() {
    Account studio = party("rights-holder", "大手出版社");
    Account lab = party("licensee", "Lab");
    ArrayNode assets = JSON.createArrayNode();
    for (int i = 0; i < RegistryService.MAX_BATCH; i += 100) {
      assets.addObject().put("sha256", batchSha(i));
    }
    ObjectNode newWork = JSON.createObjectNode().put("title", "カタログ");
    newWork.set("assets", assets);
    String work = ok(api.as(studio.token()).post("/works", newWork.toString()), 201).get("id").asText();
    ok(api.as(studio.token()).post("/grants", """
        {"licensee": "%s", "uses": ["train-ai"], "works": ["%s"]}""".formatted(lab.id(), work)), 201);
    clock.advance(Duration.ofSeconds(1));

    ObjectNode batch = question(lab, "train-genai");
    ArrayNode items = batch.putArray("items");
    for (int i = 0; i < RegistryService.MAX_BATCH; i++) {
      if (i % 1000 == 999) {
        items.addObject().put("work", work);
      } else {
        items.addObject().put("sha256", batchSha(i));
      }
    }
    JsonNode out = ok(api.as(lab.token()).post("/decisions/batch", batch.toString()), 200);
    OPENAPI.assertShape(out, "BatchDecisions");
    assertThat(out.get("count").asInt()).isEqualTo(10_000);
    assertThat(out.get("allowed").asInt()).isEqualTo(100 + 10);
    JsonNode decisions = out.get("decisions");
    assertThat(decisions).hasSize(10_000);
    for (int i = 0; i < 10_000; i++) {
      JsonNode d = decisions.get(i);
      assertThat(d.get("index").asInt()).isEqualTo(i);
      if (i % 1000 == 999) {
        assertThat(d.get("subjectWork").asText()).isEqualTo(work);
        assertDecision(d, "allow", "grant", work);
      } else if (i % 100 == 0) {
        assertThat(d.get("sha256").asText()).isEqualTo(batchSha(i));
        assertDecision(d, "allow", "grant", work);
      } else {
        assertThat(d.get("sha256").asText()).isEqualTo(batchSha(i));
        assertThat(d.get("basis").asText()).as("item %d", i).isEqualTo("unregistered");
      }
    }
    OPENAPI.assertShape(decisions.get(0), "Decision");
  }

  @Test
  void decideBatch_tenThousandAndOneItems_400NamingItems() {
    Account lab = party("licensee", "Lab");
    ObjectNode batch = question(lab, "train-ai");
    ArrayNode items = batch.putArray("items");
    for (int i = 0; i <= RegistryService.MAX_BATCH; i++) {
      items.addObject().put("sha256", batchSha(i));
    }
    JsonNode p = rejected(() -> api.as(lab.token()).post("/decisions/batch", batch.toString()), 400, "invalid-request");
    assertThat(p.get("field").asText()).isEqualTo("items");
    assertThat(p.get("detail").asText()).contains("10001", "10000");
  }

  @Test
  void decideBatch_badShaAtIndexFive_400NamingThatItem() {
    Account lab = party("licensee", "Lab");
    ObjectNode batch = question(lab, "train-ai");
    ArrayNode items = batch.putArray("items");
    for (int i = 0; i < 10; i++) {
      items.addObject().put("sha256", i == 5 ? "not-hex" : batchSha(i));
    }
    JsonNode p = rejected(() -> api.as(lab.token()).post("/decisions/batch", batch.toString()), 400, "invalid-request");
    assertThat(p.get("field").asText()).isEqualTo("items[5].sha256");
    assertThat(p.get("detail").asText()).contains("not-hex");
  }

  @Test
  void decideBatch_unknownWorkId_404NamingTheItem() {
    Account lab = party("licensee", "Lab");
    String missing = "w_" + "a".repeat(26);
    ObjectNode batch = question(lab, "train-ai");
    ArrayNode items = batch.putArray("items");
    items.addObject().put("sha256", batchSha(0));
    items.addObject().put("work", missing);
    JsonNode p = rejected(() -> api.as(lab.token()).post("/decisions/batch", batch.toString()), 404, "not-found");
    assertThat(p.get("field").asText()).isEqualTo("items[1].work");
    assertThat(p.get("detail").asText()).contains(missing);
  }

  /** A single decision has no items, so its failure must not name {@code items[0]}. */
  @Test
  void decide_unknownWorkId_404NamingWork() {
    Account lab = party("licensee", "Lab");
    String missing = "w_" + "b".repeat(26);
    JsonNode p = rejected(() -> api.as(lab.token()).post("/decisions", """
        {"licensee": "%s", "use": "train-ai", "work": "%s"}""".formatted(lab.id(), missing)), 404, "not-found");
    assertThat(p.get("detail").asText()).contains(missing);
    assertThat(p.get("field").asText()).isEqualTo("work");
  }

  // ---- bad input: a problem, and nothing changed ----------------------------------------------

  @Test
  void registerWork_malformedJson_400WithLineAndColumn() {
    Account creator = party("creator", "作者");
    JsonNode p = rejected(() -> api.as(creator.token()).post("/works", """
        {
          "title": "壊れた JSON",
          "assets": [
        }"""), 400, "malformed-json");
    assertThat(p.get("detail").asText()).containsPattern("line 4, column \\d+");
    assertThat(p.has("field")).isFalse();
  }

  @Test
  void registerWork_duplicateKey_400MalformedJson() {
    Account creator = party("creator", "作者");
    rejected(() -> api.as(creator.token()).post("/works", """
        {"title": "一", "title": "二", "assets": [{"sha256": "%s"}]}""".formatted(sha("dup"))), 400, "malformed-json");
  }

  @Test
  void registerWork_unknownField_400NamingTheField() {
    Account creator = party("creator", "作者");
    JsonNode top = rejected(() -> api.as(creator.token()).post("/works", """
        {"title": "色", "colour": "red", "assets": [{"sha256": "%s"}]}""".formatted(sha("c"))), 400, "invalid-request");
    assertThat(top.get("field").asText()).isEqualTo("colour");
    assertThat(top.get("detail").asText()).contains("colour", "assets, kind, title");
    JsonNode nested = rejected(() -> api.as(creator.token()).post("/works", """
        {"title": "色", "assets": [{"sha256": "%s", "md5": "00"}]}""".formatted(sha("c"))), 400, "invalid-request");
    assertThat(nested.get("field").asText()).isEqualTo("assets[0].md5");
  }

  @Test
  void grant_useOutsideVocabulary_400ListingValidUses() {
    Account creator = party("creator", "作者");
    Account lab = party("licensee", "Lab");
    String work = registerWork(creator, "作品", sha("w"));
    JsonNode p = rejected(() -> api.as(creator.token()).post("/grants", """
        {"licensee": "%s", "uses": ["train-ai", "train-everything"], "works": ["%s"]}"""
        .formatted(lab.id(), work)), 400, "invalid-request");
    assertThat(p.get("field").asText()).isEqualTo("uses[1]");
    assertThat(p.get("detail").asText()).contains("train-everything", VALID_USES);

    JsonNode q = rejected(() -> api.as(lab.token()).post("/decisions", """
        {"licensee": "%s", "use": "scrape", "work": "%s"}""".formatted(lab.id(), work)), 400, "invalid-request");
    assertThat(q.get("field").asText()).isEqualTo("use");
    assertThat(q.get("detail").asText()).contains("scrape", VALID_USES);
  }

  @Test
  void registerWork_blankTitle_400NamingTitle() {
    Account creator = party("creator", "作者");
    JsonNode p = rejected(() -> api.as(creator.token()).post("/works", """
        {"title": "  ", "assets": [{"sha256": "%s"}]}""".formatted(sha("blank"))), 400, "invalid-request");
    assertThat(p.get("field").asText()).isEqualTo("title");
    assertThat(p.get("detail").asText()).contains("empty");
  }

  @Test
  void registerWork_textPlainBody_415() {
    Account creator = party("creator", "作者");
    rejected(() -> api.as(creator.token()).header("Content-Type", "text/plain").send("POST", "/works",
        java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\": \"x\", \"assets\": [{\"sha256\": \"" + sha("t") + "\"}]}")),
        415, "unsupported-media-type");
  }

  @Test
  void grant_onSomeoneElsesWork_403() {
    Account owner = party("creator", "本当の作者");
    Account other = party("rights-holder", "Someone Else");
    Account lab = party("licensee", "Lab");
    String work = registerWork(owner, "私の作品", sha("mine"));
    JsonNode p = rejected(() -> api.as(other.token()).post("/grants", """
        {"licensee": "%s", "uses": ["train-ai"], "works": ["%s"]}""".formatted(lab.id(), work)), 403, "forbidden");
    assertThat(p.get("detail").asText()).contains(work);
  }

  @Test
  void grant_unknownWorkId_404NamingIt() {
    Account creator = party("creator", "作者");
    Account lab = party("licensee", "Lab");
    String missing = "w_" + "z".repeat(26);
    JsonNode p = rejected(() -> api.as(creator.token()).post("/grants", """
        {"licensee": "%s", "uses": ["train-ai"], "works": ["%s"]}""".formatted(lab.id(), missing)), 404, "not-found");
    assertThat(p.get("detail").asText()).contains(missing);
  }

  @Test
  void anyRoute_noToken_401WithBearerChallenge() {
    JsonNode p = rejected(() -> api.post("/works", """
        {"title": "匿名", "assets": [{"sha256": "%s"}]}""".formatted(sha("anon"))), 401, "unauthenticated");
    assertThat(p.get("instance").asText()).isEqualTo("/works");
    Reply me = api.get("/me");
    problem(me, 401, "unauthenticated");
    assertThat(me.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void anyRoute_bogusToken_401() {
    String unknown = "kyo_" + "A".repeat(43);
    for (String token : List.of(unknown, "not-a-kyodaku-token")) {
      Reply r = api.as(token).get("/me");
      problem(r, 401, "unauthenticated");
      assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
      rejected(() -> api.as(token).post("/parties", """
          {"kind": "admin", "name": "intruder"}"""), 401, "unauthenticated");
    }
    Reply basic = api.header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/me");
    problem(basic, 401, "unauthenticated");
  }

  @Test
  void me_tokenPastItsExpiry_401() {
    Instant expiry = T0.plus(Duration.ofHours(1));
    JsonNode created = ok(api.as(admin.token()).post("/parties", """
        {"kind": "licensee", "name": "Short-lived Lab", "tokenExpiresAt": "%s"}""".formatted(expiry)), 201);
    String token = created.get("token").asText();
    ok(api.as(token).get("/me"), 200);

    clock.advance(Duration.ofMinutes(59));
    ok(api.as(token).get("/me"), 200);
    clock.advance(Duration.ofMinutes(1));
    JsonNode p = problem(api.as(token).get("/me"), 401, "unauthenticated");
    assertThat(p.get("detail").asText()).contains("expired");
    rejected(() -> api.as(token).post("/decisions", """
        {"licensee": "%s", "use": "search", "sha256": "%s"}""".formatted(created.get("id").asText(), sha("x"))),
        401, "unauthenticated");
  }

  @Test
  void createParty_tokenExpiryInThePast_400() {
    JsonNode p = rejected(() -> api.as(admin.token()).post("/parties", """
        {"kind": "licensee", "name": "Lab", "tokenExpiresAt": "%s"}""".formatted(T0.minusSeconds(1))),
        400, "invalid-request");
    assertThat(p.get("field").asText()).isEqualTo("tokenExpiresAt");
  }

  @Test
  void decide_licenseeAsksForAnotherLicensee_403() {
    Account creator = party("creator", "作者");
    Account lab = party("licensee", "Lab");
    Account rival = party("licensee", "Rival Lab");
    String work = registerWork(creator, "作品", sha("w"));
    rejected(() -> api.as(lab.token()).post("/decisions", """
        {"licensee": "%s", "use": "train-ai", "work": "%s"}""".formatted(rival.id(), work)), 403, "forbidden");
    ObjectNode batch = question(rival, "train-ai");
    batch.putArray("items").addObject().put("work", work);
    rejected(() -> api.as(lab.token()).post("/decisions/batch", batch.toString()), 403, "forbidden");
  }

  @Test
  void registerWork_byLicensee_403() {
    Account lab = party("licensee", "Lab");
    JsonNode p = rejected(() -> api.as(lab.token()).post("/works", """
        {"title": "盗用", "assets": [{"sha256": "%s"}]}""".formatted(sha("stolen"))), 403, "forbidden");
    assertThat(p.get("detail").asText()).contains("licensee");
  }

  @Test
  void createParty_byNonAdmin_403() {
    Account creator = party("creator", "作者");
    Account lab = party("licensee", "Lab");
    for (Account caller : List.of(creator, lab)) {
      rejected(() -> api.as(caller.token()).post("/parties", """
          {"kind": "admin", "name": "second admin"}"""), 403, "forbidden");
    }
  }

  @Test
  void registerWork_bodyOverLimit_413() {
    Account creator = party("creator", "作者");
    try (KyodakuServer small = KyodakuServer.start(registry, new ServerConfig("127.0.0.1", 0, 2048))) {
      ApiClient smallApi = new ApiClient(small.baseUrl()).as(creator.token());
      JsonNode p = rejected(() -> smallApi.post("/works", newWorkBody("大きすぎる", 40)), 413, "too-large");
      assertThat(p.get("detail").asText()).contains("2048");
      // Under the limit the same server accepts.
      ok(smallApi.post("/works", newWorkBody("ちょうど良い", 10)), 201);
    }
  }

  /**
   * Without a Content-Length (chunked transfer) the limit must hold just the same; otherwise a
   * client can make the server buffer a body of any size.
   */
  @Test
  void registerWork_chunkedBodyOverLimit_413() {
    Account creator = party("creator", "作者");
    try (KyodakuServer small = KyodakuServer.start(registry, new ServerConfig("127.0.0.1", 0, 2048))) {
      ApiClient smallApi = new ApiClient(small.baseUrl()).as(creator.token());
      rejected(() -> smallApi.postChunked("/works", newWorkBody("大きすぎる", 40)), 413, "too-large");
    }
  }

  @Test
  void decide_futureInstant_400NamingAt() {
    Account lab = party("licensee", "Lab");
    JsonNode p = rejected(() -> api.as(lab.token()).post("/decisions", """
        {"licensee": "%s", "use": "train-ai", "sha256": "%s", "at": "%s"}"""
        .formatted(lab.id(), sha("x"), T0.plusSeconds(1))), 400, "invalid-request");
    assertThat(p.get("field").asText()).isEqualTo("at");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ja             | 認証が必要です",
        "ja-JP,en;q=0.5 | 認証が必要です",
        "en,ja;q=0.5    | Authentication is required",
        "fr             | Authentication is required",
      })
  void problem_acceptLanguage_titleInThatLanguage(String acceptLanguage, String title) {
    Reply r = api.header("Accept-Language", acceptLanguage).get("/me");
    assertThat(problem(r, 401, "unauthenticated").get("title").asText()).isEqualTo(title);
  }

  @Test
  void problem_acceptLanguageJa_japaneseForbiddenTitle() {
    Account lab = party("licensee", "Lab");
    Reply r = api.as(lab.token()).header("Accept-Language", "ja").post("/works", """
        {"title": "x", "assets": [{"sha256": "%s"}]}""".formatted(sha("x")));
    assertThat(problem(r, 403, "forbidden").get("title").asText()).contains("許可");
  }

  @Test
  void unknownPath_404Problem() {
    JsonNode p = problem(api.as(admin.token()).get("/nothing-here"), 404, "not-found");
    assertThat(p.get("detail").asText()).contains("/nothing-here");
  }

  @Test
  void works_wrongMethod_405Problem() {
    problem(api.as(admin.token()).send("DELETE", "/works", java.net.http.HttpRequest.BodyPublishers.noBody()), 405, "method-not-allowed");
  }

  /** A body is one JSON value; whatever follows it must not be silently dropped. */
  @Test
  void registerWork_trailingContentAfterTheObject_400MalformedJson() {
    Account creator = party("creator", "作者");
    rejected(() -> api.as(creator.token()).post("/works", """
        {"title": "一つ目", "assets": [{"sha256": "%s"}]} {"title": "二つ目"}""".formatted(sha("trail"))),
        400, "malformed-json");
  }

  @Test
  void registerWork_nestedBeyondLimit_400MalformedJson() {
    Account creator = party("creator", "作者");
    String deep = "[".repeat(200) + "]".repeat(200);
    rejected(() -> api.as(creator.token()).post("/works", """
        {"title": "深い", "assets": [{"sha256": "%s"}], "x": %s}""".formatted(sha("deep"), deep)),
        400, "malformed-json");
  }

  @Test
  void registerWork_titleNotAString_400NamingTitle() {
    Account creator = party("creator", "作者");
    JsonNode p = rejected(() -> api.as(creator.token()).post("/works", """
        {"title": 5, "assets": [{"sha256": "%s"}]}""".formatted(sha("n"))), 400, "invalid-request");
    assertThat(p.get("field").asText()).isEqualTo("title");
  }

  @Test
  void registerWork_sameContentTwice_400NamingTheRepeat() {
    Account creator = party("creator", "作者");
    String content = sha("twice");
    JsonNode p = rejected(() -> api.as(creator.token()).post("/works", """
        {"title": "二度", "assets": [{"sha256": "%s"}, {"sha256": "%s"}]}"""
        .formatted(content, content.toUpperCase())), 400, "invalid-request");
    assertThat(p.get("field").asText()).isEqualTo("assets[1]");
    JsonNode none = rejected(() -> api.as(creator.token()).post("/works", """
        {"title": "空", "assets": []}"""), 400, "invalid-request");
    assertThat(none.get("field").asText()).isEqualTo("assets");
  }

  @Test
  void createParty_unknownKind_400ListingKinds() {
    JsonNode p = rejected(() -> api.as(admin.token()).post("/parties", """
        {"kind": "robot", "name": "R2"}"""), 400, "invalid-request");
    assertThat(p.get("field").asText()).isEqualTo("kind");
    assertThat(p.get("detail").asText()).contains("robot", "creator, rights-holder, collective, licensee, auditor, admin");
  }

  @Test
  void grant_licenseeNotALicensee_400OrUnknown404() {
    Account creator = party("creator", "作者");
    Account otherCreator = party("creator", "別の作者");
    String work = registerWork(creator, "作品", sha("w"));
    JsonNode notLicensee = rejected(() -> api.as(creator.token()).post("/grants", """
        {"licensee": "%s", "uses": ["train-ai"], "works": ["%s"]}""".formatted(otherCreator.id(), work)),
        400, "invalid-request");
    assertThat(notLicensee.get("field").asText()).isEqualTo("licensee");
    String missing = "p_" + "q".repeat(26);
    JsonNode unknown = rejected(() -> api.as(creator.token()).post("/grants", """
        {"licensee": "%s", "uses": ["train-ai"], "works": ["%s"]}""".formatted(missing, work)), 404, "not-found");
    assertThat(unknown.get("field").asText()).isEqualTo("licensee");
  }

  @Test
  void grant_validityWindow_allowsOnlyWithinIt() {
    Account creator = party("creator", "作者");
    Account lab = party("licensee", "Lab");
    String work = registerWork(creator, "期間限定", sha("window"));
    Instant from = T0.plus(Duration.ofDays(1));
    Instant until = T0.plus(Duration.ofDays(2));
    JsonNode grant = ok(api.as(creator.token()).post("/grants", """
        {"licensee": "%s", "uses": ["ai-use"], "works": ["%s"], "validFrom": "%s", "validUntil": "%s"}"""
        .formatted(lab.id(), work, text(from), text(until))), 201);
    assertThat(grant.get("validFrom").asText()).isEqualTo(text(from));
    assertThat(grant.get("validUntil").asText()).isEqualTo(text(until));
    String q = """
        {"licensee": "%s", "use": "ai-use", "work": "%s"}""".formatted(lab.id(), work);
    assertDecision(decide(lab, q), "deny", "no-grant", work);
    clock.advance(Duration.ofDays(1));
    assertDecision(decide(lab, q), "allow", "grant", work);
    clock.advance(Duration.ofDays(1));
    assertDecision(decide(lab, q), "deny", "no-grant", work);

    JsonNode backwards = rejected(() -> api.as(creator.token()).post("/grants", """
        {"licensee": "%s", "uses": ["ai-use"], "works": ["%s"], "validFrom": "%s", "validUntil": "%s"}"""
        .formatted(lab.id(), work, text(until), text(from))), 400, "invalid-request");
    assertThat(backwards.get("field").asText()).isEqualTo("validUntil");
  }

  @Test
  void grant_toOneLicensee_hiddenFromAnother() {
    Account creator = party("creator", "作者");
    Account lab = party("licensee", "Lab");
    Account rival = party("licensee", "Rival Lab");
    String work = registerWork(creator, "作品", sha("w"));
    String grant = ok(api.as(creator.token()).post("/grants", """
        {"licensee": "%s", "uses": ["train-ai"], "works": ["%s"]}""".formatted(lab.id(), work)), 201)
        .get("id").asText();
    assertThat(ok(api.as(lab.token()).get("/grants"), 200).get("grants")).hasSize(1);
    assertThat(ok(api.as(rival.token()).get("/grants"), 200).get("grants")).isEmpty();
    problem(api.as(rival.token()).get("/grants/" + grant), 404, "not-found");
    rejected(() -> api.as(rival.token()).post("/grants/" + grant + "/revoke", "{}"), 403, "forbidden");
    rejected(() -> api.as(lab.token()).post("/grants/" + grant + "/revoke", "{}"), 403, "forbidden");
  }

  @Test
  void revoke_twiceAtOnce_exactlyOneSucceeds() throws Exception {
    Account creator = party("creator", "作者");
    Account lab = party("licensee", "Lab");
    String work = registerWork(creator, "作品", sha("race"));
    for (int round = 0; round < 5; round++) {
      String grant = ok(api.as(creator.token()).post("/grants", """
          {"licensee": "%s", "uses": ["train-ai"], "works": ["%s"]}""".formatted(lab.id(), work)), 201)
          .get("id").asText();
      List<java.util.concurrent.Future<Reply>> calls = new ArrayList<>();
      try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 4; i++) {
          calls.add(pool.submit(() -> api.as(creator.token()).post("/grants/" + grant + "/revoke", "{}")));
        }
      }
      List<Integer> statuses = new ArrayList<>();
      for (var call : calls) {
        statuses.add(call.get().status());
      }
      assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 409, 409, 409);
    }
  }

  @Test
  void decide_shaAndWorkTogether_400() {
    Account creator = party("creator", "作者");
    Account lab = party("licensee", "Lab");
    String work = registerWork(creator, "作品", sha("both"));
    JsonNode p = rejected(() -> api.as(lab.token()).post("/decisions", """
        {"licensee": "%s", "use": "train-ai", "work": "%s", "sha256": "%s"}"""
        .formatted(lab.id(), work, sha("both"))), 400, "invalid-request");
    assertThat(p.get("detail").asText()).contains("either the content").contains("work");
  }

  @Test
  void decide_atWithoutOffset_400NamingAt() {
    Account lab = party("licensee", "Lab");
    JsonNode p = rejected(() -> api.as(lab.token()).post("/decisions", """
        {"licensee": "%s", "use": "train-ai", "sha256": "%s", "at": "2026-03-01T00:00:00"}"""
        .formatted(lab.id(), sha("x"))), 400, "invalid-request");
    assertThat(p.get("field").asText()).isEqualTo("at");
  }

  @Test
  void works_pagedByNext_eachWorkOnce() {
    Account creator = party("creator", "作者");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(registerWork(creator, "作品 " + i, sha("page " + i)));
    }
    ids.sort(null);
    List<String> seen = new ArrayList<>();
    String after = "";
    for (int pages = 0; pages < 10; pages++) {
      JsonNode page = ok(api.as(creator.token()).get("/works?limit=2&after=" + after), 200);
      page.get("works").forEach(w -> seen.add(w.get("id").asText()));
      if (page.get("next").isNull()) {
        break;
      }
      after = page.get("next").asText();
    }
    assertThat(seen).isEqualTo(ids);
  }

  @Test
  void works_badLimit_400NamingLimit() {
    for (String limit : List.of("0", "1001", "abc", "99999999999")) {
      JsonNode p = problem(api.as(admin.token()).get("/works?limit=" + limit), 400, "invalid-request");
      assertThat(p.get("field").asText()).as("limit=%s", limit).isEqualTo("limit");
    }
  }

  @Test
  void work_malformedId_400_unknownId_404() {
    JsonNode bad = problem(api.as(admin.token()).get("/works/%E6%A1%9C"), 400, "invalid-request");
    assertThat(bad.get("field").asText()).isEqualTo("id");
    problem(api.as(admin.token()).get("/works/w_" + "c".repeat(26)), 404, "not-found");
  }

  @Test
  void parties_listedByLicensee_403() {
    Account lab = party("licensee", "Lab");
    problem(api.as(lab.token()).get("/parties"), 403, "forbidden");
  }

  @Test
  void health_storeClosed_503Problem() {
    store.close();
    problem(api.get("/health"), 503, "unavailable");
  }

  // ---- durability -----------------------------------------------------------------------------

  @Test
  void restart_sameDatabase_keepsEverythingAcknowledged() {
    Account creator = party("creator", "山田 花子");
    Account lab = party("licensee", "Lab");
    String content = sha("永続");
    String workId = registerWork(creator, "消えない作品", content);
    String grantId = ok(api.as(creator.token()).post("/grants", """
        {"licensee": "%s", "uses": ["train-ai"], "works": ["%s"], "validUntil": "2027-04-01T00:00:00+09:00"}"""
        .formatted(lab.id(), workId)), 201).get("id").asText();
    clock.advance(Duration.ofSeconds(1));
    String question = """
        {"licensee": "%s", "use": "train-ai", "sha256": "%s", "at": "%s"}"""
        .formatted(lab.id(), content, text(clock.instant()));
    JsonNode decision = decide(lab, question);
    assertDecision(decision, "allow", "grant", workId);
    JsonNode work = ok(api.as(creator.token()).get("/works/" + workId), 200);
    JsonNode grant = ok(api.as(creator.token()).get("/grants/" + grantId), 200);
    List<String> state = state();

    server.close();
    store.close();
    open(databaseUrl);

    assertThat(registry.bootstrapAdmin()).isEmpty();
    assertThat(state()).isEqualTo(state);
    JsonNode shown = ok(api.as(creator.token()).get("/works/" + workId), 200);
    OPENAPI.assertShape(shown, "WorkWithAssets");
    assertThat(shown).isEqualTo(((com.fasterxml.jackson.databind.node.ObjectNode) work.deepCopy()).without("conflicts"));
    assertThat(ok(api.as(lab.token()).get("/grants/" + grantId), 200)).isEqualTo(grant);
    assertThat(decide(lab, question)).isEqualTo(decision);
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Asserts a JSON success with {@code status} and returns its body. */
  static JsonNode ok(Reply r, int status) {
    assertThat(r.status()).as("%s", r).isEqualTo(status);
    assertThat(r.contentType()).as("%s", r).startsWith("application/json");
    return r.json();
  }

  /** Asserts an RFC 9457 problem of {@code status} and {@code type} and returns it. */
  static JsonNode problem(Reply r, int status, String type) {
    assertThat(r.status()).as("%s", r).isEqualTo(status);
    assertThat(r.contentType()).as("%s", r).startsWith("application/problem+json");
    JsonNode p = r.json();
    OPENAPI.assertShape(p, "Problem");
    assertThat(p.get("type").asText()).isEqualTo(PROBLEM_TYPES + type);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("detail").asText()).isNotBlank();
    return p;
  }

  /** Asserts that {@code call} fails with a problem and leaves every listing as it was. */
  JsonNode rejected(Supplier<Reply> call, int status, String type) {
    List<String> before = state();
    JsonNode p = problem(call.get(), status, type);
    assertThat(state()).as("the registry after a refused request").isEqualTo(before);
    return p;
  }

  /** Everything the registry holds, as the admin lists it. */
  List<String> state() {
    List<String> out = new ArrayList<>();
    for (String listing : List.of("/parties", "/works", "/grants")) {
      out.add(ok(api.as(admin.token()).get(listing + "?limit=1000"), 200).toString());
    }
    return out;
  }

  Account party(String kind, String name) {
    ObjectNode body = JSON.createObjectNode().put("kind", kind).put("name", name);
    JsonNode created = ok(api.as(admin.token()).post("/parties", body.toString()), 201);
    return new Account(created.get("id").asText(), created.get("token").asText());
  }

  String registerWork(Account owner, String title, String... shas) {
    ObjectNode body = JSON.createObjectNode().put("title", title);
    ArrayNode assets = body.putArray("assets");
    for (String s : shas) {
      assets.addObject().put("sha256", s);
    }
    return ok(api.as(owner.token()).post("/works", body.toString()), 201).get("id").asText();
  }

  JsonNode decide(Account caller, String question) {
    JsonNode d = ok(api.as(caller.token()).post("/decisions", question), 200);
    OPENAPI.assertShape(d, "Decision");
    return d;
  }

  static void assertDecision(JsonNode d, String verdict, String basis, String work) {
    assertThat(d.get("decision").asText()).as("%s", d).isEqualTo(verdict);
    assertThat(d.get("basis").asText()).as("%s", d).isEqualTo(basis);
    assertThat(d.get("work").asText()).as("%s", d).isEqualTo(work);
    assertThat(d.get("grant").isNull()).as("%s", d).isEqualTo(!verdict.equals("allow"));
  }

  static ObjectNode question(Account licensee, String use) {
    return JSON.createObjectNode().put("licensee", licensee.id()).put("use", use);
  }

  static String newWorkBody(String title, int assets) {
    ObjectNode body = JSON.createObjectNode().put("title", title);
    ArrayNode array = body.putArray("assets");
    for (int i = 0; i < assets; i++) {
      array.addObject().put("sha256", sha(title + "/" + i));
    }
    return body.toString();
  }

  /** The registry's text for an instant: microsecond precision, as it keeps them. */
  static String text(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS).toString();
  }

  static String batchSha(int i) {
    return sha("batch item " + i);
  }

  /** Lowercase hex SHA-256 of {@code content}'s UTF-8 bytes: a stand-in for a file's hash. */
  static String sha(String content) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
