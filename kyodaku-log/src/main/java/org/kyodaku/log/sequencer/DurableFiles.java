package org.kyodaku.log.sequencer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Durable file operations on POSIX: a file is written to a temporary sibling ({@code
 * .<name>.tmp}), synced, and renamed over its final name, so that a reader (or a restart) sees
 * either the old file or the complete new one; the rename itself becomes durable when the parent
 * directory is synced ({@link #syncDirectory}). Public because the other stores of the log's
 * state (witness cosignatures, a witness's latest checkpoints) need the same guarantee.
 */
public final class DurableFiles {
  static final String TEMP_PREFIX = ".";
  static final String TEMP_SUFFIX = ".tmp";

  private DurableFiles() {}

  /** Writes {@code data} to {@code file} atomically; the caller syncs the parent afterwards. */
  public static void writeAtomically(Path file, byte[] data) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve(TEMP_PREFIX + file.getFileName() + TEMP_SUFFIX);
    try (FileChannel ch =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(data);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Syncs a directory, so that names created or renamed in it survive a crash. */
  public static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, Set.of(StandardOpenOption.READ))) {
      ch.force(true);
    }
  }

  /** Syncs {@code dir} and each ancestor up to and including {@code root}. */
  static void syncUpTo(Path dir, Path root) throws IOException {
    for (Path d = dir; d != null && d.startsWith(root); d = d.getParent()) {
      syncDirectory(d);
    }
  }

  public static boolean isTemp(Path file) {
    String n = file.getFileName().toString();
    return n.startsWith(TEMP_PREFIX) && n.endsWith(TEMP_SUFFIX);
  }
}
