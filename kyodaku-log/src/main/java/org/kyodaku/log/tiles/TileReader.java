package org.kyodaku.log.tiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads tlog-tiles resources by path relative to the log prefix ({@code tile/0/000.p/15}): a
 * directory, an in-memory map, or (in an adapter module) HTTP.
 */
@FunctionalInterface
public interface TileReader {
  /**
   * The resource's bytes.
   *
   * @throws NoSuchFileException if there is no such resource
   * @throws IOException if it could not be read
   */
  byte[] read(String path) throws IOException;

  /** Reads files under {@code root} (a log's prefix on disk, as Tessera's POSIX driver writes). */
  static TileReader ofDirectory(Path root) {
    return path -> {
      Path file = root.resolve(path).normalize();
      if (!file.startsWith(root.normalize())) {
        throw new NoSuchFileException(path, null, "outside the log directory");
      }
      return Files.readAllBytes(file);
    };
  }

  /** Reads from a map of path to bytes (such as {@link TileWriter#write}'s result). */
  static TileReader ofMap(Map<String, byte[]> files) {
    Map<String, byte[]> copy = Map.copyOf(files);
    return path -> {
      byte[] data = copy.get(path);
      if (data == null) {
        throw new NoSuchFileException(path);
      }
      return data.clone();
    };
  }
}
