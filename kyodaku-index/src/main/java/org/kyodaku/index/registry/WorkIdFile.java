package org.kyodaku.index.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.kyodaku.index.hamming.IndexException;

/**
 * The work ids of one persisted segment, by index position, memory-mapped so that a large index
 * keeps them in the page cache rather than on the Java heap. Format version 1, little-endian:
 *
 * <pre>
 * offset  size        field
 *      0     8        magic "KYDKWRK1" (ASCII)
 *      8     4        format version = 1
 *     12     4        count: number of ids
 *     16     8        base: index position of the first id
 *     24     8        total file length in bytes
 *     32     8 (n+1)  offsets of each id's bytes from the start of the id bytes, then their end
 *      .     ...      the ids, US-ASCII, back to back, zero-padded to a multiple of 8
 *      .     4        CRC-32C of every byte before this field, then 4 zero bytes
 * </pre>
 *
 * <p>{@link #open} reads the whole file once to check its CRC-32C, like a segment, and refuses a
 * wrong magic, version, length or checksum with a message naming the file and both values.
 */
final class WorkIdFile {
  private static final byte[] MAGIC = "KYDKWRK1".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int FIXED = 32;

  private final ByteBuffer bytes;
  private final int count;
  private final long base;
  private final long idsAt;

  private WorkIdFile(ByteBuffer bytes, int count, long base) {
    this.bytes = bytes;
    this.count = count;
    this.base = base;
    this.idsAt = FIXED + 8L * (count + 1);
  }

  /** Index position of the first id. */
  long base() {
    return base;
  }

  /** Number of ids. */
  int count() {
    return count;
  }

  /** The id at index {@code position}, which must be in {@code [base, base + count)}. */
  String get(long position) {
    int i = Math.toIntExact(position - base);
    long from = bytes.getLong(FIXED + 8 * i);
    long to = bytes.getLong(FIXED + 8 * (i + 1));
    byte[] id = new byte[(int) (to - from)];
    bytes.get((int) (idsAt + from), id);
    return new String(id, StandardCharsets.US_ASCII);
  }

  /** Writes {@code ids} for positions from {@code base} through a forced, renamed temporary file. */
  static void write(Path file, long base, List<String> ids) throws IOException {
    byte[][] encoded = new byte[ids.size()][];
    long idBytes = 0;
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = ids.get(i).getBytes(StandardCharsets.US_ASCII);
      idBytes += encoded[i].length;
    }
    long length = FIXED + 8L * (ids.size() + 1) + align8(idBytes) + 8;
    if (length > Integer.MAX_VALUE) {
      throw new IndexException(
          "work ids of one segment need " + length + " bytes; a file holds at most " + Integer.MAX_VALUE);
    }
    ByteBuffer b = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(VERSION).putInt(ids.size()).putLong(base).putLong(length);
    long offset = 0;
    for (byte[] id : encoded) {
      b.putLong(offset);
      offset += id.length;
    }
    b.putLong(offset);
    for (byte[] id : encoded) {
      b.put(id);
    }
    b.position((int) (length - 8));
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, (int) length - 8);
    b.putInt((int) crc.getValue()).putInt(0);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      b.clear();
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Maps and verifies a work-id file.
   *
   * @throws IndexException naming the file and what is wrong, if it is not intact
   */
  static WorkIdFile open(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < FIXED + 16) {
        throw corrupt(file, "truncated: " + size + " bytes, shorter than an empty id file");
      }
      if (size > Integer.MAX_VALUE) {
        throw corrupt(file, size + " bytes, more than a work-id file holds");
      }
      MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      ByteBuffer b = mapped.order(ByteOrder.LITTLE_ENDIAN);
      byte[] magic = new byte[MAGIC.length];
      b.get(0, magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw corrupt(file, "not a work-id file: magic " + java.util.HexFormat.of().formatHex(magic)
            + ", expected \"KYDKWRK1\"");
      }
      int version = b.getInt(8);
      if (version != VERSION) {
        throw corrupt(file, "unsupported format version " + version + ", expected " + VERSION);
      }
      int count = b.getInt(12);
      long base = b.getLong(16);
      long length = b.getLong(24);
      if (length != size) {
        throw corrupt(file, (size < length ? "truncated" : "has trailing bytes")
            + ": header says " + length + " bytes, file has " + size);
      }
      CRC32C crc = new CRC32C();
      crc.update(b.duplicate().position(0).limit((int) size - 8));
      int stored = b.getInt((int) size - 8);
      if (stored != (int) crc.getValue()) {
        throw corrupt(file, String.format(
            "checksum mismatch: stored CRC-32C 0x%08x, computed 0x%08x", stored, (int) crc.getValue()));
      }
      long idBytesEnd = count < 0 || FIXED + 8L * (count + 1) > size - 8 ? -1
          : b.getLong(FIXED + 8 * count);
      if (count < 0 || base < 0 || idBytesEnd < 0
          || FIXED + 8L * (count + 1) + align8(idBytesEnd) + 8 != size) {
        throw corrupt(file, "bad header: " + count + " ids at base " + base + " in " + size + " bytes");
      }
      return new WorkIdFile(b, count, base);
    }
  }

  private static long align8(long n) {
    return (n + 7) & ~7L;
  }

  private static IndexException corrupt(Path file, String what) {
    return new IndexException("work-id file " + file + " refused: " + what);
  }
}
