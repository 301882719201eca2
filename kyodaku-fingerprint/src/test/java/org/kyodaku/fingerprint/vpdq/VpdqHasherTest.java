package org.kyodaku.fingerprint.vpdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.kyodaku.fingerprint.image.RgbImage;
import org.kyodaku.fingerprint.pdq.PdqHash;
import org.kyodaku.fingerprint.video.FrameRequest;
import org.kyodaku.fingerprint.video.VideoDecodeException;
import org.kyodaku.fingerprint.video.VideoDecoder;
import org.kyodaku.fingerprint.video.VideoFrame;
import org.kyodaku.fingerprint.video.VideoInfo;

/** Sampling, timestamps and edge cases, on a fake decoder and on the sample videos. */
class VpdqHasherTest {
  private static final Path FAKE_FILE = Path.of("fake.mp4");

  /** A decoder serving {@code count} frames of {@code width × height} at {@code fps}. */
  private record FakeDecoder(int count, double fps, int width, int height, List<FrameRequest> seen)
      implements VideoDecoder {
    FakeDecoder(int count, double fps, int width, int height) {
      this(count, fps, width, height, new ArrayList<>());
    }

    @Override
    public VideoInfo probe(Path file) {
      return new VideoInfo(0, "fake", width, height, fps, OptionalLong.of(count),
          OptionalDouble.empty(), 0);
    }

    @Override
    public VideoInfo decode(Path file, FrameRequest request, Consumer<VideoFrame> frames) {
      seen.add(request);
      for (int n = 0; n < count; n += request.step()) {
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
          pixels[i] = (i * 31 + n * 7) % 2 == 0 ? 0xffffff : (i * n) & 0xffffff;
        }
        frames.accept(new VideoFrame(n, RgbImage.of(width, height, pixels)));
      }
      return probe(file);
    }
  }

  @Test
  void hash_defaultOptions_everyFrameWithReferenceTimestamps() {
    FakeDecoder decoder = new FakeDecoder(5, 30, 32, 32);

    VpdqResult result = new VpdqHasher(decoder, VpdqOptions.everyFrame()).hash(FAKE_FILE);

    assertThat(decoder.seen()).containsExactly(FrameRequest.everyFrame());
    assertThat(result.features()).extracting(VpdqFeature::frameNumber).containsExactly(0, 1, 2, 3, 4);
    assertThat(result.features().get(1).timestampSeconds()).isEqualTo((double) (1f / 30f));
    assertThat(result.frameCount()).isEqualTo(OptionalLong.of(5));
    assertThat(result.framesPerSecond()).isEqualTo(30.0);
    assertThat(result.algorithm()).isEqualTo("vpdq-v1");
  }

  @Test
  void hash_oneSecondPerHash_stepIsTruncatedFrameRate() {
    FakeDecoder decoder = new FakeDecoder(100, 29.97, 16, 16);

    VpdqResult result =
        new VpdqHasher(decoder, VpdqOptions.everyFrame().withSecondsPerHash(1)).hash(FAKE_FILE);

    assertThat(result.features()).extracting(VpdqFeature::frameNumber).containsExactly(0, 29, 58, 87);
    assertThat(result.frameCount()).isEqualTo(OptionalLong.of(100)); // as declared
  }

  @Test
  void hash_frameRateBelowOne_everyFrame() {
    FakeDecoder decoder = new FakeDecoder(3, 0.5, 16, 16);

    VpdqResult result =
        new VpdqHasher(decoder, VpdqOptions.everyFrame().withSecondsPerHash(1)).hash(FAKE_FILE);

    assertThat(result.features()).hasSize(3);
    assertThat(result.features().get(2).timestampSeconds()).isEqualTo(4.0);
  }

  @Test
  void hash_framesUnderFivePixels_zeroHashQualityZero() {
    VpdqResult result =
        new VpdqHasher(new FakeDecoder(2, 25, 4, 100), VpdqOptions.everyFrame()).hash(FAKE_FILE);

    assertThat(result.features()).allSatisfy(f -> {
      assertThat(f.quality()).isZero();
      assertThat(f.pdqHash()).isEqualTo(new PdqHash(0, 0, 0, 0));
    });
  }

  @Test
  void hash_downsampleOption_requestsScaledFrames() {
    FakeDecoder decoder = new FakeDecoder(1, 25, 128, 128);

    new VpdqHasher(decoder, VpdqOptions.everyFrame().withDownsample(VpdqOptions.REFERENCE_DOWNSAMPLE))
        .hash(FAKE_FILE);

    assertThat(decoder.seen()).containsExactly(FrameRequest.everyFrame().scaledTo(128, 128));
  }

  @Test
  void options_negativeSecondsPerHash_refused() {
    assertThatThrownBy(() -> VpdqOptions.everyFrame().withSecondsPerHash(-1))
        .isInstanceOf(VpdqException.class)
        .hasMessage("secondsPerHash must be a finite number at least 0, got -1.0");
  }

  @Test
  void hash_sampleVideoOncePerSecond_sameFeaturesAsEveryFrameAtThoseFrames() {
    Path video = VpdqTestData.video(VpdqTestData.DOORKNOB);
    List<VpdqFeature> every = new VpdqHasher().hash(video).features();

    VpdqResult sampled =
        new VpdqHasher(VideoDecoder.ffmpeg(), VpdqOptions.everyFrame().withSecondsPerHash(1))
            .hash(video);

    assertThat(sampled.features()).containsExactly(
        every.get(0), every.get(30), every.get(60), every.get(90));
    assertThat(sampled.frameCount()).isEqualTo(OptionalLong.of(120));
  }

  @Test
  void hash_sampleVideo_matchesItselfFullyAndNotAnUnrelatedOne() {
    VpdqHasher hasher = new VpdqHasher();
    List<VpdqFeature> doorknob = hasher.hash(VpdqTestData.video(VpdqTestData.DOORKNOB)).features();
    List<VpdqFeature> pattern = hasher.hash(VpdqTestData.video(VpdqTestData.PATTERN)).features();

    assertThat(VpdqMatcher.compare(doorknob, doorknob, VpdqThresholds.sameContent()))
        .isEqualTo(new VpdqMatch(100, 100, true));
    assertThat(VpdqMatcher.compare(doorknob, pattern).matches()).isFalse();
    assertThat(VpdqMatcher.compare(pattern, doorknob).matches()).isFalse();
  }

  @Test
  void hash_sampleVideo_matchesReferenceHashFile() {
    List<VpdqFeature> ours =
        new VpdqHasher().hash(VpdqTestData.video(VpdqTestData.PATTERN)).features();
    List<VpdqFeature> reference = VpdqParser.read(VpdqTestData.expectedHashes(VpdqTestData.PATTERN));

    assertThat(VpdqMatcher.compare(ours, reference, VpdqThresholds.sameContent()))
        .isEqualTo(new VpdqMatch(100, 100, true));
  }

  @Test
  void hash_missingVideo_decodeExceptionNamingFile() {
    Path missing = Path.of("no-such-video.mp4");

    assertThatThrownBy(() -> new VpdqHasher().hash(missing))
        .isInstanceOfSatisfying(VideoDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDecodeException.Reason.NO_SUCH_FILE))
        .hasMessage("no-such-video.mp4: no such file");
  }
}
