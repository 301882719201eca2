package org.kyodaku.log.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.merkle.MerkleHasher;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.merkle.MerkleVerifier;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.tiles.TileWriter;

class SequencerTest {
  private static final SignerKey KEY = SignerKey.ed25519("example.org/log", new byte[32]);
  private static final SequencerConfig CONFIG =
      SequencerConfig.of(KEY).withBatching(100, Duration.ofMillis(2));

  @TempDir Path dir;

  private static List<byte[]> entries(int from, int to) {
    List<byte[]> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(("entry " + i).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<Long> appendAll(Sequencer s, List<byte[]> entries) throws Exception {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    for (byte[] e : entries) {
      futures.add(s.append(e));
    }
    List<Long> out = new ArrayList<>();
    for (CompletableFuture<Long> f : futures) {
      out.add(f.get());
    }
    return out;
  }

  private Checkpoint published(Sequencer s) {
    return CheckpointVerifier.forLog(KEY.verifierKey()).verify(s.checkpoint()).checkpoint();
  }

  @Test
  void open_emptyDirectory_publishesSignedCheckpointOfSizeZero() throws Exception {
    try (Sequencer s = Sequencer.open(dir, CONFIG)) {
      assertThat(s.size()).isZero();
      assertThat(published(s).root()).isEqualTo(MerkleHasher.EMPTY_ROOT);
      assertThat(Files.readString(dir.resolve("checkpoint"))).isEqualTo(s.checkpoint());
    }
  }

  @Test
  void append_acrossTileBoundaries_indicesInOrderAndTilesEqualTileWriter() throws Exception {
    List<byte[]> all = entries(0, 70_000 / 100);
    try (Sequencer s = Sequencer.open(dir, CONFIG)) {
      List<Long> indices = appendAll(s, all.subList(0, 300));
      assertThat(indices).containsExactlyElementsOf(java.util.stream.LongStream.range(0, 300).boxed().toList());
    }
    try (Sequencer s = Sequencer.open(dir, CONFIG)) {
      assertThat(s.size()).isEqualTo(300);
      appendAll(s, all.subList(300, all.size()));
      Checkpoint cp = published(s);
      assertThat(cp.size()).isEqualTo(all.size());
      MerkleTree expected = MerkleTree.ofEntries(all);
      assertThat(cp.root()).isEqualTo(expected.root());
      // Every tile and bundle of the final size is on disk, byte for byte as TileWriter computes.
      for (Map.Entry<String, byte[]> tile : TileWriter.write(all).entrySet()) {
        assertThat(Files.readAllBytes(dir.resolve(tile.getKey()))).as(tile.getKey()).isEqualTo(tile.getValue());
      }
      MerkleTree fromTiles = s.tree(s.size());
      for (long i = 0; i < all.size(); i += 37) {
        MerkleVerifier.verifyInclusion(
            MerkleHasher.leafHash(all.get((int) i)), fromTiles.inclusionProof(i, s.size()), cp.root());
      }
    }
  }

  @Test
  void append_concurrentCallers_batchedUnderOneSecond() throws Exception {
    AtomicInteger checkpoints = new AtomicInteger();
    SequencerConfig config =
        SequencerConfig.of(KEY)
            .withBatching(256, Duration.ofMillis(50))
            .withExtensions(
                size -> {
                  checkpoints.incrementAndGet();
                  return List.of("size-is " + size);
                });
    try (Sequencer s = Sequencer.open(dir, config)) {
      long t0 = System.nanoTime();
      List<Long> indices = appendAll(s, entries(0, 1000));
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(indices).doesNotHaveDuplicates().hasSize(1000);
      assertThat(millis).as("1000 appends integrated").isLessThan(5000);
      // 1 checkpoint at open + a few batches: far fewer syncs than entries.
      assertThat(checkpoints.get()).isLessThan(30);
      assertThat(published(s).extensions()).containsExactly("size-is 1000");
      long single = System.nanoTime();
      s.append("one more".getBytes(StandardCharsets.UTF_8)).get();
      assertThat((System.nanoTime() - single) / 1_000_000).as("latency of one append").isLessThan(1000);
    }
  }

  @Test
  void open_filesOfUnpublishedBatch_rolledBackDeterministically() throws Exception {
    List<byte[]> all = entries(0, 10);
    try (Sequencer s = Sequencer.open(dir, CONFIG)) {
      appendAll(s, all);
    }
    // What a crash mid-batch leaves: tiles and bundles for size 12 and 300, and a temporary file.
    put("tile/0/000.p/12", new byte[12 * 32]);
    put("tile/entries/000.p/12", new byte[] {0, 1, 'x'});
    put("tile/entries/001.p/44", new byte[] {0, 1, 'y'});
    put("tile/0/000", new byte[256 * 32]);
    put("tile/1/000.p/1", new byte[32]);
    put(".checkpoint.tmp", "torn".getBytes(StandardCharsets.UTF_8));
    try (Sequencer s = Sequencer.open(dir, CONFIG)) {
      assertThat(s.size()).isEqualTo(10);
      assertThat(dir.resolve("tile/0/000.p/12")).doesNotExist();
      assertThat(dir.resolve("tile/entries/001.p/44")).doesNotExist();
      assertThat(dir.resolve("tile/0/000")).doesNotExist();
      assertThat(dir.resolve("tile/1/000.p/1")).doesNotExist();
      assertThat(dir.resolve(".checkpoint.tmp")).doesNotExist();
      assertThat(dir.resolve("tile/0/000.p/10")).exists();
      List<byte[]> more = entries(10, 20);
      appendAll(s, more);
      all.addAll(more);
      assertThat(published(s).root()).isEqualTo(MerkleTree.ofEntries(all).root());
    }
  }

  private void put(String path, byte[] data) throws java.io.IOException {
    Files.createDirectories(dir.resolve(path).getParent());
    Files.write(dir.resolve(path), data);
  }

  @Test
  void open_tileAltered_refusedWithRootMismatch() throws Exception {
    try (Sequencer s = Sequencer.open(dir, CONFIG)) {
      appendAll(s, entries(0, 5));
    }
    byte[] tile = Files.readAllBytes(dir.resolve("tile/0/000.p/5"));
    tile[0] ^= 1;
    Files.write(dir.resolve("tile/0/000.p/5"), tile);
    assertThatThrownBy(() -> Sequencer.open(dir, CONFIG))
        .isInstanceOf(SequencerException.class)
        .hasMessageContaining("does not hash to the partial level-0 tile");
  }

  @Test
  void open_otherLogKey_refused() throws Exception {
    try (Sequencer s = Sequencer.open(dir, CONFIG)) {
      appendAll(s, entries(0, 3));
    }
    SignerKey other = SignerKey.ed25519("example.org/log", new byte[] {
      1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    });
    assertThatThrownBy(() -> Sequencer.open(dir, SequencerConfig.of(other)))
        .isInstanceOf(SequencerException.class)
        .hasMessageContaining("checkpoint");
  }

  @Test
  void open_directoryInUse_refused() {
    try (Sequencer s = Sequencer.open(dir, CONFIG)) {
      assertThat(s.directory()).isEqualTo(dir.toAbsolutePath().normalize());
      assertThatThrownBy(() -> Sequencer.open(dir, CONFIG))
          .isInstanceOf(SequencerException.class)
          .hasMessageContaining("in use by another sequencer");
    }
  }

  @Test
  void append_entryTooLarge_failsWithoutStoppingTheLog() throws Exception {
    try (Sequencer s = Sequencer.open(dir, CONFIG)) {
      assertThatThrownBy(() -> s.append(new byte[65_536]).get())
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("entry has 65536 bytes, at most 65535 fit");
      assertThat(s.append(new byte[65_535]).get()).isZero();
    }
  }

  @Test
  void append_afterClose_fails() {
    Sequencer s = Sequencer.open(dir, CONFIG);
    s.close();
    assertThatThrownBy(() -> s.append(new byte[1]).get())
        .hasCauseInstanceOf(SequencerException.class)
        .hasMessageContaining("sequencer is closed");
  }

  @Test
  void config_delayAboveOneSecond_refused() {
    assertThatThrownBy(() -> SequencerConfig.of(KEY).withBatching(10, Duration.ofSeconds(2)))
        .isInstanceOf(SequencerException.class)
        .hasMessage("max delay PT2S is not in 0..1 s");
  }
}
