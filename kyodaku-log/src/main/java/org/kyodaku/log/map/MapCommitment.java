package org.kyodaku.log.map;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.entry.Entry;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.MerkleException;

/**
 * A map root as committed by the log, in one of two forms (pick one per deployment; see {@code
 * docs/verifiable-map.md}):
 *
 * <ul>
 *   <li><b>checkpoint extension line</b> {@code kyodaku.org/map/v1 <keys> <base64 root>}: the map
 *       state after applying every entry the checkpoint covers; signed with the checkpoint, no
 *       extra entry, but a verifier must accept our extension line;
 *   <li><b>log entry</b> of type {@value #ENTRY_TYPE}, author {@code registry}, body {@code
 *       {"keys":n,"logSize":s,"root":"<hex>"}}: the map state after applying the first {@code s}
 *       entries; proven like any entry (inclusion proof), checkpoints stay plain C2SP.
 * </ul>
 *
 * @param root the map root
 * @param keys the number of keys in the map
 */
public record MapCommitment(Hash root, long keys) {
  /** First word of the checkpoint extension line. */
  public static final String EXTENSION_PREFIX = "kyodaku.org/map/v1";

  /** The entry type of a map-root entry. */
  public static final String ENTRY_TYPE = "map-root";

  public MapCommitment {
    if (keys < 0) {
      throw new MapException("map key count " + keys + " is negative");
    }
  }

  /** The commitment of a map's current state. */
  public static MapCommitment of(VerifiableMap map) {
    return new MapCommitment(map.root(), map.size());
  }

  /** {@code kyodaku.org/map/v1 <keys> <base64 root>}. */
  public String extensionLine() {
    return EXTENSION_PREFIX + " " + keys + " " + root.base64();
  }

  /** The commitment in a checkpoint's extension lines, if it has exactly one. */
  public static Optional<MapCommitment> fromCheckpoint(Checkpoint checkpoint) {
    List<String> lines =
        checkpoint.extensions().stream().filter(l -> l.startsWith(EXTENSION_PREFIX + " ")).toList();
    if (lines.size() > 1) {
      throw new MapException(
          "checkpoint has " + lines.size() + " " + EXTENSION_PREFIX + " lines, expected at most 1");
    }
    return lines.isEmpty() ? Optional.empty() : Optional.of(parseExtension(lines.get(0)));
  }

  /** Parses {@code kyodaku.org/map/v1 <keys> <base64 root>}. */
  public static MapCommitment parseExtension(String line) {
    String[] parts = line.split(" ", -1);
    if (parts.length != 3
        || !parts[0].equals(EXTENSION_PREFIX)
        || !parts[1].matches("0|[1-9][0-9]{0,17}")) {
      throw new MapException(
          "map extension line \"" + line + "\" is not \"" + EXTENSION_PREFIX + " <keys> <base64 root>\"");
    }
    try {
      return new MapCommitment(Hash.fromBase64(parts[2]), Long.parseLong(parts[1]));
    } catch (MerkleException e) {
      throw new MapException("map extension line root: " + e.getMessage(), e);
    }
  }

  /**
   * A {@value #ENTRY_TYPE} entry committing this map state after the first {@code logSize} log
   * entries, authored by the registry at {@code at} (sign it with the registry key).
   */
  public Entry toEntry(Instant at, long logSize) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("keys", keys);
    body.put("logSize", logSize);
    body.put("root", root.hex());
    return new Entry(ENTRY_TYPE, at, "registry", body);
  }

  /** The commitment in a {@value #ENTRY_TYPE} entry. */
  public static MapCommitment fromEntry(Entry entry) {
    if (!entry.type().equals(ENTRY_TYPE)) {
      throw new MapException("entry type is \"" + entry.type() + "\", expected " + ENTRY_TYPE);
    }
    return new MapCommitment(
        Hash.fromHex((String) entry.body().get("root")), (Long) entry.body().get("keys"));
  }
}
