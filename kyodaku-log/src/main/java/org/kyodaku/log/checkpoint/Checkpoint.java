package org.kyodaku.log.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.MerkleException;

/**
 * A checkpoint body (c2sp.org/tlog-checkpoint), the text of the log's signed note:
 *
 * <pre>
 *   &lt;origin&gt;\n           non-empty log identity, e.g. "example.com/log"
 *   &lt;tree size&gt;\n        ASCII decimal, no leading zeros ("0" for the empty tree)
 *   &lt;root hash&gt;\n        standard padded base64 of the 32-byte RFC 9162 root
 *   [&lt;extension&gt;\n]*     optional non-empty opaque lines (NOT RECOMMENDED by the spec)
 * </pre>
 *
 * Stricter than some readers in two places, on purpose: the root must be exactly 32 bytes (the
 * transparency-dev/formats parser accepts any length), and the size must fit a signed 64-bit {@code
 * long} (the spec allows up to {@code 2^64 - 1}; no real log is near either bound).
 */
public record Checkpoint(String origin, long size, Hash root, List<String> extensions) {
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");

  public Checkpoint {
    if (origin.isEmpty() || origin.indexOf('\n') >= 0) {
      throw new CheckpointException(
          "origin \"" + origin + "\" must be a non-empty line without newline");
    }
    if (size < 0) {
      throw new CheckpointException("tree size " + size + " is negative");
    }
    extensions = List.copyOf(extensions);
    for (int i = 0; i < extensions.size(); i++) {
      String line = extensions.get(i);
      if (line.isEmpty() || line.indexOf('\n') >= 0) {
        throw new CheckpointException(
            "extension line " + (i + 4) + " must be non-empty and without newline");
      }
    }
  }

  /** A checkpoint without extension lines. */
  public static Checkpoint of(String origin, long size, Hash root) {
    return new Checkpoint(origin, size, root, List.of());
  }

  /** Parses a checkpoint body (the note text, including its final newline). */
  public static Checkpoint parse(String text) {
    if (!text.endsWith("\n")) {
      throw new CheckpointException("checkpoint does not end in a newline");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new CheckpointException(
          "checkpoint has " + lines.length + " lines, expected at least 3 (origin, size, root)");
    }
    if (lines[0].isEmpty()) {
      throw new CheckpointException("checkpoint origin (line 1) is empty");
    }
    long size = parseSize(lines[1]);
    Hash root;
    try {
      root = Hash.fromBase64(lines[2]);
    } catch (MerkleException e) {
      throw new CheckpointException("checkpoint root (line 3): " + e.getMessage(), e);
    }
    List<String> extensions = new ArrayList<>();
    for (int i = 3; i < lines.length; i++) {
      extensions.add(lines[i]);
    }
    return new Checkpoint(lines[0], size, root, extensions);
  }

  /** The checkpoint body: the text a log signs. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append(origin).append('\n').append(size).append('\n').append(root.base64()).append('\n');
    for (String line : extensions) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static long parseSize(String line) {
    if (!DECIMAL.matcher(line).matches()) {
      throw new CheckpointException(
          "checkpoint tree size (line 2) \""
              + (line.length() > 40 ? line.substring(0, 37) + "..." : line)
              + "\" is not a decimal without leading zeros");
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new CheckpointException(
          "checkpoint tree size (line 2) " + line + " exceeds " + Long.MAX_VALUE, e);
    }
  }
}
