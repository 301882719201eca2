package org.kyodaku.log.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.entry.Entry;
import org.kyodaku.log.entry.EntryWriter;
import org.kyodaku.log.entry.SignedBy;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.log.tiles.TileReader;

/** The auditor's check of a whole log copy: a genuine log passes, each kind of tampering is named. */
class LogAuditTest {
  static final Instant T = Instant.parse("2026-04-01T00:00:00Z");

  @TempDir Path dir;
  private SignerKey key;
  private Checkpoint checkpoint;
  private Checkpoint earlier;

  @BeforeEach
  void writeLog() throws Exception {
    key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(5));
    SequencerConfig config = SequencerConfig.of(key).withBatching(200, Duration.ofMillis(50));
    try (RegistryLog log = RegistryLog.open(dir.resolve("log"), config, Clock.systemUTC())) {
      // 700 parties in a few batches: three entry bundles and a level-1 tile.
      List<CompletableFuture<Long>> pending = new ArrayList<>();
      for (int i = 0; i < 700; i++) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("id", String.format("p_party%08d", i));
        body.put("kind", "creator");
        body.put("name", "作者 " + i);
        pending.add(log.sequencer().append(EntryWriter.write(new Entry("party", T, "registry", body).sign(key, SignedBy.REGISTRY))));
        if (i == 299) {
          CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get();
          earlier = verified(log.sequencer().checkpoint());
        }
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get();
      checkpoint = verified(log.sequencer().checkpoint());
    }
    assertThat(checkpoint.size()).isGreaterThan(700);
  }

  private Checkpoint verified(String text) {
    return CheckpointVerifier.forLog(key.verifierKey()).verify(text).checkpoint();
  }

  private LogAudit.Result audit() {
    return LogAudit.audit(
        TileReader.ofDirectory(dir.resolve("log")), checkpoint, key.verifierKey(), Optional.of(earlier), line -> {});
  }

  @Test
  void audit_genuineLog_rederivesEveryTileAndMapRoot() {
    LogAudit.Result r = audit();
    assertThat(r.entries()).isEqualTo(checkpoint.size());
    assertThat(r.bundles()).isEqualTo(3);
    assertThat(r.tiles()).isEqualTo(4); // 2 full + 1 partial at level 0, 1 partial at level 1
    assertThat(r.mapRoots()).isPositive();
    assertThat(LogAudit.paths(checkpoint.size()))
        .contains("tile/0/000", "tile/0/001", "tile/entries/000", "tile/1/000.p/2")
        .allSatisfy(p -> assertThat(dir.resolve("log").resolve(p)).exists());
  }

  private void flipByte(String path, int at) throws Exception {
    Path file = dir.resolve("log").resolve(path);
    byte[] data = Files.readAllBytes(file);
    data[at] ^= 1;
    Files.write(file, data);
  }

  @Test
  void audit_tamperedLevel0Tile_isRefusedNamingTheEntry() throws Exception {
    flipByte("tile/0/001", 32 * 5);
    assertThatThrownBy(this::audit)
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("tile/entries/001: entry 261 hashes to")
        .hasMessageContaining("but tile/0/001 holds");
  }

  @Test
  void audit_tamperedEntryBundle_isRefused() throws Exception {
    flipByte("tile/entries/000", 40);
    assertThatThrownBy(this::audit).isInstanceOf(AuditException.class).hasMessageContaining("tile/entries/000:");
  }

  @Test
  void audit_tamperedLevel1Tile_isRefusedNamingTheTileBelow() throws Exception {
    String partial = LogAudit.paths(checkpoint.size()).stream().filter(p -> p.startsWith("tile/1/")).findFirst().orElseThrow();
    flipByte(partial, 3);
    assertThatThrownBy(this::audit)
        .isInstanceOf(AuditException.class)
        .hasMessageContaining(partial + " holds")
        .hasMessageContaining("but the root of tile/0/000 is");
  }

  @Test
  void audit_truncatedTile_isRefused() throws Exception {
    Path file = dir.resolve("log/tile/0/000");
    Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 100));
    assertThatThrownBy(this::audit).isInstanceOf(AuditException.class).hasMessageContaining("tile/0/000 has 100 bytes");
  }

  @Test
  void audit_checkpointOfAnotherTree_isRefusedWithBothRoots() {
    Checkpoint other = new Checkpoint(checkpoint.origin(), checkpoint.size(), earlier.root(), List.of());
    assertThatThrownBy(() -> LogAudit.audit(
            TileReader.ofDirectory(dir.resolve("log")), other, key.verifierKey(), Optional.empty(), line -> {}))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("the tiles give root " + checkpoint.root())
        .hasMessageContaining("but the checkpoint says " + earlier.root());
  }

  @Test
  void audit_actsOutOfTimeOrder_isRefused() throws Exception {
    Path other = dir.resolve("unordered");
    Checkpoint cp;
    try (RegistryLog log = RegistryLog.open(other, SequencerConfig.of(key), Clock.systemUTC())) {
      for (int i = 0; i < 2; i++) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("id", String.format("p_late%08d", i));
        body.put("kind", "creator");
        body.put("name", "n");
        log.sequencer().append(EntryWriter.write(new Entry("party", T.minusSeconds(i), "registry", body).sign(key, SignedBy.REGISTRY))).get();
      }
      cp = verified(log.sequencer().checkpoint());
    }
    assertThatThrownBy(() -> LogAudit.audit(TileReader.ofDirectory(other), cp, key.verifierKey(), Optional.empty(), line -> {}))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("entry 2 (party) is at 2026-03-31T23:59:59Z, before an earlier act at 2026-04-01T00:00:00Z");
  }
}
