package org.kyodaku.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/**
 * Fuzzes the request parsers through the real server: random bytes, random JSON built from the
 * API's own field names and wrong types, and valid bodies cut or corrupted at random places. Every
 * answer must be a well-formed success or a 4xx problem document — never a 5xx, never a body
 * that is not JSON — and a rejected registration must leave nothing behind.
 */
class ApiFuzzProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Integer> ACCEPTABLE = Set.of(200, 201, 400, 403, 404, 409, 413, 415);
  private static final List<String> PATHS =
      List.of("/works", "/grants", "/decisions", "/decisions/batch", "/parties");
  private static final List<String> FIELDS =
      List.of("title", "kind", "assets", "file", "sha256", "licensee", "uses", "use", "works", "allWorks",
          "validFrom", "validUntil", "territories", "territory", "termsUrl", "at", "items", "work", "name");

  private static Path dir;
  private static JdbcRegistryStore store;
  private static KyodakuServer server;
  private static String creatorToken;
  private static String licenseeId;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("kyodaku-fuzz-");
    store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir), 4));
    RegistryService registry = new RegistryService(store, Clock.systemUTC(), new SecureRandom());
    var admin = registry.bootstrapAdmin().orElseThrow();
    var caller = registry.authenticate(admin.token());
    creatorToken = registry.createParty(caller, org.kyodaku.core.model.PartyKind.CREATOR, "作者", java.util.Optional.empty()).token();
    licenseeId = registry.createParty(caller, org.kyodaku.core.model.PartyKind.LICENSEE, "Lab", java.util.Optional.empty()).party().id();
    server = KyodakuServer.start(registry, new ServerConfig("127.0.0.1", 0, 64 * 1024));
  }

  @AfterContainer
  static void stop() {
    server.close();
    store.close();
  }

  private static HttpResponse<String> post(String path, byte[] body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Authorization", "Bearer " + creatorToken)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertWellFormed(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isIn(ACCEPTABLE);
    JsonNode body = JSON.readTree(r.body());
    if (r.statusCode() >= 400) {
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(body.path("status").asInt()).isEqualTo(r.statusCode());
      assertThat(body.path("detail").asText()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void anyBytes_neverServerError(@ForAll("paths") String path, @ForAll("bytes") byte[] body) throws Exception {
    assertWellFormed(post(path, body));
  }

  @Property(tries = 400)
  void randomJson_neverServerError(@ForAll("paths") String path, @ForAll("jsonObjects") String body) throws Exception {
    assertWellFormed(post(path, body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Property(tries = 300)
  void corruptedValidBody_neverServerErrorAndNothingHalfWritten(
      @ForAll("validWorkBodies") String valid, @ForAll("cuts") int cut, @ForAll char replacement) throws Exception {
    int at = Math.floorMod(cut, valid.length());
    String corrupted = valid.substring(0, at) + replacement + valid.substring(Math.min(valid.length(), at + 1));
    long before = countWorks();
    HttpResponse<String> r = post("/works", corrupted.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertWellFormed(r);
    assertThat(countWorks()).isEqualTo(r.statusCode() == 201 ? before + 1 : before);
  }

  private static long countWorks() throws Exception {
    long n = 0;
    String after = "";
    while (true) {
      HttpResponse<String> r = HTTP.send(
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/works?limit=1000&after=" + after))
              .header("Authorization", "Bearer " + creatorToken).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode page = JSON.readTree(r.body());
      n += page.path("works").size();
      if (page.path("next").isNull()) {
        return n;
      }
      after = page.path("next").asText();
    }
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.of(PATHS);
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
  }

  @Provide
  Arbitrary<Integer> cuts() {
    return Arbitraries.integers().between(0, 10_000);
  }

  @Provide
  Arbitrary<String> validWorkBodies() {
    Arbitrary<String> titles = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20);
    Arbitrary<String> shas = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
    return Combinators.combine(titles, shas.list().ofMinSize(1).ofMaxSize(3).uniqueElements())
        .as((title, list) -> {
          var o = JSON.createObjectNode().put("title", title).put("kind", "image");
          var assets = o.putArray("assets");
          list.forEach(s -> assets.addObject().put("file", "f.png").put("sha256", s));
          return o.toString();
        });
  }

  @Provide
  Arbitrary<String> jsonObjects() {
    return value(3).map(v -> v instanceof com.fasterxml.jackson.databind.node.ObjectNode ? v : JSON.createObjectNode().set("items", v)).map(JsonNode::toString);
  }

  private Arbitrary<JsonNode> value(int depth) {
    Arbitrary<JsonNode> scalars =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(70).map(s -> JSON.getNodeFactory().textNode(s)),
            Arbitraries.of("train-ai", "search", "everyone", "image", licenseeId, "2026-01-01T00:00:00Z", "a".repeat(64), "JP", "w_aaaaaaaaaaaaaaaaaaaaaaaaaa")
                .map(s -> JSON.getNodeFactory().textNode(s)),
            Arbitraries.longs().map(l -> JSON.getNodeFactory().numberNode(l)),
            Arbitraries.of(true, false).map(b -> JSON.getNodeFactory().booleanNode(b)),
            Arbitraries.just(JSON.getNodeFactory().nullNode()));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<JsonNode> arrays = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4).map(l -> {
      var a = JSON.createArrayNode();
      l.forEach(a::add);
      return a;
    });
    Arbitrary<JsonNode> objects = Combinators.combine(Arbitraries.of(FIELDS).list().ofMaxSize(6).uniqueElements(), Arbitraries.lazy(() -> value(depth - 1)).list().ofSize(6))
        .as((keys, values) -> {
          var o = JSON.createObjectNode();
          for (int i = 0; i < keys.size(); i++) {
            o.set(keys.get(i), values.get(i));
          }
          return (JsonNode) o;
        });
    return Arbitraries.oneOf(scalars, arrays, objects);
  }
}
