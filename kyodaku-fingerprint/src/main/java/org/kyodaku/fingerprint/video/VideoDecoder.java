package org.kyodaku.fingerprint.video;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a video file's first video stream. Implementations are thread-safe; each call works on
 * its own process and buffers.
 *
 * <p>Every failure (no such file, not a video, no video stream, FFmpeg not installed, too many
 * pixels, time limit exceeded, damaged data) is a {@link VideoDecodeException} whose message names
 * the file; its {@link VideoDecodeException#reason()} tells the cases apart.
 */
public interface VideoDecoder {

  /** The facts about {@code file}'s first video stream, without decoding any frame. */
  VideoInfo probe(Path file);

  /**
   * Decodes the frames of {@code file} that {@code request} selects and hands each to {@code
   * frames}, in decoding order, one at a time; the images are not reused, so the callback may
   * keep them. An exception thrown by the callback stops decoding and is rethrown unchanged.
   *
   * @return the facts about the stream that was decoded
   */
  VideoInfo decode(Path file, FrameRequest request, Consumer<VideoFrame> frames);

  /** The FFmpeg decoder with {@link VideoDecoderOptions#defaults()}. */
  static VideoDecoder ffmpeg() {
    return ffmpeg(VideoDecoderOptions.defaults());
  }

  /** The FFmpeg decoder with the given options. */
  static VideoDecoder ffmpeg(VideoDecoderOptions options) {
    return new FfmpegVideoDecoder(options);
  }
}
