package org.kyodaku.fingerprint.video;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.kyodaku.fingerprint.image.RgbImage;
import org.kyodaku.fingerprint.video.FrameRequest.FrameSize;
import org.kyodaku.fingerprint.video.VideoDecodeException.Reason;

/**
 * Decodes video with the {@code ffprobe} and {@code ffmpeg} programs run as child processes.
 *
 * <p><b>Probe</b>: {@code ffprobe -of flat} lists the streams and container format ({@link
 * ProbeReport} picks the stream and reads its facts). A non-zero exit on an existing file means
 * FFmpeg does not read it as media: {@link Reason#NOT_A_VIDEO}.
 *
 * <p><b>Decode</b>: {@code ffmpeg} decodes the chosen stream and writes raw frames to its standard
 * output, {@code width × height × 3} bytes each (RGB24, rows top to bottom, no padding), read here
 * one frame at a time into one reused buffer. The options, and why:
 *
 * <ul>
 *   <li>{@code -threads 1 -flags +bitexact}: one software decoding thread, and the decoders' exact
 *       integer transforms (no approximate SIMD IDCT); no hardware acceleration is ever requested.
 *   <li>{@code -noautorotate}: frames as stored, ignoring display rotation, as the vPDQ reference
 *       (libav* used directly) sees them.
 *   <li>{@code -fps_mode passthrough}: no frame is duplicated or dropped to reach a constant rate,
 *       so output frame {@code k} is decoded frame {@code k·step} (the reference numbers decoded
 *       frames the same way). Needs FFmpeg 5.1 or later.
 *   <li>{@code select=not(mod(n,step))}: sampled frames are chosen before conversion, so skipped
 *       frames cost decoding only.
 *   <li>{@code scale=W:H:flags=area+accurate_rnd+bitexact,format=rgb24}: conversion to RGB24 (and
 *       optional resizing) with swscale's area filter, the one the reference names; {@code
 *       accurate_rnd+bitexact} make swscale's output identical with and without CPU-specific
 *       SIMD code paths (measured: ADR 0006), so hashes do not depend on the machine.
 *   <li>{@code -protocol_whitelist file} and a {@code file:} URL: the input is read as a local file
 *       even if its name looks like a URL or protocol, and nothing else is opened.
 * </ul>
 *
 * <p><b>Bounds</b>: frames over {@link VideoDecoderOptions#maxPixels()} are refused from the
 * probe, before decoding; memory per call is one byte buffer and one pixel array per frame in
 * flight; FFmpeg's error output is kept to its last lines; a watchdog kills the process at {@link
 * VideoDecoderOptions#timeout()}.
 */
final class FfmpegVideoDecoder implements VideoDecoder {
  private static final String SCALE_FLAGS = "area+accurate_rnd+bitexact";
  private static final int BYTES_PER_PIXEL = 3;
  private static final int MAX_PROBE_OUTPUT = 1 << 20;

  private final VideoDecoderOptions options;

