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
    long idBytes = 0;
    for (String id : ids) {
      idBytes += id.length(); // US-ASCII: one byte per character
    }
    try (Writer out = new Writer(file, ids.size(), base, idBytes)) {
      long offset = 0;
      for (String id : ids) {
        out.putLong(offset);
        offset += id.length();
      }
      out.putLong(offset);
      for (String id : ids) {
        out.putAscii(id);
      }
      out.finish();
    }
  }

  /**
   * Writes the ids of {@code parts}, whose positions must follow each other, as one file: their
   * bytes are copied, so merging millions of ids (compaction) makes no string per id and needs no
   * heap in proportion to them.
   *
   * @throws IndexException if the parts are not contiguous
   */
  static void concat(Path file, List<WorkIdFile> parts) throws IOException {
    long base = parts.getFirst().base;
    long count = 0;
    long idBytes = 0;
    for (WorkIdFile p : parts) {
      if (p.base != base + count) {
        throw new IndexException("work-id files to merge must be contiguous: one starts at position " + p.base
            + ", expected " + (base + count));
      }
      count += p.count;
      idBytes += p.idBytes();
    }
    if (count > Integer.MAX_VALUE) {
      throw new IndexException("a work-id file holds at most " + Integer.MAX_VALUE + " ids, got " + count);
    }
    try (Writer out = new Writer(file, (int) count, base, idBytes)) {
      long shift = 0;
      for (WorkIdFile p : parts) {
        for (int i = 0; i < p.count; i++) {
          out.putLong(shift + p.bytes.getLong(FIXED + 8 * i));
        }
        shift += p.idBytes();
      }
      out.putLong(shift);
      for (WorkIdFile p : parts) {
        out.put(p.bytes.slice((int) p.idsAt, (int) p.idBytes()));
      }
      out.finish();
    }
  }

  private long idBytes() {
    return bytes.getLong(FIXED + 8 * count);
  }

  /**
   * Streams one file: header, body through a small buffer with a running CRC-32C, padding and the
   * checksum, into a temporary sibling that is forced and then renamed over {@code file}.
   */
  private static final class Writer implements AutoCloseable {
    private final Path file;
    private final Path tmp;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private final long length;
    private final long idBytes;
    private boolean finished;

    Writer(Path file, int count, long base, long idBytes) throws IOException {
      this.file = file;
      this.idBytes = idBytes;
      this.length = FIXED + 8L * (count + 1) + align8(idBytes) + 8;
      if (length > Integer.MAX_VALUE) {
        throw new IndexException(
            "work ids of one segment need " + length + " bytes; a file holds at most " + Integer.MAX_VALUE);
      }
      this.tmp = file.resolveSibling(file.getFileName() + ".tmp");
      this.channel = FileChannel.open(
          tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
      buffer.put(MAGIC).putInt(VERSION).putInt(count).putLong(base).putLong(length);
    }

    void putLong(long v) throws IOException {
      room(8);
      buffer.putLong(v);
    }

    void putAscii(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      put(ByteBuffer.wrap(b));
    }

    void put(ByteBuffer src) throws IOException {
      while (src.hasRemaining()) {
        room(1);
        int n = Math.min(buffer.remaining(), src.remaining());
        buffer.put(buffer.position(), src, src.position(), n);
        buffer.position(buffer.position() + n);
        src.position(src.position() + n);
      }
    }

    /** Pads the ids to 8 bytes, appends the checksum, forces and renames. */
    void finish() throws IOException {
      for (long i = idBytes; i < align8(idBytes); i++) {
        room(1);
        buffer.put((byte) 0);
      }
      drain();
      buffer.putInt((int) crc.getValue()).putInt(0).flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (channel.size() != length) {
        throw new IllegalStateException("wrote " + channel.size() + " bytes of work ids, expected " + length);
      }
      channel.force(true);
      channel.close();
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      finished = true;
    }

    private void room(int n) throws IOException {
      if (buffer.remaining() < n) {
        drain();
      }
    }

    private void drain() throws IOException {
      buffer.flip();
      crc.update(buffer.duplicate());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      buffer.clear();
    }

    @Override
    public void close() throws IOException {
      if (!finished) {
        channel.close();
        Files.deleteIfExists(tmp);
      }
    }
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
