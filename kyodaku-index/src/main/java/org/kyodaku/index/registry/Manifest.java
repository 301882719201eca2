package org.kyodaku.index.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.kyodaku.index.hamming.IndexException;

/**
 * What a persisted algorithm index holds, in the file {@code manifest} of its directory: the
 * segments that belong to it and the registration instant up to which it is complete. A flush
 * writes segment and work-id files first and this file last (temporary sibling, forced, renamed),
 * so a crash leaves either the old manifest or the new one, never one naming a missing file.
 *
 * <pre>
 * kyodaku-registry-index 1
 * algorithm pdq-v1
 * width 256
 * entries 1234
 * registered-until 2026-11-28T20:00:00.123456Z      ("-" while empty)
 * segment segment-00000001.kdx 1000 0               (file, entries, first index position)
 * segment segment-00000002.kdx 234 1000
 * crc32c 0x1a2b3c4d                                  (CRC-32C of every byte before this line)
 * </pre>
 *
 * @param registeredUntil every fingerprint of a work registered at or before this instant is in
 *     the segments, and none registered later; empty when there are no entries
 */
record Manifest(
    String algorithm, int width, long entries, Optional<Instant> registeredUntil, List<Entry> segments) {
  static final String FILE = "manifest";
  private static final String FIRST = "kyodaku-registry-index 1";
  private static final Pattern SEGMENT = Pattern.compile("segment-\\d{8}\\.kdx");

  /** One segment: its file name, entries, and the index position of its first entry. */
  record Entry(String file, int count, long base) {
    /** The work-id file beside the segment. */
    String worksFile() {
      return file.substring(0, file.length() - ".kdx".length()) + ".works";
    }
  }

  Manifest {
    segments = List.copyOf(segments);
  }

  static Manifest empty(String algorithm, int width) {
    return new Manifest(algorithm, width, 0, Optional.empty(), List.of());
  }

  void write(Path directory) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(FIRST).append('\n');
    sb.append("algorithm ").append(algorithm).append('\n');
    sb.append("width ").append(width).append('\n');
    sb.append("entries ").append(entries).append('\n');
    sb.append("registered-until ").append(registeredUntil.map(Instant::toString).orElse("-")).append('\n');
    for (Entry e : segments) {
      sb.append("segment ").append(e.file()).append(' ').append(e.count()).append(' ').append(e.base()).append('\n');
    }
    byte[] body = sb.toString().getBytes(StandardCharsets.US_ASCII);
    CRC32C crc = new CRC32C();
    crc.update(body);
    sb.append(String.format("crc32c 0x%08x%n", (int) crc.getValue()));
    Path tmp = directory.resolve(FILE + ".tmp");
    Files.writeString(tmp, sb, StandardCharsets.US_ASCII);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, directory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads and checks {@code directory/manifest}.
   *
   * @return empty if there is no manifest (nothing persisted yet)
   * @throws IndexException quoting the line, if it is damaged or inconsistent
   */
  static Optional<Manifest> read(Path directory) throws IOException {
    Path file = directory.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    int crcAt = text.lastIndexOf("crc32c ");
    if (crcAt < 0 || !text.endsWith("\n")) {
      throw bad(file, "no crc32c line at its end (truncated?)");
    }
    CRC32C crc = new CRC32C();
    crc.update(text.substring(0, crcAt).getBytes(StandardCharsets.US_ASCII));
    String stored = text.substring(crcAt + "crc32c ".length()).strip();
    String computed = String.format("0x%08x", (int) crc.getValue());
    if (!stored.equals(computed)) {
      throw bad(file, "checksum mismatch: stored CRC-32C " + stored + ", computed " + computed);
    }
    List<String> lines = text.substring(0, crcAt).lines().toList();
    if (lines.size() < 5 || !lines.get(0).equals(FIRST)) {
      throw bad(file, "expected \"" + FIRST + "\" and four fields, got " + lines.size() + " lines");
    }
    try {
      String algorithm = field(file, lines.get(1), "algorithm");
      int width = Integer.parseInt(field(file, lines.get(2), "width"));
      long entries = Long.parseLong(field(file, lines.get(3), "entries"));
      String until = field(file, lines.get(4), "registered-until");
      Optional<Instant> registeredUntil = until.equals("-") ? Optional.empty() : Optional.of(Instant.parse(until));
      List<Entry> segments = new ArrayList<>();
      long next = 0;
      for (String line : lines.subList(5, lines.size())) {
        String[] f = field(file, line, "segment").split(" ");
        if (f.length != 3 || !SEGMENT.matcher(f[0]).matches()) {
          throw bad(file, "not a segment line: \"" + line + "\"");
        }
        Entry e = new Entry(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]));
        if (e.base() != next || e.count() <= 0) {
          throw bad(file, "segment " + e.file() + " starts at position " + e.base() + " with "
              + e.count() + " entries, expected to start at " + next);
        }
        next += e.count();
        segments.add(e);
      }
      if (next != entries || (entries == 0) != registeredUntil.isEmpty()) {
        throw bad(file, "entries " + entries + " but the segments hold " + next
            + ", registered-until " + until);
      }
      return Optional.of(new Manifest(algorithm, width, entries, registeredUntil, segments));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw bad(file, e.getMessage());
    }
  }

  private static String field(Path file, String line, String name) {
    if (!line.startsWith(name + " ")) {
      throw bad(file, "expected a \"" + name + "\" line, got \"" + line + "\"");
    }
    return line.substring(name.length() + 1);
  }

  private static IndexException bad(Path file, String what) {
    return new IndexException("index manifest " + file + " refused: " + what);
  }
}
