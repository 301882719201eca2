package org.kyodaku.index.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.FrameIndex.VideoAsset;
import org.kyodaku.core.registry.RegistryStore;
import org.kyodaku.core.registry.RegistryStore.IndexedFrame;
import org.kyodaku.index.hamming.IndexException;

/**
 * The video frame index: finds every video with a frame within the radius, persists like the
 * registry index (loads and catches up, rebuilds when stale), against a store holding a known list
 * of videos.
 */
class VideoFrameIndexTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  /** Registered works in order: id, instant, assets. */
  private final Map<String, Work> works = new LinkedHashMap<>();
  private final Map<String, List<Asset>> assets = new LinkedHashMap<>();

  private RegistryStore store() {
    return FakeStore.answering(
        (method, args) ->
            switch (method) {
              case "forEachIndexedFrame" -> {
                @SuppressWarnings("unchecked")
                Optional<Instant> after = (Optional<Instant>) args[0];
                @SuppressWarnings("unchecked")
                Consumer<IndexedFrame> action = (Consumer<IndexedFrame>) args[1];
                frames().stream()
                    .filter(f -> after.isEmpty() || f.registeredAt().isAfter(after.get()))
                    .forEach(action);
                yield null;
              }
              case "countFrames" -> frames().stream().filter(f -> !f.registeredAt().isAfter((Instant) args[0])).count();
              case "assetsOf" -> assets.getOrDefault((String) args[0], List.of());
              default -> throw new UnsupportedOperationException(method);
            });
  }

  private List<IndexedFrame> frames() {
    List<IndexedFrame> out = new ArrayList<>();
    assets.forEach(
        (id, list) -> {
          for (int i = 0; i < list.size(); i++) {
            int asset = i;
            list.get(i).video().ifPresent(v -> v.frames().forEach(
                f -> out.add(new IndexedFrame(id, asset, works.get(id).registeredAt(), f.pdq()))));
          }
        });
    return out;
  }

  private static String hex(SplittableRandom rnd) {
    return String.format("%016x%016x%016x%016x", rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
  }

  /** A work with a still and a video of {@code frames} random frames, in the store and, if given, the index. */
  private Work register(int frames, SplittableRandom rnd, Optional<VideoFrameIndex> live) {
    int k = works.size();
    Work work = new Work(String.format("w_video%08d", k), "clip", WorkKind.VIDEO, "p_owner00001", T0.plusSeconds(k));
    List<FrameHashes.Frame> list = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      list.add(new FrameHashes.Frame(i, i % 3 == 0 ? 10 : 90, hex(rnd)));
    }
    List<Asset> a =
        List.of(
            Asset.ofSha256(Optional.empty(), String.format("%064x", 2 * k)),
            new Asset(Optional.empty(), List.of(Fingerprint.sha256(String.format("%064x", 2 * k + 1))),
                Optional.of(new FrameHashes(FrameHashes.VPDQ, 25, list))));
    works.put(work.id(), work);
    assets.put(work.id(), a);
    live.ifPresent(index -> index.register(work, a));
    return work;
  }

  /** Every stored frame, as it is and with up to 20 bits changed, finds its video (asset 1). */
  private void assertFindsEverything(VideoFrameIndex index) {
    assertThat(index.size()).isEqualTo(frames().size());
    for (IndexedFrame f : frames()) {
      String flipped = f.pdq().substring(0, 59) + (f.pdq().charAt(59) == '0' ? "fffff" : "00000");
      assertThat(index.candidates(List.of(f.pdq()))).contains(new VideoAsset(f.work(), 1));
      assertThat(index.candidates(List.of(flipped))).contains(new VideoAsset(f.work(), 1));
    }
  }

  /** Opens the index again: its report says all of {@code parts}, and it finds everything. */
  private void assertReopensAs(String... parts) throws IOException {
    try (VideoFrameIndex index = VideoFrameIndex.open(dir, store(), 31)) {
      assertThat(index.report()).contains(parts);
      assertFindsEverything(index);
    }
  }

  @Test
  void candidates_framesWithinTheRadius_exactlyTheirVideos() {
    VideoFrameIndex index = VideoFrameIndex.inMemory(31);
    SplittableRandom rnd = new SplittableRandom(1);
    Work a = register(5, rnd, Optional.of(index));
    Work b = register(5, rnd, Optional.of(index));
    String frameOfA = assets.get(a.id()).get(1).video().orElseThrow().frames().get(2).pdq();
    // 31 bits away: 7 hex digits inverted (28 bits) and 3 bits of one more digit.
    String at31 = invert(frameOfA, 7);
    at31 = at31.substring(0, 56) + Integer.toHexString(Character.digit(at31.charAt(56), 16) ^ 0b0111) + at31.substring(57);
    String at32 = invert(frameOfA, 8);

    assertThat(index.candidates(List.of(frameOfA))).containsExactly(new VideoAsset(a.id(), 1));
    assertThat(index.candidates(List.of(at31))).containsExactly(new VideoAsset(a.id(), 1));
    assertThat(index.candidates(List.of(at32))).isEmpty();
    assertThat(index.candidates(List.of(frameOfA, assets.get(b.id()).get(1).video().orElseThrow().frames().get(0).pdq())))
        .containsExactlyInAnyOrder(new VideoAsset(a.id(), 1), new VideoAsset(b.id(), 1));
    assertThat(index.candidates(List.of(hex(new SplittableRandom(99))))).isEmpty();
  }

  /** {@code hex} with its last {@code digits} hex digits inverted: 4 bits each. */
  private static String invert(String hex, int digits) {
    StringBuilder sb = new StringBuilder(hex.substring(0, 64 - digits));
    for (char c : hex.substring(64 - digits).toCharArray()) {
      sb.append(Integer.toHexString(15 - Character.digit(c, 16)));
    }
    return sb.toString();
  }

  @Test
  void open_freshThenReopened_rebuildsThenLoadsAndCatchesUp() throws IOException {
    SplittableRandom rnd = new SplittableRandom(2);
    for (int i = 0; i < 20; i++) {
      register(30, rnd, Optional.empty());
    }
    try (VideoFrameIndex index = VideoFrameIndex.open(dir, store(), 31)) {
      assertThat(index.report()).contains("vpdq-v1: rebuilt 600 frames from the store (no index yet)", "radius 31");
      register(10, rnd, Optional.of(index));
      assertFindsEverything(index);
    }
    // Registered while the server was down: caught up at the next start.
    register(7, rnd, Optional.empty());

    assertReopensAs("vpdq-v1: 610 frames from", "7 registered since");
  }

  @Test
  void open_storeGainedOlderRegistrations_rebuildsAsStale() throws IOException {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 5; i++) {
      register(10, rnd, Optional.empty());
    }
    VideoFrameIndex.open(dir, store(), 31).close();
    Work old = new Work("w_older0000001", "older", WorkKind.VIDEO, "p_owner00001", T0.minusSeconds(1));
    works.put(old.id(), old);
    assets.put(old.id(), List.of(Asset.ofSha256(Optional.empty(), "e".repeat(64)), new Asset(Optional.empty(),
        List.of(Fingerprint.sha256("f".repeat(64))),
        Optional.of(new FrameHashes(FrameHashes.VPDQ, 25, List.of(new FrameHashes.Frame(0, 90, hex(rnd))))))));

    assertReopensAs("rebuilt 51 frames", "stale: the store holds 51 vpdq-v1 frames");
  }

  @Test
  void open_anotherStoreWithTheSameCount_rebuilds() throws IOException {
    for (int i = 0; i < 5; i++) {
      register(10, new SplittableRandom(4 + i), Optional.empty());
    }
    VideoFrameIndex.open(dir, store(), 31).close();
    works.clear();
    assets.clear();
    for (int i = 0; i < 5; i++) {
      register(10, new SplittableRandom(40 + i), Optional.empty());
    }

    assertReopensAs("rebuilt 50 frames", "which the store does not hold for it");
  }

  @Test
  void register_pastTheFlushThreshold_flushesInTheBackground() throws Exception {
    SplittableRandom rnd = new SplittableRandom(5);
    try (VideoFrameIndex index = VideoFrameIndex.open(dir, store(), 31, 100)) {
      for (int i = 0; i < 30; i++) {
        register(20, rnd, Optional.of(index));
      }
      assertFindsEverything(index);
    }
    assertReopensAs("600 frames from", "0 registered since");
  }

  @Test
  void register_burstFasterThanFlushes_leavesAShortTailOnceItStops() throws Exception {
    SplittableRandom rnd = new SplittableRandom(7);
    VideoFrameIndex index = VideoFrameIndex.open(dir, store(), 31, 100);
    for (int i = 0; i < 200; i++) {
      register(20, rnd, Optional.of(index));
    }
    // The burst is over: the background flusher keeps going until the tail is below a flush.
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (index.tailSize() >= 100 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(index.tailSize()).isLessThan(100);
    assertFindsEverything(index);
    index.close();
  }

  @Test
  void rebuild_inMemory_holdsEveryStoredFrame() {
    SplittableRandom rnd = new SplittableRandom(6);
    for (int i = 0; i < 4; i++) {
      register(15, rnd, Optional.empty());
    }

    VideoFrameIndex index = VideoFrameIndex.rebuild(store(), 31);

    assertFindsEverything(index);
    assertThat(index.report()).isEmpty();
  }

  @Test
  void inMemory_radiusOutOfRange_refused() {
    assertThatThrownBy(() -> VideoFrameIndex.inMemory(257))
        .isInstanceOf(IndexException.class)
        .hasMessage("radius for video frames must be between 0 and 256, got 257");
  }
}
