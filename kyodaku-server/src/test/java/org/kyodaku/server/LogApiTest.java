package org.kyodaku.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.registry.LogKeys;
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.log.tiles.TileHashSource;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/** The log's public resources over real HTTP: checkpoint, key, tiles and bundles. */
class LogApiTest {
  @TempDir Path dir;

  private static HttpResponse<byte[]> get(String url) throws java.io.IOException {
    try {
      return HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.IOException(e);
    }
  }

  @Test
  void log_300Entries_servesVerifiableCheckpointAndTilesThatRebuildTheRoot() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(3));
    try (Sequencer sequencer = Sequencer.open(dir.resolve("log"), SequencerConfig.of(key));
        JdbcRegistryStore store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("db")), 2))) {
      List<java.util.concurrent.CompletableFuture<Long>> pending = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        pending.add(sequencer.append(("entry " + i).getBytes(StandardCharsets.UTF_8)));
      }
      for (var p : pending) {
        p.get();
      }
      RegistryService registry = new RegistryService(store, Clock.systemUTC(), new SecureRandom());
      String vkey = key.verifierKey().vkey();
      try (KyodakuServer server = KyodakuServer.start(
          registry, new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY), Optional.of(new LogPublication(sequencer.directory(), vkey)))) {
        String base = server.baseUrl() + "/log/";
        assertThat(new String(get(base + "key").body(), StandardCharsets.UTF_8).strip()).isEqualTo(vkey);

        HttpResponse<byte[]> checkpoint = get(base + "checkpoint");
        assertThat(checkpoint.headers().firstValue("Cache-Control")).contains("no-cache");
        var verified = CheckpointVerifier.forLog(key.verifierKey()).verify(new String(checkpoint.body(), StandardCharsets.UTF_8));
        assertThat(verified.checkpoint().size()).isEqualTo(300);

        HttpResponse<byte[]> full = get(base + "tile/0/000");
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).hasSize(256 * 32);
        assertThat(full.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("immutable"));
        HttpResponse<byte[]> partial = get(base + "tile/0/001.p/44");
        assertThat(partial.statusCode()).isEqualTo(200);
        assertThat(partial.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).doesNotContain("immutable"));
        assertThat(get(base + "tile/entries/000").statusCode()).isEqualTo(200);

        // An auditor rebuilds the root from the served tiles alone.
        var remote = (org.kyodaku.log.tiles.TileReader) path -> {
          HttpResponse<byte[]> r = get(base + path);
          if (r.statusCode() == 404) {
            throw new java.nio.file.NoSuchFileException(path);
          }
          return r.body();
        };
        assertThat(MerkleTree.over(TileHashSource.of(remote, 300)).root()).isEqualTo(verified.checkpoint().root());

        for (String bad : List.of("tile/0/001.p/256", "tile/0/1", "tile/64/000", "tile/..%2F..%2Flog.key", "tile/entries/x1/000")) {
          HttpResponse<byte[]> r = get(base + bad);
          assertThat(r.statusCode()).as(bad).isEqualTo(404);
          assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
      }
    }
  }

  @Test
  void log_withoutPublishedCheckpoint_answers503ProblemWithRetryAfterAnd404ForTiles() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(3));
    // A directory the log has not published into yet (a copy still being filled, say).
    Path empty = java.nio.file.Files.createDirectories(dir.resolve("unpublished"));
    try (JdbcRegistryStore store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("db")), 2))) {
      RegistryService registry = new RegistryService(store, Clock.systemUTC(), new SecureRandom());
      try (KyodakuServer server = KyodakuServer.start(
          registry, new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY),
          Optional.of(new LogPublication(empty, key.verifierKey().vkey())))) {
        String base = server.baseUrl() + "/log/";
        HttpResponse<byte[]> checkpoint = get(base + "checkpoint");
        assertThat(checkpoint.statusCode()).isEqualTo(503);
        assertThat(checkpoint.headers().firstValue("Retry-After")).contains("1");
        assertThat(checkpoint.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        String problem = new String(checkpoint.body(), StandardCharsets.UTF_8);
        assertThat(problem).contains("https://kyodaku.org/problems/log-not-published")
            .contains("this log has not published a checkpoint yet");
        HttpResponse<byte[]> tile = get(base + "tile/0/000.p/1");
        assertThat(tile.statusCode()).isEqualTo(404);
        assertThat(get(base + "tile/entries/000.p/1").statusCode()).isEqualTo(404);
        assertThat(get(base + "key").statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void decide_receiptOnALogWithNoEntriesYet_answersWithTheEmptyTreesCheckpoint() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(3));
    try (JdbcRegistryStore store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("db")), 2))) {
      // Parties recorded before the registry kept a log: the log is still empty when asked.
      RegistryService before = new RegistryService(store, Clock.systemUTC(), new SecureRandom());
      String token = before.bootstrapAdmin().orElseThrow().token();
      var admin = before.authenticate(token);
      String lab = before.createParty(admin, org.kyodaku.core.model.PartyKind.LICENSEE, "Lab", Optional.empty()).party().id();
      try (org.kyodaku.log.registry.RegistryLog log = org.kyodaku.log.registry.RegistryLog.open(
          dir.resolve("log"), SequencerConfig.of(key), Clock.systemUTC())) {
        assertThat(log.sequencer().size()).isZero();
        RegistryService registry = new RegistryService(store, org.kyodaku.core.registry.NearMatcher.NONE,
            log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
        try (KyodakuServer server = KyodakuServer.start(
            registry, new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY),
            Optional.of(new LogPublication(log.sequencer().directory(), key.verifierKey().vkey())))) {
          HttpResponse<String> r = HttpClient.newHttpClient().send(
              HttpRequest.newBuilder(URI.create(server.baseUrl() + "/decisions"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(
                      "{\"licensee\":\"" + lab + "\",\"use\":\"train-ai\",\"sha256\":\"" + "e".repeat(64) + "\",\"receipt\":true}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
          var receipt = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("receipt");
          assertThat(receipt.path("entries")).isEmpty();
          assertThat(receipt.path("grantAbsence").asText()).isEqualTo("not-proven");
          var cp = CheckpointVerifier.forLog(key.verifierKey()).verify(receipt.path("checkpoint").asText());
          assertThat(cp.checkpoint().size()).isZero();
          assertThat(get(server.baseUrl() + "/log/checkpoint").statusCode()).isEqualTo(200);
        }
      }
    }
  }
}
