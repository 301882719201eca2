package org.kyodaku.log.map;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.kyodaku.log.merkle.Hash;

/**
 * A map saved to a file, so a restart need not replay the whole log:
 *
 * <pre>
 *   "kyodaku-map-snapshot/v1\n"                    24 ASCII bytes
 *   uint64_be(n)                                   number of keys
 *   n × (key (32) || value (32))                   strictly increasing keys
 *   root (32)                                      the map root
 *   SHA-256 of everything above (32)               checksum
 * </pre>
 *
 * {@link #write} writes a temporary file, syncs it and renames it over the target; {@link #read}
 * checks the checksum, the order of the keys and that the rebuilt map has the recorded root.
 */
public final class MapSnapshot {
  private static final byte[] MAGIC = "kyodaku-map-snapshot/v1\n".getBytes(StandardCharsets.US_ASCII);

  private MapSnapshot() {}

  /** The snapshot bytes of {@code map}. */
  public static byte[] toBytes(VerifiableMap map) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.writeBytes(ByteBuffer.allocate(8).putLong(map.size()).array());
    map.forEach(
        (k, v) -> {
          out.writeBytes(k.bytes());
          out.writeBytes(v.bytes());
        });
    out.writeBytes(map.root().bytes());
    out.writeBytes(sha256(out.toByteArray()));
    return out.toByteArray();
  }

  /** Rebuilds a map from snapshot bytes (see the class comment for the checks). */
  public static VerifiableMap parse(byte[] data) {
    int fixed = MAGIC.length + 8 + 32 + 32;
    if (data.length < fixed || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new MapException("not a map snapshot: missing \"kyodaku-map-snapshot/v1\" header");
    }
    byte[] stored = Arrays.copyOfRange(data, data.length - 32, data.length);
    byte[] computed = sha256(Arrays.copyOf(data, data.length - 32));
    if (!MessageDigest.isEqual(stored, computed)) {
      throw new MapException(
          "map snapshot checksum mismatch: expected "
              + new Hash(stored)
              + ", computed "
              + new Hash(computed));
    }
    long n = ByteBuffer.wrap(data, MAGIC.length, 8).getLong();
    if (n < 0 || n > (data.length - fixed) / 64 || data.length != fixed + 64 * n) {
      throw new MapException(
          "map snapshot of " + data.length + " bytes cannot hold " + n + " keys");
    }
    VerifiableMap map = VerifiableMap.empty();
    int at = MAGIC.length + 8;
    byte[] previous = null;
    for (long i = 0; i < n; i++, at += 64) {
      byte[] key = Arrays.copyOfRange(data, at, at + 32);
      if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
        throw new MapException("map snapshot key " + i + " is not above key " + (i - 1));
      }
      previous = key;
      map = map.set(new Hash(key), new Hash(Arrays.copyOfRange(data, at + 32, at + 64)));
    }
    Hash root = new Hash(Arrays.copyOfRange(data, at, at + 32));
    if (!map.root().equals(root)) {
      throw new MapException(
          "map snapshot root mismatch: expected " + root + ", computed " + map.root());
    }
    return map;
  }

  /** Writes {@code map} to {@code file} atomically and durably. */
  public static void write(VerifiableMap map, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = dir.resolve("." + file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(toBytes(map));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Reads a map written by {@link #write}. */
  public static VerifiableMap read(Path file) throws IOException {
    return parse(Files.readAllBytes(file));
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
