package org.kyodaku.index.hamming;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The segment file format, version 1. All integers little-endian.
 *
 * <pre>
 * offset  size  field
 *      0     8  magic "KYDKHAM1" (ASCII)
 *      8     4  format version = 1
 *     12     4  code width in bits (multiple of 64)
 *     16     4  count: number of entries (0 .. 2^25)
 *     20     4  posBits: bits of an entry that hold the position
 *     24     4  m: number of MIH tables (0 = scan only)
 *     28     4  s: number of sections = 2 + 2m
 *     32     8  total file length in bytes
 *     40  12 m  per table: start bit, bits, directory bits (3 x int32)
 *      .  24 s  per section: offset (int64), length (int64), CRC-32C (uint32), 0 (int32)
 *      .     4  CRC-32C of every header byte before this field
 *      .        zero padding to a multiple of 8, then the sections, each starting 8-aligned
 * </pre>
 *
 * <p>Sections, in order: {@code codes} (count x width/64 int64 words, code after code), {@code
 * ids} (count x int64), then per table t: {@code dir.t} ((2^d + 1) x int32 bucket offsets) and
 * {@code entries.t} (count x int32), zero-padded to a multiple of 8 bytes; the recorded length
 * includes the padding and the CRC covers it. CRC-32C is Castagnoli's polynomial (RFC 3720
 * B.4), {@link CRC32C}, hardware-accelerated on x86-64 and AArch64.
 *
 * <p>Opening checks, in order, each failing with an {@link IndexException} that names the file
 * and quotes expected and found values: header present, magic, version, width, layout re-derived
 * from (width, count, m) equal to the stored one, header CRC, file length, section offsets and
 * lengths, and every section's CRC. So a truncated file or any flipped byte is refused before a
 * query can read it; the price is one sequential read of the file at open.
 */
final class SegmentFormat {
  static final byte[] MAGIC = "KYDKHAM1".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  private static final int FIXED = 40;

  private SegmentFormat() {}

  /** A named, 8-aligned body section. */
  record Section(String name, ByteBuffer bytes) {}

  static int headerLength(int tables) {
    int sections = 2 + 2 * tables;
    return (int) Layout.align8(FIXED + 12L * tables + 24L * sections + 4);
  }

  static List<String> sectionNames(int tables) {
    List<String> names = new ArrayList<>(List.of("codes", "ids"));
    for (int t = 0; t < tables; t++) {
      names.add("dir." + t);
      names.add("entries." + t);
    }
    return names;
  }

  static long[] sectionLengths(Layout layout) {
    int m = layout.tables().size();
    long[] lengths = new long[2 + 2 * m];
    lengths[0] = Layout.align8(8L * layout.count() * layout.words());
    lengths[1] = 8L * layout.count();
    for (int t = 0; t < m; t++) {
      lengths[2 + 2 * t] = Layout.align8(4L * ((1L << layout.tables().get(t).dirBits()) + 1));
      lengths[3 + 2 * t] = Layout.align8(4L * layout.count());
    }
    return lengths;
  }

  static ByteBuffer allocate(long length) {
    return ByteBuffer.allocate(Math.toIntExact(length)).order(ByteOrder.LITTLE_ENDIAN);
  }

