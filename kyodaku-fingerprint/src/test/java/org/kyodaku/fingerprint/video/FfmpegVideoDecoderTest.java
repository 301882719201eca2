package org.kyodaku.fingerprint.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.fingerprint.video.VideoDecodeException.Reason;

/**
 * The FFmpeg decoder on small named fixtures. These tests need {@code ffmpeg} and {@code ffprobe}
 * on {@code PATH}; without them they fail with {@link Reason#FFMPEG_MISSING}, whose message says to
 * install FFmpeg ({@code .ci/run} does).
 */
class FfmpegVideoDecoderTest {
  /** 64×48, 10 frames at 10 fps, H.264, made with {@code ffmpeg -f lavfi -i testsrc}. */
  private static final Path TESTSRC = fixture("testsrc_64x48_10fps.mp4");

  private static final Path NOT_A_VIDEO = fixture("error_not_a_video.mp4");
  private static final Path AUDIO_ONLY = fixture("error_no_video_stream.m4a");

  private final VideoDecoder decoder = VideoDecoder.ffmpeg();

  private static Path fixture(String name) {
    try {
      return Path.of(FfmpegVideoDecoderTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void probe_smallVideo_readsStreamFacts() {
    VideoInfo info = decoder.probe(TESTSRC);

    assertThat(info.codec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(64);
    assertThat(info.height()).isEqualTo(48);
    assertThat(info.framesPerSecond()).isEqualTo(10.0);
    assertThat(info.frameCount()).isEqualTo(OptionalLong.of(10));
    assertThat(info.rotationDegrees()).isZero();
  }

  @Test
  void decode_everyFrame_deliversNumberedFramesAtStreamSize() {
    List<VideoFrame> frames = new ArrayList<>();

    decoder.decode(TESTSRC, FrameRequest.everyFrame(), frames::add);

    assertThat(frames).extracting(VideoFrame::frameNumber)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(frames.get(0).image().width()).isEqualTo(64);
    assertThat(frames.get(0).image().height()).isEqualTo(48);
  }

  @Test
  void decode_stepAndSize_selectsEveryNthFrameScaled() {
    List<VideoFrame> frames = new ArrayList<>();

    decoder.decode(TESTSRC, FrameRequest.everyFrame().withStep(4).scaledTo(16, 8), frames::add);

    assertThat(frames).extracting(VideoFrame::frameNumber).containsExactly(0L, 4L, 8L);
    assertThat(frames).allSatisfy(f -> {
      assertThat(f.image().width()).isEqualTo(16);
      assertThat(f.image().height()).isEqualTo(8);
    });
  }

  @Test
  void decode_sameFileTwice_identicalPixels() {
    List<VideoFrame> first = new ArrayList<>();
    List<VideoFrame> second = new ArrayList<>();

    decoder.decode(TESTSRC, FrameRequest.everyFrame(), first::add);
    decoder.decode(TESTSRC, FrameRequest.everyFrame(), second::add);

    for (int i = 0; i < first.size(); i++) {
      int[] a = new int[64];
      int[] b = new int[64];
      for (int y = 0; y < 48; y++) {
        first.get(i).image().copyRow(y, a);
        second.get(i).image().copyRow(y, b);
        assertThat(a).as("frame %d row %d", i, y).isEqualTo(b);
      }
    }
  }

  @Test
  void decode_callbackThrows_exceptionPropagatesUnchanged() {
    IllegalStateException stop = new IllegalStateException("enough");

    assertThatThrownBy(() -> decoder.decode(TESTSRC, FrameRequest.everyFrame(), f -> {
      throw stop;
    })).isSameAs(stop);
  }

  @Test
  void probe_missingFile_noSuchFileNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("absent.mp4");

    assertThatThrownBy(() -> decoder.probe(missing))
        .isInstanceOfSatisfying(VideoDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_FILE))
        .hasMessage(missing + ": no such file");
  }

  @Test
  void probe_directory_noSuchFileSaysDirectory(@TempDir Path dir) {
    assertThatThrownBy(() -> decoder.probe(dir))
        .isInstanceOfSatisfying(VideoDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_FILE))
        .hasMessage(dir + ": no such file (it is a directory)");
  }

  @Test
  void probe_textFile_notAVideoWithFfprobeMessage() {
    assertThatThrownBy(() -> decoder.probe(NOT_A_VIDEO))
        .isInstanceOfSatisfying(VideoDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_VIDEO))
        .hasMessageStartingWith(NOT_A_VIDEO + ": not a video file FFmpeg can read")
        .hasMessageContaining("Invalid data found when processing input");
  }

  @Test
  void decode_audioOnly_noVideoStreamNamingFileAndStreams() {
    assertThatThrownBy(() -> decoder.decode(AUDIO_ONLY, FrameRequest.everyFrame(), f -> {}))
        .isInstanceOfSatisfying(VideoDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_VIDEO_STREAM))
        .hasMessage(AUDIO_ONLY + ": no video stream (format mov,mp4,m4a,3gp,3g2,mj2,"
            + " streams: audio aac)");
  }

  @Test
  void probe_ffmpegNotInstalled_tellsUserToInstall(@TempDir Path dir) {
    VideoDecoder absent = VideoDecoder.ffmpeg(VideoDecoderOptions.defaults().withProgramsIn(dir));

    assertThatThrownBy(() -> absent.probe(TESTSRC))
        .isInstanceOfSatisfying(VideoDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.FFMPEG_MISSING))
        .hasMessageStartingWith(TESTSRC + ": cannot run " + dir.resolve("ffprobe"))
        .hasMessageContaining("apt-get install ffmpeg");
  }

  @Test
  void decode_overPixelLimit_tooLargeBeforeDecoding() {
    VideoDecoder small = VideoDecoder.ffmpeg(VideoDecoderOptions.defaults().withMaxPixels(3000));

    assertThatThrownBy(() -> small.decode(TESTSRC, FrameRequest.everyFrame(), f -> {}))
        .isInstanceOfSatisfying(VideoDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
        .hasMessage(TESTSRC + ": frames of 64x48 exceed the limit of 3000 pixels");
  }

  @Test
  void decode_slowerThanTimeout_timeoutAndProcessStopped() {
    VideoDecoder impatient =
        VideoDecoder.ffmpeg(VideoDecoderOptions.defaults().withTimeout(Duration.ofMillis(1500)));

    // Frames of 3 MB fill the pipe, so ffmpeg is still running (blocked) when the limit passes.
    FrameRequest large = FrameRequest.everyFrame().scaledTo(1024, 1024);

    assertThatThrownBy(() -> impatient.decode(TESTSRC, large, f -> sleep(400)))
        .isInstanceOfSatisfying(VideoDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
        .hasMessageStartingWith(TESTSRC + ": ffmpeg took longer than PT1.5S");
  }

  @Test
  void options_zeroTimeout_refused() {
    assertThatThrownBy(() -> VideoDecoderOptions.defaults().withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the timeout must be positive, got PT0S");
  }

  @Test
  void frameRequest_zeroStep_refused() {
    assertThatThrownBy(() -> FrameRequest.everyFrame().withStep(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a frame step is at least 1, got 0");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
