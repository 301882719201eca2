package org.kyodaku.index.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.registry.NearMatcher.NearMatch;
import org.kyodaku.core.registry.RegistryStore;
import org.kyodaku.core.registry.RegistryStore.IndexedFingerprint;

/**
 * The persisted registry index against a store that holds a known list of fingerprints: a fresh
 * directory is rebuilt, an intact one loads and catches up, and a damaged, stale or foreign one is
 * rebuilt, so that every open answers exactly as a brute-force scan of the store would.
 */
class RegistryIndexPersistenceTest {
  private static final Map<String, Integer> RADII = Map.of(Fingerprint.PDQ, 31);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  /** The store's fingerprints, in registration order. */
  private final List<IndexedFingerprint> stored = new ArrayList<>();

  private RegistryStore store() {
    return FakeStore.of(stored);
  }

  private static Work work(String id, Instant at) {
    return FakeStore.work(id, at);
  }

  private static String hex(SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      sb.append(String.format("%016x", rnd.nextLong()));
    }
    return sb.toString();
  }

  /** Registers {@code n} works in the store and, if given, in the live index too. */
  private void register(int n, SplittableRandom rnd, Optional<RegistryIndex> live) {
    for (int i = 0; i < n; i++) {
      int k = stored.size();
      Instant at = T0.plusSeconds(k);
      IndexedFingerprint f = new IndexedFingerprint(FakeStore.workId(k), at, hex(rnd));
      stored.add(f);
      live.ifPresent(
          index ->
              index.register(
                  work(f.work(), at), List.of(new Asset(Optional.empty(), List.of(sha256(k), new Fingerprint(Fingerprint.PDQ, f.value()))))));
    }
  }

  private static Fingerprint sha256(int k) {
    return new Fingerprint(Fingerprint.SHA256, String.format("%064x", k));
  }

  /** Every stored fingerprint is found, at distance 0 and at distance 20, with its work. */
  private void assertFindsEverything(RegistryIndex index) {
    assertThat(index.size(Fingerprint.PDQ)).isEqualTo(stored.size());
    for (int k = 0; k < stored.size(); k += Math.max(1, stored.size() / 50)) {
      IndexedFingerprint f = stored.get(k);
      assertThat(index.near(new Fingerprint(Fingerprint.PDQ, f.value())))
          .as("entry %d", k)
          .contains(new NearMatch(f.work(), Fingerprint.PDQ, 0));
      String flipped = f.value().substring(0, 59) + flip5(f.value().substring(59));
      assertThat(index.near(new Fingerprint(Fingerprint.PDQ, flipped))).extracting(NearMatch::work).contains(f.work());
    }
  }

  /** The last five hex digits inverted: 20 bits away. */
  private static String flip5(String digits) {
    StringBuilder sb = new StringBuilder();
    for (char c : digits.toCharArray()) {
      sb.append(Integer.toHexString(15 - Character.digit(c, 16)));
    }
    return sb.toString();
  }

  /** Opens the index again: its report says all of {@code parts}, and it finds everything. */
  private void assertReopensAs(String... parts) throws IOException {
    try (RegistryIndex index = RegistryIndex.open(dir, store(), RADII)) {
      assertThat(index.report()).singleElement().asString().contains(parts);
      assertFindsEverything(index);
    }
  }

  private Path pdqDir() {
    return dir.resolve(Fingerprint.PDQ);
  }

  private List<Path> files(String suffix) throws IOException {
    try (Stream<Path> s = Files.list(pdqDir())) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void open_emptyDirectory_rebuildsFromTheStore() throws IOException {
    register(5000, new SplittableRandom(1), Optional.empty());

    assertReopensAs("rebuilt 5000 fingerprints", "no index yet");
    assertThat(files(".kdx")).hasSize(1);
    assertThat(files(".works")).hasSize(1);
  }

  @Test
  void open_afterClose_loadsTheSegmentsAndCatchesUpWithoutRebuilding() throws IOException {
    SplittableRandom rnd = new SplittableRandom(2);
    register(3000, rnd, Optional.empty());
    try (RegistryIndex index = RegistryIndex.open(dir, store(), RADII)) {
      register(700, rnd, Optional.of(index));
    }
    register(300, rnd, Optional.empty()); // registered while the index was not running

    assertReopensAs("3700 fingerprints from 2 segments, 300 registered since");
  }

  @Test
  void open_afterCrashWithoutFlush_catchesUpFromTheStore() throws IOException {
    SplittableRandom rnd = new SplittableRandom(3);
    register(2000, rnd, Optional.empty());
    RegistryIndex crashed = RegistryIndex.open(dir, store(), RADII);
    register(500, rnd, Optional.of(crashed)); // in its tail only: never closed

    assertReopensAs("2000 fingerprints from 1 segments, 500 registered since");
  }

  @Test
  void open_truncatedSegment_rebuildsInsteadOfAnsweringWrongly() throws IOException {
    register(5000, new SplittableRandom(4), Optional.empty());
    RegistryIndex.open(dir, store(), RADII).close();
    Path segment = files(".kdx").getFirst();
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 100);
    }

    assertReopensAs("rebuilt 5000", "truncated");
  }

  @Test
  void open_flippedByteInWorkIds_rebuilds() throws IOException {
    register(3000, new SplittableRandom(5), Optional.empty());
    RegistryIndex.open(dir, store(), RADII).close();
    Path works = files(".works").getFirst();
    byte[] bytes = Files.readAllBytes(works);
    bytes[bytes.length / 2] ^= 0x01; // a work id changes: answers would name the wrong work
    Files.write(works, bytes);

    assertReopensAs("rebuilt 3000", "checksum mismatch");
  }

  @Test
  void open_damagedManifest_rebuilds() throws IOException {
    register(100, new SplittableRandom(6), Optional.empty());
    RegistryIndex.open(dir, store(), RADII).close();
    Path manifest = pdqDir().resolve("manifest");
    Files.writeString(manifest, Files.readString(manifest).replace("entries 100", "entries 101"));

    assertReopensAs("rebuilt 100", "checksum mismatch");
  }

  @Test
  void open_storeGainedOlderRegistrations_rebuildsAsStale() throws IOException {
    SplittableRandom rnd = new SplittableRandom(7);
    register(1000, rnd, Optional.empty());
    RegistryIndex.open(dir, store(), RADII).close();
    // A registration dated before the index's instant that it never saw (another writer, a clock
    // set back): counting finds it.
    stored.add(new IndexedFingerprint("w_" + "z".repeat(26), T0.minusSeconds(1), hex(rnd)));

    assertReopensAs("rebuilt 1001", "stale: the store holds 1001 pdq-v1 fingerprints");
  }

  @Test
  void open_anotherStoreWithTheSameCount_rebuilds() throws IOException {
    register(1000, new SplittableRandom(8), Optional.empty());
    RegistryIndex.open(dir, store(), RADII).close();
    stored.clear();
    register(1000, new SplittableRandom(9), Optional.empty()); // same count and instants, other codes

    assertReopensAs("rebuilt 1000", "stale: the index has pdq-v1", "which the store does not hold for it");
  }

  @Test
  void open_leftoverOfACrashedFlush_isIgnored() throws IOException {
    register(1000, new SplittableRandom(10), Optional.empty());
    RegistryIndex.open(dir, store(), RADII).close();
    Files.copy(files(".kdx").getFirst(), pdqDir().resolve("segment-00000099.kdx"));
    Files.writeString(pdqDir().resolve("segment-00000100.kdx.tmp"), "partial");

    assertReopensAs("1000 fingerprints from 1 segments");
    assertThat(files(".kdx")).hasSize(1);
  }

  @Test
  void register_pastTheFlushThreshold_flushesInTheBackgroundWhileSearchesFindEverything() throws Exception {
    SplittableRandom rnd = new SplittableRandom(11);
    try (RegistryIndex index = RegistryIndex.open(dir, store(), RADII, 500)) {
      register(2600, rnd, Optional.of(index));
      assertFindsEverything(index);
      index.flush();
      // Flushed every 500 and compacted: fewer segments than flushes, each with its work ids.
      assertThat(files(".kdx")).hasSizeBetween(1, 4);
      assertThat(files(".works")).hasSize(files(".kdx").size());
    }
    assertReopensAs("2600 fingerprints", "0 registered since");
  }

  @Test
  void register_burstFasterThanFlushes_leavesAShortTailOnceItStops() throws Exception {
    SplittableRandom rnd = new SplittableRandom(17);
    try (RegistryIndex index = RegistryIndex.open(dir, store(), RADII, 100)) {
      register(4000, rnd, Optional.of(index));
      // The burst is over: the background flusher keeps going until the tail is below a flush.
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (index.tailSize(Fingerprint.PDQ) >= 100 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(index.tailSize(Fingerprint.PDQ)).isLessThan(100);
      assertFindsEverything(index);
    }
  }
}
