package org.kyodaku.log.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.merkle.MerkleHasher;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.merkle.MerkleVerifier;
import org.kyodaku.log.tiles.EntryBundle;
import org.kyodaku.log.tiles.TilePaths;

/**
 * Kills a real sequencer process with SIGKILL ({@link Process#destroyForcibly()}) at random
 * moments while it appends continuously, several times over the same directory, and checks after
 * every kill, by reopening the log in this JVM: every index the child acknowledged holds exactly
 * the acknowledged entry and has an inclusion proof against the reopened checkpoint; every
 * checkpoint the child ever saw verifies under the log key and is consistent with the reopened
 * tree (the same root at its size, and a consistency proof that verifies).
 */
class SequencerCrashTest {
  private static final int ROUNDS = 6;

  @TempDir Path dir;

  @Test
  void append_killedAtRandomMoments_noAcknowledgedEntryLostAndCheckpointsConsistent()
      throws Exception {
    RandomGenerator random = java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(20251103L);
    Map<Long, byte[]> acked = new TreeMap<>();
    List<String> checkpoints = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      long killAfterMillis = 150 + random.nextLong(900);
      runAndKill(round, killAfterMillis, acked, checkpoints);
      long filesBefore = countFiles();
      long size = verify(acked, checkpoints);
      System.out.printf(
          "round %d: killed after %d ms; %d acknowledged, %d checkpoints seen so far; reopened at"
              + " size %d; files %d -> %d after roll-back%n",
          round, killAfterMillis, acked.size(), checkpoints.size(), size, filesBefore, countFiles());
    }
    assertThat(acked).as("acknowledged entries over all rounds").hasSizeGreaterThan(50);
    assertThat(checkpoints).as("checkpoints seen").hasSizeGreaterThan(ROUNDS);
  }

  private void runAndKill(
      int round, long killAfterMillis, Map<Long, byte[]> acked, List<String> checkpoints)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"),
            SequencerCrashChild.class.getName(),
            dir.toString(),
            Integer.toString(round));
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process child = pb.start();
    CountDownLatch ready = new CountDownLatch(1);
    List<String> lines = new ArrayList<>();
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                      if (line.startsWith("ready ")) {
                        ready.countDown();
                      }
                      synchronized (lines) {
                        lines.add(line);
                      }
                    }
                  } catch (IOException e) {
                    // the pipe closes when the child dies
                  }
                });
    assertThat(ready.await(20, TimeUnit.SECONDS)).as("child round " + round + " ready").isTrue();
    Thread.sleep(killAfterMillis);
    child.destroyForcibly();
    assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    reader.join(20_000);
    synchronized (lines) {
      for (String line : lines) {
        String[] parts = line.split(" ");
        // A line cut off by the kill is ignored: only whole lines were acknowledged.
        try {
          if (parts[0].equals("ack") && parts.length == 3) {
            acked.put(Long.parseLong(parts[1]), Base64.getDecoder().decode(parts[2]));
          } else if (parts[0].equals("cp") && parts.length == 2) {
            checkpoints.add(
                new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8));
          }
        } catch (IllegalArgumentException e) {
          // torn line
        }
      }
    }
  }

  private long countFiles() throws IOException {
    try (var files = java.nio.file.Files.walk(dir)) {
      return files.filter(java.nio.file.Files::isRegularFile).count();
    }
  }

  private long verify(Map<Long, byte[]> acked, List<String> checkpoints) throws IOException {
    CheckpointVerifier verifier =
        CheckpointVerifier.forLog(SequencerCrashChild.logKey().verifierKey());
    try (Sequencer log = Sequencer.open(dir, SequencerCrashChild.config())) {
      long size = log.size();
      Checkpoint now = verifier.verify(log.checkpoint()).checkpoint();
      MerkleTree tree = log.tree(size);
      assertThat(tree.root()).isEqualTo(now.root());
      for (Map.Entry<Long, byte[]> a : acked.entrySet()) {
        long index = a.getKey();
        assertThat(index).as("acknowledged index").isLessThan(size);
        EntryBundle bundle =
            EntryBundle.parse(log.reader().read(TilePaths.entryBundleFor(index, size)));
        assertThat(bundle.entry((int) (index % TilePaths.TILE_WIDTH)))
            .as("entry " + index)
            .isEqualTo(a.getValue());
        MerkleVerifier.verifyInclusion(
            MerkleHasher.leafHash(a.getValue()), tree.inclusionProof(index, size), now.root());
      }
      for (String text : checkpoints) {
        Checkpoint seen = verifier.verify(text).checkpoint();
        assertThat(seen.size()).isLessThanOrEqualTo(size);
        assertThat(tree.root(seen.size())).as("root at size " + seen.size()).isEqualTo(seen.root());
        if (seen.size() > 0) {
          MerkleVerifier.verifyConsistency(
              tree.consistencyProof(seen.size(), size), seen.root(), now.root());
        }
      }
      return size;
    }
  }
}
