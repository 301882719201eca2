package org.kyodaku.fingerprint.vpdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.VideoMatcher.VideoMatch;
import org.kyodaku.fingerprint.pdq.PdqHash;
import org.kyodaku.index.registry.VideoFrameIndex;

/**
 * {@link IndexedVideos} (candidates from the frame index, then the comparison) gives exactly what
 * {@link RegisteredVideos} (the comparison with every registered video) gives: on random frame
 * sets built to sit around the thresholds, and on upstream's sample hashes.
 */
class IndexedVideosTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** Both matchers over the same registrations, the indexed one reading frames from {@code works}. */
  private static final class Pair {
    final RegisteredVideos brute = new RegisteredVideos(VpdqThresholds.reference());
    final Map<String, List<Asset>> works = new HashMap<>();
    final IndexedVideos indexed =
        new IndexedVideos(VideoFrameIndex.inMemory(VideoFrameIndex.DEFAULT_RADIUS), works::get, VpdqThresholds.reference());

    void register(String id, List<Asset> assets) {
      Work work = new Work(id, id, WorkKind.VIDEO, "p_owner00001", T0);
      works.put(id, assets);
      brute.register(work, assets);
      indexed.register(work, assets);
    }

    List<VideoMatch> assertSame(FrameHashes query) {
      List<VideoMatch> expected = brute.find(query);
      assertThat(indexed.find(query)).isEqualTo(expected);
      return expected;
    }
  }

  private static PdqHash random(SplittableRandom r) {
    return new PdqHash(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
  }

  /** {@code hash} with {@code bits} distinct bits flipped. */
  private static PdqHash flip(PdqHash hash, int bits, SplittableRandom r) {
    long[] w = {hash.bits192to255(), hash.bits128to191(), hash.bits64to127(), hash.bits0to63()};
    java.util.Set<Integer> chosen = new java.util.HashSet<>();
    while (chosen.size() < bits) {
      chosen.add(r.nextInt(256));
    }
    for (int b : chosen) {
      w[b / 64] ^= 1L << (b % 64);
    }
    return new PdqHash(w[0], w[1], w[2], w[3]);
  }

  private static FrameHashes video(List<PdqHash> hashes, List<Integer> qualities) {
    List<FrameHashes.Frame> frames = new ArrayList<>();
    for (int i = 0; i < hashes.size(); i++) {
      frames.add(new FrameHashes.Frame(i * 30, qualities.get(i), hashes.get(i).toHex()));
    }
    return new FrameHashes(FrameHashes.VPDQ, 30, frames);
  }

  /** Distances that cluster around the 31-bit threshold, where an off-by-one would show. */
  private static int nearThreshold(SplittableRandom r) {
    return switch (r.nextInt(4)) {
      case 0 -> r.nextInt(8);
      case 1 -> 26 + r.nextInt(11);
      case 2 -> r.nextInt(31);
      default -> 31;
    };
  }

  @Test
  void find_randomFrameSets_sameAsComparingWithEveryVideo() {
    int matched = 0;
    int queries = 0;
    for (long seed = 1; seed <= 4; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      Pair pair = new Pair();
      List<PdqHash> scenes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        scenes.add(random(r));
      }
      List<List<PdqHash>> registered = new ArrayList<>();
      for (int v = 0; v < 30; v++) {
        List<PdqHash> hashes = new ArrayList<>();
        List<Integer> qualities = new ArrayList<>();
        int length = 1 + r.nextInt(25);
        for (int i = 0; i < length; i++) {
          PdqHash scene = scenes.get(r.nextInt(scenes.size()));
          // Repeated frames too: the comparison counts distinct hashes.
          hashes.add(r.nextInt(5) == 0 ? scene : flip(scene, r.nextInt(12), r));
          qualities.add(r.nextInt(6) == 0 ? r.nextInt(50) : 50 + r.nextInt(51));
        }
        registered.add(hashes);
        FrameHashes frames = video(hashes, qualities);
        String id = String.format("w_video%07d", seed * 100 + v);
        Asset still = Asset.ofSha256(Optional.empty(), String.format("%064x", seed * 1000 + v));
        Asset clip = new Asset(Optional.empty(), List.of(Fingerprint.sha256(String.format("%064x", seed * 1000 + 500 + v))), Optional.of(frames));
        // Some works hold the video twice (a second cut), so the best asset per work is chosen.
        pair.register(id, r.nextInt(4) == 0 ? List.of(still, clip, new Asset(Optional.empty(),
            List.of(Fingerprint.sha256(String.format("%064x", seed * 1000 + 900 + v))),
            Optional.of(video(hashes.subList(0, (hashes.size() + 1) / 2), qualities)))) : List.of(clip, still));
      }
      for (int k = 0; k < 60; k++) {
        List<PdqHash> hashes = new ArrayList<>();
        switch (k % 5) {
          case 0 -> registered.get(r.nextInt(registered.size())).forEach(h -> hashes.add(flip(h, nearThreshold(r), r)));
          case 1 -> {
            // A longer video containing two registered ones.
            registered.get(r.nextInt(registered.size())).forEach(h -> hashes.add(flip(h, r.nextInt(10), r)));
            registered.get(r.nextInt(registered.size())).forEach(h -> hashes.add(flip(h, r.nextInt(10), r)));
          }
          case 2 -> {
            List<PdqHash> source = registered.get(r.nextInt(registered.size()));
            source.subList(0, 1 + r.nextInt(source.size())).forEach(h -> hashes.add(flip(h, nearThreshold(r), r)));
          }
          case 3 -> {
            for (int i = 0; i < 1 + r.nextInt(20); i++) {
              hashes.add(flip(scenes.get(r.nextInt(scenes.size())), nearThreshold(r), r));
            }
          }
          default -> {
            for (int i = 0; i < 1 + r.nextInt(20); i++) {
              hashes.add(random(r));
            }
          }
        }
        List<Integer> qualities = new ArrayList<>();
        hashes.forEach(h -> qualities.add(r.nextInt(8) == 0 ? r.nextInt(50) : 50 + r.nextInt(51)));

        List<VideoMatch> found = pair.assertSame(video(hashes, qualities));
        queries++;
        if (!found.isEmpty()) {
          matched++;
        }
      }
    }
    // Not vacuous: a good share of the queries match something, and some do not.
    assertThat(matched).isBetween(queries / 5, queries - queries / 10);
  }

  /**
   * Every one of upstream's 31 sample hash files (chairs, doorknob, pattern, in several cuts and
   * sizes) registered, and each queried: many near-duplicates of each other, real frames.
   */
  @Test
  void find_upstreamSamples_sameAsComparingWithEveryVideo() throws java.io.IOException {
    Pair pair = new Pair();
    List<java.nio.file.Path> files;
    try (var listed = java.nio.file.Files.list(VpdqTestData.root().resolve("vpdq/sample-hashes"))) {
      files = listed.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(30);
    for (int i = 0; i < files.size(); i++) {
      pair.register(String.format("w_sample%06d", i), List.of(new Asset(Optional.empty(),
          List.of(Fingerprint.sha256(String.format("%064x", i))), Optional.of(RegisteredVideosTest.frames(VpdqParser.read(files.get(i)))))));
    }
    int matched = 0;
    for (java.nio.file.Path file : files) {
      matched += pair.assertSame(RegisteredVideosTest.frames(VpdqParser.read(file))).size();
    }
    assertThat(matched).isGreaterThanOrEqualTo(files.size());
  }

  @Test
  void new_thresholdsMatchingWithoutAnyFrame_refused() {
    assertThatThrownBy(
            () ->
                new IndexedVideos(
                    VideoFrameIndex.inMemory(31), w -> List.of(), VpdqThresholds.reference().withPercentages(0, 0)))
        .isInstanceOf(VpdqException.class)
        .hasMessageStartingWith("with both match percentages at 0 every video matches every query");
  }

  @Test
  void new_indexRadiusBelowFrameDistance_refused() {
    assertThatThrownBy(() -> new IndexedVideos(VideoFrameIndex.inMemory(20), w -> List.of(), VpdqThresholds.reference()))
        .isInstanceOf(VpdqException.class)
        .hasMessage("the frame index finds frames within 20 bits, the comparison needs 31");
  }
}