  FfmpegVideoDecoder(VideoDecoderOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public VideoInfo probe(Path file) {
    requireFile(file);
    List<String> command =
        List.of(
            options.ffprobe(),
            "-v", "error",
            "-hide_banner",
            "-protocol_whitelist", "file",
            "-show_entries",
            "stream=index,codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate,"
                + "nb_frames,duration:stream_disposition=attached_pic"
                + ":stream_side_data=rotation:stream_tags=rotate:format=format_name,duration",
            "-of", "flat",
            url(file));
    try (ChildProcess probe = ChildProcess.start(command, file, options.timeout())) {
      String flat;
      try (InputStream out = probe.stdout()) {
        byte[] bytes = out.readNBytes(MAX_PROBE_OUTPUT);
        out.transferTo(OutputStream.nullOutputStream());
        flat = new String(bytes, StandardCharsets.UTF_8);
      } catch (IOException e) {
        probe.checkNotTimedOut();
        throw new VideoDecodeException(
            Reason.DECODE_FAILED, file + ": reading ffprobe's output failed: " + e.getMessage(), e);
      }
      int status = probe.waitFor();
      if (status != 0) {
        throw new VideoDecodeException(
            Reason.NOT_A_VIDEO,
            file + ": not a video file FFmpeg can read (ffprobe exit status " + status + ")"
                + probe.said());
      }
      return ProbeReport.parse(flat, file);
    }
  }

  @Override
  public VideoInfo decode(Path file, FrameRequest request, Consumer<VideoFrame> frames) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(frames, "frames");
    VideoInfo info = probe(file);
    FrameSize size = request.size().orElse(new FrameSize(info.width(), info.height()));
    long largest = Math.max(info.pixels(), size.pixels());
    if (largest > options.maxPixels()) {
      throw new VideoDecodeException(
          Reason.TOO_LARGE,
          file + ": frames of " + info.width() + "x" + info.height()
              + (request.size().isPresent() ? " scaled to " + size : "") + " exceed the limit of "
              + options.maxPixels() + " pixels");
    }
    int frameBytes = Math.toIntExact(size.pixels() * BYTES_PER_PIXEL);
    try (ChildProcess ffmpeg = ChildProcess.start(command(file, info, request, size), file,
        options.timeout())) {
      long decoded = 0;
      try (InputStream out = ffmpeg.stdout()) {
        byte[] buffer = new byte[frameBytes];
        while (true) {
          int read = out.readNBytes(buffer, 0, frameBytes);
          if (read == 0) {
            break;
          }
          if (read < frameBytes) {
            ffmpeg.waitFor();
            throw new VideoDecodeException(
                Reason.DECODE_FAILED,
                file + ": ffmpeg's output ended inside frame " + decoded * request.step() + " ("
                    + read + " of " + frameBytes + " bytes)" + ffmpeg.said());
          }
          RgbImage image = RgbImage.of(size.width(), size.height(), pack(buffer));
          frames.accept(new VideoFrame(decoded * request.step(), image));
          decoded++;
        }
      } catch (IOException e) {
        ffmpeg.checkNotTimedOut();
        throw new VideoDecodeException(
            Reason.DECODE_FAILED,
            file + ": reading frames from ffmpeg failed: " + e.getMessage() + ffmpeg.said(), e);
      }
      int status = ffmpeg.waitFor();
      if (status != 0) {
        throw new VideoDecodeException(
            Reason.DECODE_FAILED,
            file + ": ffmpeg failed after " + decoded + " frames (exit status " + status + ")"
                + ffmpeg.said());
      }
      return info;
    }
  }

  private List<String> command(Path file, VideoInfo info, FrameRequest request, FrameSize size) {
    List<String> filters = new ArrayList<>();
    if (request.step() > 1) {
      // The comma inside the expression is escaped from the filter-graph parser.
      filters.add("select=not(mod(n\\," + request.step() + "))");
    }
    filters.add("scale=" + size.width() + ":" + size.height() + ":flags=" + SCALE_FLAGS);
    filters.add("format=rgb24");
    return List.of(
        options.ffmpeg(),
        "-nostdin",
        "-hide_banner",
        "-loglevel", "error",
        "-protocol_whitelist", "file",
        "-threads", "1",
        "-flags", "+bitexact",
        "-noautorotate",
        "-i", url(file),
        "-map", "0:" + info.streamIndex(),
        "-an", "-sn", "-dn",
        "-fps_mode", "passthrough",
        "-filter_threads", "1",
        "-vf", String.join(",", filters),
        "-f", "rawvideo",
        "-pix_fmt", "rgb24",
        "pipe:1");
  }

  /** RGB24 bytes to packed {@code 0xRRGGBB} ints. */
  private static int[] pack(byte[] rgb) {
    int[] pixels = new int[rgb.length / BYTES_PER_PIXEL];
    for (int i = 0, j = 0; i < pixels.length; i++, j += BYTES_PER_PIXEL) {
      pixels[i] = (rgb[j] & 0xff) << 16 | (rgb[j + 1] & 0xff) << 8 | rgb[j + 2] & 0xff;
    }
    return pixels;
  }

  private static void requireFile(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new VideoDecodeException(
          Reason.NO_SUCH_FILE,
          file + ": no such file" + (Files.isDirectory(file) ? " (it is a directory)" : ""));
    }
  }

  /** A {@code file:} URL, so a name such as {@code concat:a|b} or {@code -x} is only a file name. */
  private static String url(Path file) {
    return "file:" + file.toAbsolutePath();
  }
}
