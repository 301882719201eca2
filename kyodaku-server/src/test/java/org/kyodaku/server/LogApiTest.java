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
}
