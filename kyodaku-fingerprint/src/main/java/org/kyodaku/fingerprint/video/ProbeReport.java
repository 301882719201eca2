package org.kyodaku.fingerprint.video;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.kyodaku.fingerprint.video.VideoDecodeException.Reason;

/**
 * Reads {@code ffprobe -of flat} output into a {@link VideoInfo}.
 *
 * <p><b>Input</b>: lines {@code key=value}, keys such as {@code streams.stream.0.codec_type},
 * {@code streams.stream.0.side_data_list.side_data.0.rotation}, {@code format.format_name}; string
 * values are double-quoted. Unknown keys are ignored.
 *
 * <p><b>Choice of stream</b>: the first stream whose {@code codec_type} is {@code video} and which
 * is not an attached picture ({@code disposition.attached_pic=1}, the cover art of a music file):
 * the reference takes the first video stream, and cover art is not a video. <b>Frame rate</b>:
 * {@code avg_frame_rate} as a fraction, or {@code r_frame_rate} when the average is {@code 0/0},
 * as the reference does; a stream with neither is refused, since vPDQ timestamps and sampling need
 * it. <b>Rotation</b>: the display matrix side data gives an anticlockwise angle ({@code -90} for
 * a phone video shown turned clockwise), the legacy {@code rotate} tag a clockwise one; both become
 * clockwise degrees in 0..359.
 *
 * <p>Playlist formats ({@value #PLAYLISTS}) are refused: they make FFmpeg open other files named
 * inside the input, which a registry hashing uploads must not do.
 */
final class ProbeReport {
  static final String PLAYLISTS = "hls, dash, concat";
  private static final Set<String> PLAYLIST_FORMATS = Set.of("hls", "dash", "concat");
  private static final String STREAM = "streams.stream.";

  private ProbeReport() {}

  static VideoInfo parse(String flat, Path file) {
    Map<Integer, Map<String, String>> streams = new TreeMap<>();
    Map<String, String> format = new HashMap<>();
    for (String line : flat.split("\n")) {
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      String value = unquote(line.substring(eq + 1).strip());
      if (key.startsWith(STREAM)) {
        int dot = key.indexOf('.', STREAM.length());
        if (dot < 0) {
          continue;
        }
        Integer index = parseIntOrNull(key.substring(STREAM.length(), dot));
        if (index != null) {
          streams.computeIfAbsent(index, i -> new HashMap<>()).put(key.substring(dot + 1), value);
        }
      } else if (key.startsWith("format.")) {
        format.put(key.substring("format.".length()), value);
      }
    }
    String formatName = format.getOrDefault("format_name", "");
    if (PLAYLIST_FORMATS.contains(formatName)) {
      throw new VideoDecodeException(
          Reason.NOT_A_VIDEO,
          file + ": a " + formatName + " playlist, not a video file; playlists (" + PLAYLISTS
              + ") are not read because they make FFmpeg open other files");
    }
    StringBuilder seen = new StringBuilder();
    for (Map<String, String> stream : streams.values()) {
      String type = stream.getOrDefault("codec_type", "unknown");
      boolean coverArt = "1".equals(stream.get("disposition.attached_pic"));
      if ("video".equals(type) && !coverArt) {
        return info(stream, format, file);
      }
      seen.append(seen.isEmpty() ? "" : ", ")
          .append(coverArt ? "cover picture" : type)
          .append(' ')
          .append(stream.getOrDefault("codec_name", "?"));
    }
    throw new VideoDecodeException(
        Reason.NO_VIDEO_STREAM,
        file + ": no video stream (format " + (formatName.isEmpty() ? "unknown" : formatName)
            + ", streams: " + (seen.isEmpty() ? "none" : seen) + ")");
  }

  private static VideoInfo info(Map<String, String> stream, Map<String, String> format, Path file) {
    int index = intValue(stream, "index", file);
    String codec = stream.getOrDefault("codec_name", "unknown");
    int width = intValue(stream, "width", file);
    int height = intValue(stream, "height", file);
    if (width < 1 || height < 1) {
      throw failed(file, "the video stream has no frame size (" + width + "x" + height + ")");
    }
    double fps = rate(stream.get("avg_frame_rate"));
    if (!(fps > 0)) {
      fps = rate(stream.get("r_frame_rate"));
    }
    if (!(fps > 0) || Double.isInfinite(fps)) {
      throw failed(
          file,
          "the video stream declares no frame rate (avg_frame_rate " + stream.get("avg_frame_rate")
              + ", r_frame_rate " + stream.get("r_frame_rate") + ")");
    }
    OptionalLong frames = OptionalLong.empty();
    Long declared = parseLongOrNull(stream.get("nb_frames"));
    if (declared != null && declared > 0) {
      frames = OptionalLong.of(declared);
    }
    OptionalDouble duration = positive(stream.get("duration"));
    if (duration.isEmpty()) {
      duration = positive(format.get("duration"));
    }
    return new VideoInfo(index, codec, width, height, fps, frames, duration, rotation(stream));
  }

  private static int rotation(Map<String, String> stream) {
    for (Map.Entry<String, String> e : stream.entrySet()) {
      if (e.getKey().startsWith("side_data_list.") && e.getKey().endsWith(".rotation")) {
        Double degrees = parseDoubleOrNull(e.getValue());
        if (degrees != null) {
          return normalise(-Math.round(degrees));
        }
      }
    }
    Double tag = parseDoubleOrNull(stream.get("tags.rotate"));
    return tag == null ? 0 : normalise(Math.round(tag));
  }

  /** Clockwise degrees in 0..359, snapped to a quarter turn (players do the same). */
  private static int normalise(long degrees) {
    long quarter = Math.round(degrees / 90.0);
    return (int) Math.floorMod(quarter * 90, 360L);
  }

  /** "30000/1001" or "25"; NaN when absent, malformed or 0/0. */
  static double rate(@Nullable String text) {
    if (text == null) {
      return Double.NaN;
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      Double whole = parseDoubleOrNull(text);
      return whole == null ? Double.NaN : whole;
    }
    Long num = parseLongOrNull(text.substring(0, slash));
    Long den = parseLongOrNull(text.substring(slash + 1));
    if (num == null || den == null || den == 0) {
      return Double.NaN;
    }
    return (double) num / den;
  }

  private static OptionalDouble positive(@Nullable String text) {
    Double value = text == null ? null : parseDoubleOrNull(text);
    return value != null && value > 0 && !value.isInfinite()
        ? OptionalDouble.of(value)
        : OptionalDouble.empty();
  }

  private static int intValue(Map<String, String> stream, String key, Path file) {
    Integer value = parseIntOrNull(stream.getOrDefault(key, ""));
    if (value == null) {
      throw failed(file, "ffprobe reported no " + key + " for the video stream: \""
          + stream.get(key) + "\"");
    }
    return value;
  }

  private static VideoDecodeException failed(Path file, String why) {
    return new VideoDecodeException(Reason.DECODE_FAILED, file + ": " + why);
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static @Nullable Integer parseIntOrNull(String text) {
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable Long parseLongOrNull(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable Double parseDoubleOrNull(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return Double.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
