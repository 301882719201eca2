package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
      assertThat(run.err()).contains("mirror not verified: tile/entries/000: entry 7 hashes to")
          .contains("but tile/0/000 holds");
      assertThat(dir.resolve("mirror-tampered/checkpoint")).doesNotExist();
    } finally {
      Files.write(tile, original);
    }
  }

  @Test
  void mirror_wrongKey_exitsOneAtTheCheckpoint() throws Exception {
    String other = LogKeys.loadOrCreate(dir.resolve("other.key"), "kyodaku.test/log", new Random(99)).verifierKey().vkey();
    var run = CliContractTest.kyodaku("log", "mirror", "--server", server.baseUrl(), "--out", dir.resolve("mirror-key").toString(), "--key", other);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("the server's checkpoint is not verified");
  }
}
