package org.kyodaku.fingerprint.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.kyodaku.fingerprint.video.VideoDecodeException.Reason;

/** Reading {@code ffprobe -of flat} output, on hand-written reports (no FFmpeg needed). */
class ProbeReportTest {
  private static final Path FILE = Path.of("clip.mp4");

  /** A phone video: cover art first, display matrix turning it 90° clockwise, no frame count. */
  private static final String PHONE_VIDEO =
      """
      streams.stream.0.index=0
      streams.stream.0.codec_name="mjpeg"
      streams.stream.0.codec_type="video"
      streams.stream.0.width=300
      streams.stream.0.height=300
      streams.stream.0.disposition.attached_pic=1
      streams.stream.1.index=1
      streams.stream.1.codec_name="hevc"
      streams.stream.1.codec_type="video"
      streams.stream.1.width=1920
      streams.stream.1.height=1080
      streams.stream.1.r_frame_rate="30/1"
      streams.stream.1.avg_frame_rate="30000/1001"
      streams.stream.1.disposition.attached_pic=0
      streams.stream.1.side_data_list.side_data.0.rotation=-90
      format.format_name="mov,mp4,m4a,3gp,3g2,mj2"
      format.duration="12.5"
      """;

  @Test
  void parse_coverArtAndRotation_picksRealVideoClockwiseDegrees() {
    VideoInfo info = ProbeReport.parse(PHONE_VIDEO, FILE);

    assertThat(info.streamIndex()).isEqualTo(1);
    assertThat(info.codec()).isEqualTo("hevc");
    assertThat(info.framesPerSecond()).isEqualTo(30000.0 / 1001);
    assertThat(info.rotationDegrees()).isEqualTo(90);
    assertThat(info.frameCount()).isEqualTo(OptionalLong.empty());
    assertThat(info.durationSeconds().getAsDouble()).isEqualTo(12.5);
  }

  @Test
  void parse_averageRateUnknown_fallsBackToRealBaseRate() {
    String flat = PHONE_VIDEO.replace("avg_frame_rate=\"30000/1001\"", "avg_frame_rate=\"0/0\"");

    assertThat(ProbeReport.parse(flat, FILE).framesPerSecond()).isEqualTo(30.0);
  }

  @Test
  void parse_noFrameRate_decodeFailedQuotingRates() {
    String flat = PHONE_VIDEO.replace("\"30000/1001\"", "\"0/0\"").replace("\"30/1\"", "\"0/0\"");

    assertThatThrownBy(() -> ProbeReport.parse(flat, FILE))
        .isInstanceOfSatisfying(VideoDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DECODE_FAILED))
        .hasMessage("clip.mp4: the video stream declares no frame rate (avg_frame_rate 0/0,"
            + " r_frame_rate 0/0)");
  }

  @Test
  void parse_onlyCoverArt_noVideoStream() {
    String flat =
        """
        streams.stream.0.index=0
        streams.stream.0.codec_name="mp3"
        streams.stream.0.codec_type="audio"
        streams.stream.1.index=1
        streams.stream.1.codec_name="png"
        streams.stream.1.codec_type="video"
        streams.stream.1.disposition.attached_pic=1
        format.format_name="mp3"
        """;

    assertThatThrownBy(() -> ProbeReport.parse(flat, FILE))
        .isInstanceOfSatisfying(VideoDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_VIDEO_STREAM))
        .hasMessage("clip.mp4: no video stream (format mp3, streams: audio mp3, cover picture png)");
  }

  @Test
  void parse_hlsPlaylist_refusedAsNotAVideo() {
    assertThatThrownBy(() -> ProbeReport.parse("format.format_name=\"hls\"\n", FILE))
        .isInstanceOfSatisfying(VideoDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_VIDEO))
        .hasMessageStartingWith("clip.mp4: a hls playlist, not a video file");
  }

  @Test
  void parse_legacyRotateTag_clockwise() {
    String flat = PHONE_VIDEO.replace("streams.stream.1.side_data_list.side_data.0.rotation=-90",
        "streams.stream.1.tags.rotate=\"270\"");

    assertThat(ProbeReport.parse(flat, FILE).rotationDegrees()).isEqualTo(270);
  }
}