  static int crc(ByteBuffer bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes.duplicate().clear());
    return (int) crc.getValue();
  }

  /** Writes header and sections to a temporary sibling, forces it, then renames it to file. */
  static void write(Path file, Layout layout, Iterable<Section> sections) throws IOException {
    if (Files.exists(file)) {
      throw new IndexException("segment file " + file + " already exists; segments are immutable");
    }
    int m = layout.tables().size();
    long[] lengths = sectionLengths(layout);
    long[] offsets = new long[lengths.length];
    long at = headerLength(m);
    for (int i = 0; i < lengths.length; i++) {
      offsets[i] = at;
      at += lengths[i];
    }
    int[] crcs = new int[lengths.length];
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      int i = 0;
      for (Section s : sections) {
        ByteBuffer b = s.bytes().duplicate().clear();
        if (b.remaining() != lengths[i]) {
          throw new IllegalStateException(
              "section " + s.name() + " has " + b.remaining() + " bytes, layout says " + lengths[i]);
        }
        crcs[i] = crc(b);
        writeFully(ch, b, offsets[i]);
        i++;
      }
      writeFully(ch, header(layout, offsets, lengths, crcs, at), 0);
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    long pos = at;
    while (b.hasRemaining()) {
      pos += ch.write(b, pos);
    }
  }

  private static ByteBuffer header(
      Layout layout, long[] offsets, long[] lengths, int[] crcs, long fileLength) {
    int m = layout.tables().size();
    ByteBuffer h = allocate(headerLength(m));
    h.put(MAGIC).putInt(VERSION).putInt(layout.width()).putInt(layout.count());
    h.putInt(layout.posBits()).putInt(m).putInt(offsets.length).putLong(fileLength);
    for (Layout.Table t : layout.tables()) {
      h.putInt(t.start()).putInt(t.bits()).putInt(t.dirBits());
    }
    for (int i = 0; i < offsets.length; i++) {
      h.putLong(offsets[i]).putLong(lengths[i]).putInt(crcs[i]).putInt(0);
    }
    CRC32C crc = new CRC32C();
    crc.update(h.array(), 0, h.position());
    h.putInt((int) crc.getValue());
    return h.clear();
  }

  /** A verified, memory-mapped segment file: its layout and its sections, in order. */
  record Opened(Layout layout, List<ByteBuffer> sections) {}

  static Opened open(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < FIXED) {
        throw corrupt(file, "truncated: " + size + " bytes, shorter than the " + FIXED
            + "-byte fixed header");
      }
      ByteBuffer fixed = readAt(ch, 0, FIXED);
      byte[] magic = new byte[MAGIC.length];
      fixed.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw corrupt(file, "not a segment file: magic " + hex(magic) + ", expected "
            + hex(MAGIC) + " (\"KYDKHAM1\")");
      }
      int version = fixed.getInt();
      if (version != VERSION) {
        throw corrupt(file, "unsupported format version " + version + ", expected " + VERSION);
      }
      int width = fixed.getInt();
      int count = fixed.getInt();
      int posBits = fixed.getInt();
      int m = fixed.getInt();
      int sectionCount = fixed.getInt();
      long fileLength = fixed.getLong();
      if (m < 0 || m > 4096 || sectionCount != 2 + 2 * m) {
        throw corrupt(file, "bad header: " + m + " tables and " + sectionCount
            + " sections (expected 2 + 2 x tables)");
      }
      int headerLength = headerLength(m);
      if (size < headerLength) {
        throw corrupt(file, "truncated: " + size + " bytes, shorter than its " + headerLength
            + "-byte header");
      }
      ByteBuffer h = readAt(ch, 0, headerLength);
      int crcAt = FIXED + 12 * m + 24 * sectionCount;
      CRC32C headerCrc = new CRC32C();
      headerCrc.update(h.array(), 0, crcAt);
      int storedHeaderCrc = h.getInt(crcAt);
      if (storedHeaderCrc != (int) headerCrc.getValue()) {
        throw corrupt(file, "header checksum mismatch: stored CRC-32C " + crcHex(storedHeaderCrc)
            + ", computed " + crcHex((int) headerCrc.getValue()));
      }
      if (fileLength != size) {
        throw corrupt(file, (size < fileLength ? "truncated" : "has trailing bytes")
            + ": header says " + fileLength + " bytes, file has " + size);
      }
      Layout layout;
      try {
        layout = Layout.of(width, count, m);
      } catch (IndexException e) {
        throw corrupt(file, "bad header: " + e.getMessage());
      }
      h.position(FIXED);
      for (Layout.Table t : layout.tables()) {
        int start = h.getInt();
        int bits = h.getInt();
        int dirBits = h.getInt();
        if (start != t.start() || bits != t.bits() || dirBits != t.dirBits()) {
          throw corrupt(file, "table layout (" + start + ", " + bits + ", " + dirBits
              + ") does not match the one derived from the header " + t);
        }
      }
      if (posBits != layout.posBits()) {
        throw corrupt(file, "posBits " + posBits + ", expected " + layout.posBits());
      }
      long[] lengths = sectionLengths(layout);
      List<String> names = sectionNames(m);
      List<ByteBuffer> sections = new ArrayList<>(sectionCount);
      long expectedOffset = headerLength;
      for (int i = 0; i < sectionCount; i++) {
        long offset = h.getLong();
        long length = h.getLong();
        int crc = h.getInt();
        h.getInt();
        if (offset != expectedOffset || length != lengths[i]) {
          throw corrupt(file, "section '" + names.get(i) + "' at " + offset + " (+" + length
              + " bytes), expected at " + expectedOffset + " (+" + lengths[i] + ")");
        }
        MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, offset, length);
        int computed = crc(mapped);
        if (computed != crc) {
          throw corrupt(file, "checksum mismatch in section '" + names.get(i) + "': stored CRC-32C "
              + crcHex(crc) + ", computed " + crcHex(computed));
        }
        sections.add(mapped.order(ByteOrder.LITTLE_ENDIAN));
        expectedOffset += length;
      }
      return new Opened(layout, sections);
    }
  }

  private static ByteBuffer readAt(FileChannel ch, long at, int length) throws IOException {
    ByteBuffer b = allocate(length);
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        throw new IOException("unexpected end of file at " + (at + b.position()));
      }
    }
    return b.flip();
  }

  private static IndexException corrupt(Path file, String what) {
    return new IndexException("segment " + file + " refused: " + what);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static String crcHex(int crc) {
    return String.format("0x%08x", crc);
  }
}
