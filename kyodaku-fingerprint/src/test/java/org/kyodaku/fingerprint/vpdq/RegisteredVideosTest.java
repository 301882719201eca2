package org.kyodaku.fingerprint.vpdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.VideoMatcher.VideoMatch;

/** Finding registered videos by their frames, on upstream's expected hash files. */
class RegisteredVideosTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static List<VpdqFeature> sample(String name) {
    return VpdqParser.read(VpdqTestData.expectedHashes(name));
  }

  /** Upstream's features as registered frame hashes at 30 frames/s. */
  static FrameHashes frames(List<VpdqFeature> features) {
    List<FrameHashes.Frame> out = new ArrayList<>();
    int next = 0;
    for (VpdqFeature f : features) {
      // Renumbered so that joined samples keep increasing frame numbers.
      out.add(new FrameHashes.Frame(next++, f.quality(), f.pdqHash().toHex()));
    }
    return new FrameHashes(FrameHashes.VPDQ, 30, out);
  }

  private static List<VpdqFeature> join(List<VpdqFeature> a, List<VpdqFeature> b) {
    List<VpdqFeature> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static RegisteredVideos registered() {
    RegisteredVideos videos = new RegisteredVideos(VpdqThresholds.reference());
    register(videos, "w_doorknob0001", sample(VpdqTestData.DOORKNOB));
    register(videos, "w_pattern00001", sample(VpdqTestData.PATTERN));
    return videos;
  }

  private static void register(RegisteredVideos videos, String id, List<VpdqFeature> features) {
    Work work = new Work(id, id, WorkKind.VIDEO, "p_owner00001", T0);
    Asset still = Asset.ofSha256(Optional.empty(), "a".repeat(64));
    Asset video = new Asset(Optional.empty(), List.of(Fingerprint.sha256("b".repeat(64))), Optional.of(frames(features)));
    videos.register(work, List.of(still, video));
  }

  @Test
  void find_sameFrames_matchesBothWaysAtDistanceZero() {
    List<VideoMatch> found = registered().find(frames(sample(VpdqTestData.DOORKNOB)));

    assertThat(found).containsExactly(new VideoMatch("w_doorknob0001", 1, FrameHashes.VPDQ, 0, 100, 100));
  }

  @Test
  void find_downsampledCopy_matchesWithItsFigures() {
    List<VideoMatch> found = registered().find(frames(sample(VpdqTestData.PATTERN + "-128x128")));

    assertThat(found).hasSize(1);
    VideoMatch m = found.getFirst();
    assertThat(m.work()).isEqualTo("w_pattern00001");
    assertThat(m.registeredMatchPercent()).isGreaterThanOrEqualTo(VpdqThresholds.REFERENCE_COMPARED_PERCENT);
    assertThat(m.queryMatchPercent()).isGreaterThan(0);
    assertThat(m.distance()).isBetween(1, VpdqThresholds.REFERENCE_MAX_DISTANCE);
  }

  @Test
  void find_longerVideoContainingARegisteredOne_matchesIt() {
    RegisteredVideos videos = new RegisteredVideos(VpdqThresholds.reference());
    register(videos, "w_doorknob0001", sample(VpdqTestData.DOORKNOB));

    List<VideoMatch> found =
        videos.find(frames(join(sample(VpdqTestData.PATTERN), sample(VpdqTestData.DOORKNOB))));

    assertThat(found).extracting(VideoMatch::work).containsExactly("w_doorknob0001");
    assertThat(found.getFirst().registeredMatchPercent()).isEqualTo(100);
    assertThat(found.getFirst().queryMatchPercent()).isLessThan(100);
  }

  @Test
  void find_shortClipOfARegisteredVideo_doesNotMatch() {
    List<VpdqFeature> doorknob = sample(VpdqTestData.DOORKNOB);

    List<VideoMatch> found = registered().find(frames(doorknob.subList(0, doorknob.size() / 4)));

    assertThat(found).isEmpty();
  }

  @Test
  void find_unrelatedVideo_matchesNothing() {
    RegisteredVideos videos = new RegisteredVideos(VpdqThresholds.reference());
    register(videos, "w_doorknob0001", sample(VpdqTestData.DOORKNOB));

    assertThat(videos.find(frames(sample(VpdqTestData.PATTERN)))).isEmpty();
  }

  @Test
  void find_onlyLowQualityFrames_matchesNothing() {
    List<FrameHashes.Frame> dull = new ArrayList<>();
    for (FrameHashes.Frame f : frames(sample(VpdqTestData.DOORKNOB)).frames()) {
      dull.add(new FrameHashes.Frame(f.number(), 49, f.pdq()));
    }

    assertThat(registered().find(new FrameHashes(FrameHashes.VPDQ, 30, dull))).isEmpty();
  }

  @Test
  void register_videoWithoutUsableFrames_isNotCounted() {
    RegisteredVideos videos = new RegisteredVideos(VpdqThresholds.reference());
    Work work = new Work("w_dark00000001", "dark", WorkKind.VIDEO, "p_owner00001", T0);
    FrameHashes dark = new FrameHashes(FrameHashes.VPDQ, 25, List.of(new FrameHashes.Frame(0, 0, "0".repeat(64))));
    videos.register(work, List.of(new Asset(Optional.empty(), List.of(Fingerprint.sha256("c".repeat(64))), Optional.of(dark))));

    assertThat(videos.size()).isZero();
    assertThat(registered().size()).isEqualTo(2);
  }

  @Test
  void reaches_exactlyThePercentage_passesAndOneMissMore_fails() {
    var zero = new org.kyodaku.fingerprint.pdq.PdqHash(0, 0, 0, 0);
    var far = new org.kyodaku.fingerprint.pdq.PdqHash(-1, -1, -1, -1);
    var near = new org.kyodaku.fingerprint.pdq.PdqHash(0, 0, 0, 1);
    var other = new org.kyodaku.fingerprint.pdq.PdqHash(0, 0, 0, 3);
    var more = new org.kyodaku.fingerprint.pdq.PdqHash(0, 0, 0, 7);
    // 4 of 5 within reach: exactly 80 %.
    List<org.kyodaku.fingerprint.pdq.PdqHash> five = List.of(zero, near, other, more, far);

    assertThat(VpdqMatcher.reaches(five, List.of(zero), 31, 80)).isTrue();
    assertThat(VpdqMatcher.reaches(five, List.of(zero), 31, 80.1)).isFalse();
  }

  @Test
  void frameHashes_outOfOrderFrames_refusedNamingTheFrame() {
    assertThatThrownBy(
            () ->
                new FrameHashes(
                    FrameHashes.VPDQ,
                    30,
                    List.of(new FrameHashes.Frame(5, 100, "0".repeat(64)), new FrameHashes.Frame(5, 100, "1".repeat(64)))))
        .hasMessage("frames[1].frame: frame numbers must increase, got 5 after 5");
  }
}
