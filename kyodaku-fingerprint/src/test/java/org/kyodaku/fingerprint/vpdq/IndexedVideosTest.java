package org.kyodaku.fingerprint.vpdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.VideoMatcher.VideoMatch;
import org.kyodaku.index.registry.VideoFrameIndex;

/**
 * {@link IndexedVideos} (candidates from the frame index, then the comparison) gives exactly what
 * {@link RegisteredVideos} (the comparison with every registered video) gives on upstream's sample
 * hashes; {@link IndexedVideosProperties} checks the same on random frame sets and thresholds.
 */
class IndexedVideosTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** Both matchers over the same registrations, the indexed one reading frames from {@code works}. */
  static final class Pair {
    final RegisteredVideos brute;
    final Map<String, List<Asset>> works = new HashMap<>();
    final VideoFrameIndex index;
    final IndexedVideos indexed;

    Pair() {
      this(VpdqThresholds.reference(), VideoFrameIndex.DEFAULT_RADIUS);
    }

    /** Both matchers under {@code thresholds}, the index searching at {@code radius}. */
    Pair(VpdqThresholds thresholds, int radius) {
      brute = new RegisteredVideos(thresholds);
      index = VideoFrameIndex.inMemory(radius);
      indexed = new IndexedVideos(index, works::get, thresholds);
    }

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
