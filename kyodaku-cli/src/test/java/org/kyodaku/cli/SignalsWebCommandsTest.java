package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.server.KyodakuServer;
import org.kyodaku.server.ServerConfig;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/**
 * {@code kyodaku signals check} and {@code signals publish} against web sites served on loopback
 * ports and a real registry server on another.
 */
class SignalsWebCommandsTest {
  @TempDir static Path dir;
  static JdbcRegistryStore store;
  static KyodakuServer server;
  static HttpServer site;
  static String admin;
  /** path -> {status, content type, body, extra header name, extra header value}. */
  static final Map<String, String[]> pages = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("data")), 4));
    var index = org.kyodaku.index.registry.RegistryIndex.rebuild(store, org.kyodaku.index.registry.RegistryIndex.DEFAULT_RADII);
    RegistryService registry = new RegistryService(store, index, Clock.systemUTC(), new SecureRandom());
    admin = registry.bootstrapAdmin().orElseThrow().token();
    server = KyodakuServer.start(registry, new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY));
    site = serve(pages);
    pages.put("/robots.txt", new String[] {"200", "text/plain", "User-Agent: *\nAllow: /\nContent-Usage: train-ai=y, search=y\n"});
    pages.put("/open/art.txt", new String[] {"200", "text/plain", "open artwork"});
    pages.put("/registered/art.txt", new String[] {"200", "text/plain", "registered artwork"});
    pages.put("/noai/art.txt", new String[] {"200", "text/plain", "noai artwork", "X-Robots-Tag", "noai"});
  }

  /** A site answering from {@code pages} (path -> status, type, body, header pairs); else 404. */
  static HttpServer serve(Map<String, String[]> pages) throws java.io.IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext("/", ex -> {
      try (ex) {
        String[] p = pages.getOrDefault(ex.getRequestURI().getRawPath(), new String[] {"404", "text/plain", "not found"});
        byte[] body = p[2].getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", p[1]);
        for (int i = 3; i + 1 < p.length; i += 2) {
          ex.getResponseHeaders().add(p[i], p[i + 1]);
        }
        ex.sendResponseHeaders(Integer.parseInt(p[0]), body.length == 0 ? -1 : body.length);
        ex.getResponseBody().write(body);
      }
    });
    s.start();
    return s;
  }

  @AfterAll
  static void stop() {
    site.stop(0);
    server.close();
    store.close();
  }

  static String url(String path) {
    return "http://127.0.0.1:" + site.getAddress().getPort() + path;
  }

  static CliContractTest.Run kyodaku(String... args) {
    return CliContractTest.kyodaku(args);
  }

  static CliContractTest.Run client(String token, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server", server.baseUrl(), "--token", token, "--json"));
    return kyodaku(all.toArray(String[]::new));
  }

  @Test
  void check_json_followsContract() {
    CliContractTest.Run run = kyodaku("signals", "check", "--json", url("/open/art.txt"), url("/noai/art.txt"));
    assertThat(run.exit()).as(run.err()).isZero();
    List<JsonNode> lines = run.lines();
    assertThat(lines).hasSize(2);
    JsonNode open = lines.get(0);
    assertThat(open.path("url").asText()).isEqualTo(url("/open/art.txt"));
    assertThat(open.path("uses").fieldNames()).toIterable()
        .containsExactly("tdm", "train-ai", "train-genai", "ai-use", "search");
    assertThat(open.path("uses").path("train-genai").asText()).isEqualTo("allowed");
    assertThat(open.path("uses").path("train-ai").asText()).isEqualTo("unknown");
    assertThat(open.path("decision").isNull()).isTrue();
    JsonNode usage = open.path("evidence").get(0);
    assertThat(usage.has("standard") && usage.has("source") && usage.has("value") && usage.has("fetchedAt")).isTrue();
    assertThat(open.path("fetches")).extracting(f -> f.path("role").asText())
        .containsExactly("robots.txt", "tdmrep.json", "ai.txt", "resource");
    assertThat(open.path("fetches").get(1).path("status").asInt()).isEqualTo(404);
    JsonNode noai = lines.get(1);
    assertThat(noai.path("uses").path("train-genai").asText()).isEqualTo("disallowed");
    assertThat(noai.path("uses").path("search").asText()).isEqualTo("allowed");
  }

  @Test
  void check_useWithoutRegistry_deniesEvenWhenTheSiteAllows() {
    CliContractTest.Run run = kyodaku("signals", "check", "--json", "--token", "", "--use", "train-genai", url("/open/art.txt"));
    JsonNode o = run.single();
    assertThat(o.path("uses").path("train-genai").asText()).isEqualTo("allowed");
    assertThat(o.path("decision").asText()).isEqualTo("deny");
    assertThat(o.path("ground").asText()).isEqualTo("registry-not-asked");
  }

  @Test
  void check_withRegistry_registeredWorkStaysDeniedUntilGranted() throws Exception {
    JsonNode creator = client(admin, "party", "create", "--kind", "creator", "--name", "山田 花子").single();
    String creatorToken = creator.path("token").asText();
    String lab = client(admin, "party", "create", "--kind", "licensee", "--name", "Lab").single().path("id").asText();
    Path copy = Files.writeString(dir.resolve("art.txt"), "registered artwork", StandardCharsets.UTF_8);
    String work = client(creatorToken, "work", "register", "--title", "作品", copy.toString()).single().path("id").asText();

    JsonNode denied = client(admin, "signals", "check", "--use", "train-genai", "--licensee", lab, url("/registered/art.txt")).single();
    assertThat(denied.path("uses").path("train-genai").asText()).isEqualTo("allowed");
    assertThat(denied.path("decision").asText()).isEqualTo("deny");
    assertThat(denied.path("ground").asText()).isEqualTo("no-grant");
    assertThat(denied.path("registry").path("basis").asText()).isEqualTo("no-grant");

    JsonNode origin = client(admin, "signals", "check", "--use", "train-genai", "--licensee", lab, url("/open/art.txt")).single();
    // The site allows and the exact bytes are unregistered, but a copy of a registered work
    // would look the same to an exact-bytes query: the command fails closed.
    assertThat(origin.path("uses").path("train-genai").asText()).isEqualTo("allowed");
    assertThat(origin.path("registry").path("basis").asText()).isEqualTo("unregistered");
    assertThat(origin.path("decision").asText()).isEqualTo("deny");
    assertThat(origin.path("ground").asText()).isEqualTo("unregistered");

    JsonNode reserved = client(admin, "signals", "check", "--use", "train-genai", "--licensee", lab, url("/noai/art.txt")).single();
    assertThat(reserved.path("decision").asText()).isEqualTo("deny");
    assertThat(reserved.path("ground").asText()).isEqualTo("reservation");

    assertThat(client(creatorToken, "grant", "create", "--licensee", lab, "--use", "train-ai", "--work", work).exit()).isZero();
    JsonNode granted = client(admin, "signals", "check", "--use", "train-genai", "--licensee", lab, url("/registered/art.txt")).single();
    assertThat(granted.path("decision").asText()).isEqualTo("allow");
    assertThat(granted.path("ground").asText()).isEqualTo("grant");
  }

  @Test
  void check_robotsServerError_everythingDisallowedExitZero() {
    pages.put("/down/robots.txt", new String[] {"200", "text/plain", "unused"});
    String other = "http://localhost:" + site.getAddress().getPort() + "/fails.txt";
    pages.put("/fails.txt", new String[] {"500", "text/plain", "oops"});
    CliContractTest.Run run = kyodaku("signals", "check", "--json", "--timeout", "5", other);
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode o = run.single();
    assertThat(o.path("fetches").get(3).path("status").asInt()).isEqualTo(500);
    assertThat(o.path("uses").path("train-genai").asText()).isNotEqualTo("allowed");
  }

  @Test
  void check_badArguments_exitTwo() {
    assertThat(kyodaku("signals", "check", "ftp://x.example/a").exit()).isEqualTo(2);
    assertThat(kyodaku("signals", "check", "not a url").exit()).isEqualTo(2);
    assertThat(kyodaku("signals", "check", "--timeout", "0", url("/open/art.txt")).exit()).isEqualTo(2);
    assertThat(kyodaku("signals", "check", "--max-redirects", "99", url("/open/art.txt")).exit()).isEqualTo(2);
  }

  @Test
  void check_human_listsEvidenceAndDecision() {
    CliContractTest.Run run = kyodaku("signals", "check", "--token", "", "--use", "train-ai", url("/noai/art.txt"));
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("train-ai=disallowed").contains("deny (reservation) train-ai").contains("noai");
  }

  @Test
  void publish_servedBySite_readsBackAsTheRegistrySays() throws Exception {
    JsonNode creator = client(admin, "party", "create", "--kind", "creator", "--name", "公開 太郎").single();
    String id = creator.path("id").asText();
    String token = creator.path("token").asText();
    String grant = client(token, "grant", "create", "--licensee", "everyone", "--use", "train-ai,ai-use,search", "--all")
        .single().path("id").asText();
    Path out = dir.resolve("site");

    CliContractTest.Run run = kyodaku("signals", "publish", "--server", server.baseUrl(), "--token", "", "--json",
        "--party", id, "--out", out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode o = run.single();
    assertThat(o.path("files")).extracting(f -> f.path("path").asText()).contains("robots.txt", ".well-known/tdmrep.json");
    assertThat(Files.readString(out.resolve("robots.txt"))).contains("公開 太郎");
    // byte-identical to what the server serves
    JsonNode served = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        java.net.URI.create(server.baseUrl() + "/parties/" + id + "/signals").toURL());
    for (JsonNode f : served.path("files")) {
      assertThat(Files.readString(out.resolve(f.path("path").asText()), StandardCharsets.UTF_8)).isEqualTo(f.path("content").asText());
    }

    Map<String, String[]> published = new ConcurrentHashMap<>();
    HttpServer creatorSite = serve(published);
    try {
      load(out, published);
      String art = "http://127.0.0.1:" + creatorSite.getAddress().getPort() + "/gallery/a.txt";
      published.put("/gallery/a.txt", new String[] {"200", "text/plain", "a picture"});
      JsonNode open = kyodaku("signals", "check", "--json", "--token", "", art).single();
      assertThat(open.path("uses").path("train-genai").asText()).as(open.toString()).isEqualTo("allowed");
      assertThat(open.path("uses").path("search").asText()).isEqualTo("allowed");
      assertThat(open.path("fetches")).extracting(f -> f.path("role").asText()).contains("rsl");

      assertThat(client(token, "grant", "revoke", grant).exit()).isZero();
      assertThat(kyodaku("signals", "publish", "--server", server.baseUrl(), "--party", id, "--out", out.toString()).exit()).isZero();
      load(out, published);
      JsonNode closed = kyodaku("signals", "check", "--json", "--token", "", art).single();
      assertThat(closed.path("uses").path("train-genai").asText()).isEqualTo("disallowed");
      assertThat(closed.path("uses").path("search").asText()).isEqualTo("disallowed");
    } finally {
      creatorSite.stop(0);
    }
  }

  @Test
  void publish_unknownParty_exitOne() {
    CliContractTest.Run run = kyodaku("signals", "publish", "--server", server.baseUrl(), "--party", "p_zz", "--out",
        dir.resolve("none").toString());
    assertThat(run.exit()).isNotZero();
    assertThat(Files.exists(dir.resolve("none"))).isFalse();
  }

  /** Serves the published files at a site root, with the media types the server gives them. */
  static void load(Path out, Map<String, String[]> pages) throws Exception {
    for (String f : List.of("robots.txt", ".well-known/tdmrep.json", "ai.txt", "tdm-policy.json", "rsl.xml")) {
      pages.put("/" + f, new String[] {"200", org.kyodaku.signals.publish.SignalWriter.mediaType(f),
          Files.readString(out.resolve(f), StandardCharsets.UTF_8)});
    }
  }
}
