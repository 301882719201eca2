package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.registry.NearMatcher;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.registry.LogAudit;
import org.kyodaku.log.registry.LogKeys;
import org.kyodaku.log.registry.RegistryLog;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.server.KyodakuServer;
import org.kyodaku.server.LogPublication;
import org.kyodaku.server.ServerConfig;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/**
 * {@code kyodaku log mirror} against a real server on a real port: the mirror equals the served
 * log, resumes without fetching again, grows consistently, and a tampered tile is refused.
 */
class MirrorCommandTest {
  @TempDir static Path dir;
  static RegistryLog log;
  static JdbcRegistryStore store;
  static KyodakuServer server;
  static String admin;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    SignerKey logKey = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(13));
    key = logKey.verifierKey().vkey();
    log = RegistryLog.open(dir.resolve("log"), SequencerConfig.of(logKey), Clock.systemUTC());
    store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("data")), 4));
    RegistryService registry = new RegistryService(
        store, NearMatcher.NONE, log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
    admin = registry.bootstrapAdmin().orElseThrow().token();
    server = KyodakuServer.start(
        registry, new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY),
        Optional.of(new LogPublication(log.sequencer().directory(), key)));
    parties(140); // with their map roots: more than one full entry bundle
  }

  @AfterAll
  static void stop() {
    server.close();
    log.close();
    store.close();
  }

  static void parties(int n) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < n; i++) {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/parties"))
              .header("Authorization", "Bearer " + admin)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"creator\",\"name\":\"作者 " + i + "\"}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
  }

  static CliContractTest.Run mirror(Path out, String... more) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
        "log", "mirror", "--server", server.baseUrl(), "--out", out.toString(), "--key", key));
    args.addAll(java.util.List.of(more));
    return CliContractTest.kyodaku(args.toArray(String[]::new));
  }

  @Test
  void mirror_genuineLog_copiesEveryFileAndVerifies() throws Exception {
    Path out = dir.resolve("mirror-a");
    var run = mirror(out, "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    long size = run.single().path("size").asLong();
    assertThat(size).isGreaterThan(256);
    assertThat(run.single().path("mapRoots").asLong()).isPositive();
    assertThat(run.err()).contains("mirror: ").contains("auditing " + size + " entries");
    Path served = log.sequencer().directory();
    for (String p : LogAudit.paths(size)) {
      assertThat(Files.readAllBytes(out.resolve(p))).as(p).isEqualTo(Files.readAllBytes(served.resolve(p)));
    }
    assertThat(Files.readString(out.resolve("checkpoint"))).startsWith("kyodaku.test/log\n" + size + "\n");

    // Again: nothing to fetch, everything checked again.
    var again = mirror(out, "--json");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.single().path("fetched").asLong()).isZero();

    // The log grows: only the new files are fetched, and the mirror checks it only grew.
    parties(3);
    var grown = mirror(out);
    assertThat(grown.exit()).as(grown.err()).isZero();
    assertThat(grown.out()).contains("grew from " + size + " without rewriting any");
  }

  @Test
  void mirror_afterARunCutShort_overwritesItsTemporaryFilesAndLeavesNone() throws Exception {
    Path out = dir.resolve("mirror-crashed");
    // What a run killed while writing tile/0/000 leaves: a temporary sibling, half written.
    Files.createDirectories(out.resolve("tile/0"));
    Files.write(out.resolve("tile/0/.000.tmp"), new byte[] {1, 2, 3});
    var run = mirror(out, "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    try (var all = Files.walk(out)) {
      assertThat(all.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
    long size = run.single().path("size").asLong();
    Path served = log.sequencer().directory();
    for (String p : LogAudit.paths(size)) {
      assertThat(Files.readAllBytes(out.resolve(p))).as(p).isEqualTo(Files.readAllBytes(served.resolve(p)));
    }
  }

  @Test
  void mirror_tamperedTileOnTheServer_exitsOneNamingIt() throws Exception {
    Path served = log.sequencer().directory();
    Path tile = served.resolve("tile/0/000");
    byte[] original = Files.readAllBytes(tile);
    byte[] tampered = original.clone();
    tampered[32 * 7] ^= 1;
    Files.write(tile, tampered);
    try {
      var run = mirror(dir.resolve("mirror-tampered"));
      assertThat(run.exit()).isEqualTo(1);
      // Its root no longer matches the (verified) level-1 tile above it: refused before writing.
      assertThat(run.err()).contains("mirror not verified: tile/0/000 has root")
          .contains("(verified) holds").contains("nothing of it was written");
      assertThat(dir.resolve("mirror-tampered/tile/0/000")).doesNotExist();
      assertThat(dir.resolve("mirror-tampered/checkpoint")).doesNotExist();
    } finally {
      Files.write(tile, original);
    }
  }

  /** What the hostile server does to one path instead of passing the real answer on. */
  enum Abuse { ENDLESS, HUGE_LENGTH, TAMPER, STALL }

  /** Holds a stalled answer until the test that asked for it is done. */
  static volatile java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(0);

  /**
   * A real HTTP server in front of the real one that passes every request on, except for the paths
   * it abuses: an endless body, a Content-Length of a terabyte, or one flipped bit.
   */
  static HttpServer hostile(java.util.Map<String, Abuse> abuses) throws IOException {
    HttpServer h = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    HttpClient http = HttpClient.newHttpClient();
    h.createContext("/", ex -> {
      try (ex) {
        String path = ex.getRequestURI().getPath().substring("/log/".length());
        Abuse abuse = abuses.get(path);
        if (abuse == Abuse.STALL) {
          // Headers and a first byte, then nothing until the test releases it.
          ex.sendResponseHeaders(200, 8192);
          try (OutputStream body = ex.getResponseBody()) {
            body.write(0);
            body.flush();
            stalled.await(90, java.util.concurrent.TimeUnit.SECONDS);
          } catch (IOException | InterruptedException hungUp) {
            return;
          }
          return;
        }
        if (abuse == Abuse.ENDLESS) {
          ex.sendResponseHeaders(200, 0);
          byte[] chunk = new byte[8192];
          try (OutputStream body = ex.getResponseBody()) {
            // Until the client hangs up (or, as a bound for this test, 1 GiB).
            for (int i = 0; i < 131_072; i++) {
              body.write(chunk);
            }
          } catch (IOException hungUp) {
            return;
          }
          return;
        }
        HttpResponse<byte[]> real;
        try {
          real = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + ex.getRequestURI().getPath())).build(),
              HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
        byte[] body = real.body();
        if (abuse == Abuse.HUGE_LENGTH) {
          ex.sendResponseHeaders(200, 1L << 40);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
          } catch (IOException hungUp) {
            // The client refused it: expected.
          }
          return;
        }
        if (abuse == Abuse.TAMPER) {
          body = body.clone();
          body[body.length - 1] ^= 1;
        }
        ex.sendResponseHeaders(real.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
          ex.getResponseBody().write(body);
        }
      }
    });
    h.start();
    return h;
  }

  /** Mirrors into {@code out} through a hostile server abusing {@code path} (within a minute). */
  static CliContractTest.Run mirrorVia(String path, Abuse abuse, Path out) throws Exception {
    HttpServer h = hostile(java.util.Map.of(path, abuse));
    try {
      return assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> CliContractTest.kyodaku(
          "log", "mirror", "--server", "http://127.0.0.1:" + h.getAddress().getPort(), "--out", out.toString(), "--key", key));
    } finally {
      h.stop(0);
    }
  }

  @Test
  void mirror_endlessTileBody_isCutOffAtTheTilesSizeAndNothingIsWritten() throws Exception {
    Path out = dir.resolve("mirror-endless-tile");
    var run = mirrorVia("tile/0/000", Abuse.ENDLESS, out);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("tile/0/000 sent more than 8192 bytes, the most tile/0/000 can have");
    assertThat(out.resolve("tile/0/000")).doesNotExist();
    assertThat(out.resolve("checkpoint")).doesNotExist();
  }

  @Test
  void mirror_serverStallsInATileBody_givesUpAtTheTimeoutAndWritesNothing() throws Exception {
    Path out = dir.resolve("mirror-stalled-tile");
    stalled = new java.util.concurrent.CountDownLatch(1);
    HttpServer h = hostile(java.util.Map.of("tile/0/000", Abuse.STALL));
    try {
      var run = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> CliContractTest.kyodaku(
          "log", "mirror", "--server", "http://127.0.0.1:" + h.getAddress().getPort(), "--out", out.toString(),
          "--key", key, "--timeout", "2"));
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).contains("/log/tile/0/000 did not finish sending within 2 s (--timeout)");
      assertThat(out.resolve("tile/0/000")).doesNotExist();
      assertThat(out.resolve("checkpoint")).doesNotExist();
    } finally {
      stalled.countDown();
      h.stop(0);
    }
  }

  @Test
  void mirror_endlessCheckpoint_isCutOffAt64KiB() throws Exception {
    Path out = dir.resolve("mirror-endless-checkpoint");
    var run = mirrorVia("checkpoint", Abuse.ENDLESS, out);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("/log/checkpoint sent more than 65536 bytes");
    assertThat(out).doesNotExist();
  }

  @Test
  void mirror_bundleAnnouncingATerabyte_isRefusedBeforeReadingIt() throws Exception {
    Path out = dir.resolve("mirror-huge-bundle");
    var run = mirrorVia("tile/entries/000", Abuse.HUGE_LENGTH, out);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("announces " + (1L << 40) + " bytes (Content-Length), but tile/entries/000 has at most "
        + 256L * 65537);
    assertThat(out.resolve("tile/entries/000")).doesNotExist();
  }

  @Test
  void mirror_tamperedBundleFromTheServer_isNeverWritten() throws Exception {
    Path out = dir.resolve("mirror-tampered-bundle");
    var run = mirrorVia("tile/entries/000", Abuse.TAMPER, out);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("mirror not verified: tile/entries/000: entry 255 hashes to")
        .contains("but tile/0/000 (verified) holds").contains("nothing of it was written");
    assertThat(out.resolve("tile/entries/000")).doesNotExist();
    // What verified before it is in place; the rest of the run resumes from there.
    assertThat(out.resolve("tile/0/000")).exists();
    assertThat(out.resolve("checkpoint")).doesNotExist();
    var again = mirror(out);
    assertThat(again.exit()).as(again.err()).isZero();
  }

  @Test
  void mirror_tamperedRightEdgeTile_isRefusedAgainstTheCheckpointRoot() throws Exception {
    String edge = org.kyodaku.log.tiles.Tile.partialTile(0, log.sequencer().size()).orElseThrow().path();
    Path out = dir.resolve("mirror-tampered-edge");
    var run = mirrorVia(edge, Abuse.TAMPER, out);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("mirror not verified: the right edge of the tree").contains("(a tampered tile)");
    assertThat(out.resolve(edge)).doesNotExist();
  }

  @Test
  void mirror_wrongKey_exitsOneAtTheCheckpoint() throws Exception {
    String other = LogKeys.loadOrCreate(dir.resolve("other.key"), "kyodaku.test/log", new Random(99)).verifierKey().vkey();
    var run = CliContractTest.kyodaku("log", "mirror", "--server", server.baseUrl(), "--out", dir.resolve("mirror-key").toString(), "--key", other);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("the server's checkpoint is not verified");
  }
}
