package org.kyodaku.fingerprint.vpdq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kyodaku.fingerprint.pdq.PdqException;
import org.kyodaku.fingerprint.pdq.PdqHash;

/**
 * Reads vPDQ features in the reference's text format (what {@link VpdqWriter} writes and
 * upstream's {@code vpdq-hash-video} produces).
 *
 * <p>One feature per line: {@code frameNumber,quality,pdqHex,timestampSeconds}; frame number a
 * decimal integer ≥ 0, quality 0–100, the hash 64 hex digits (either case), the timestamp a decimal
 * number of seconds ≥ 0. Line ends {@code \n} or {@code \r\n}; blank lines are skipped. Anything
 * else fails the whole file with the line number and the line quoted: a half-read hash would
 * silently change match percentages. (The reference tolerates extra fields; we do not, since no
 * producer writes them.) An empty file is an empty list: a video with no frames has no features.
 */
public final class VpdqParser {
  private static final int FIELDS = 4;
  private static final int MAX_QUOTED = 120;

  private VpdqParser() {}

  /**
   * Parses {@code text}; {@code source} names it in error messages.
   *
   * @throws VpdqException naming {@code source} and the line if a line is malformed
   */
  public static List<VpdqFeature> parse(String text, String source) {
    List<VpdqFeature> features = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank()) {
        continue;
      }
      features.add(parseLine(line, source, i + 1));
    }
    return features;
  }

  /**
   * Reads the hash file {@code file} (UTF-8).
   *
   * @throws VpdqException naming the file if it cannot be read or a line is malformed
   */
  public static List<VpdqFeature> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new VpdqException(file + ": cannot read vPDQ hash file: " + e, e);
    }
    return parse(text, file.toString());
  }

  private static VpdqFeature parseLine(String line, String source, int number) {
    String[] f = line.split(",", -1);
    if (f.length != FIELDS) {
      throw malformed(source, number, line, "expected 4 fields frameNumber,quality,pdqHex,"
          + "timestampSeconds, got " + f.length);
    }
    try {
      int frame = Integer.parseInt(f[0].strip());
      int quality = Integer.parseInt(f[1].strip());
      PdqHash hash = PdqHash.fromHex(f[2].strip());
      double timestamp = Double.parseDouble(f[3].strip());
      return new VpdqFeature(frame, quality, hash, timestamp);
    } catch (IllegalArgumentException | PdqException e) {
      // NumberFormatException and the record checks are IllegalArgumentExceptions.
      throw malformed(source, number, line, String.valueOf(e.getMessage()));
    }
  }

  private static VpdqException malformed(String source, int number, String line, String why) {
    String quoted = line.length() > MAX_QUOTED ? line.substring(0, MAX_QUOTED) + "…" : line;
    return new VpdqException(source + " line " + number + ": " + why + ": \"" + quoted + "\"");
  }
}
