package org.kyodaku.index.hamming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentFileTest {
  @TempDir Path dir;

  private Path writeSample(String name, int n) throws IOException {
    SplittableRandom rnd = new SplittableRandom(7);
    IndexWriter writer = IndexWriter.create(256);
    for (BinaryCode c : TestCodes.clustered(256, n, 40, rnd)) {
      writer.add(c, writer.size() * 10L);
    }
    Path file = dir.resolve(name);
    writer.write(file);
    return file;
  }

  @Test
  void write_thenOpen_answersLikeTheInMemorySegment() throws IOException {
    SplittableRandom rnd = new SplittableRandom(3);
    List<BinaryCode> codes = TestCodes.clustered(256, 6000, 40, rnd);
    IndexWriter writer = IndexWriter.create(256);
    codes.forEach(c -> writer.add(c, writer.size()));
    Segment inMemory = writer.build();
    Path file = dir.resolve("segment.kdx");

    Segment mapped = writer.write(file);
    Segment reopened = Segment.open(file);

    assertThat(mapped.file()).contains(file);
    assertThat(inMemory.file()).isEmpty();
    assertThat(reopened.bytes()).isEqualTo(Files.size(file));
    assertThat(reopened.size()).isEqualTo(6000);
    assertThat(reopened.tables()).isEqualTo(inMemory.tables()).isPositive();
    for (BinaryCode q : TestCodes.queries(codes, 20, 40, rnd)) {
      assertThat(reopened.rangeSearch(q, 31)).isEqualTo(inMemory.rangeSearch(q, 31));
      assertThat(reopened.nearest(q, 5)).isEqualTo(inMemory.nearest(q, 5));
    }
  }

  @Test
  void write_emptySegment_roundTrips() throws IOException {
    Segment s = IndexWriter.create(64).write(dir.resolve("empty.kdx"));

    assertThat(Segment.open(dir.resolve("empty.kdx")).size()).isZero();
    assertThat(s.rangeSearch(BinaryCode.ofWords(0), 64)).isEmpty();
    assertThat(s.nearest(BinaryCode.ofWords(0), 3)).isEmpty();
  }

  @Test
  void write_existingFile_isRefused() throws IOException {
    Path file = writeSample("a.kdx", 10);

    assertThatThrownBy(() -> IndexWriter.create(256).write(file))
        .isInstanceOf(IndexException.class)
        .hasMessage("segment file " + file + " already exists; segments are immutable");
  }

  @Test
  void open_truncatedBody_isRefusedNamingBothLengths() throws IOException {
    Path file = writeSample("t.kdx", 5000);
    long size = Files.size(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size - 100);
    }

    assertThatThrownBy(() -> Segment.open(file))
        .isInstanceOf(IndexException.class)
        .hasMessage("segment " + file + " refused: truncated: header says " + size
            + " bytes, file has " + (size - 100));
  }

  @Test
  void open_truncatedHeader_isRefused() throws IOException {
    Path file = writeSample("h.kdx", 5000);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(20);
    }

    assertThatThrownBy(() -> Segment.open(file))
        .isInstanceOf(IndexException.class)
        .hasMessage("segment " + file
            + " refused: truncated: 20 bytes, shorter than the 40-byte fixed header");
  }

  @Test
  void open_flippedByteInCodes_isRefusedNamingTheSection() throws IOException {
    Path file = writeSample("f.kdx", 5000);
    flipByte(file, SegmentFormat.headerLength(Segment.open(file).tables()) + 1234);

    assertThatThrownBy(() -> Segment.open(file))
        .isInstanceOf(IndexException.class)
        .hasMessageStartingWith("segment " + file
            + " refused: checksum mismatch in section 'codes': stored CRC-32C 0x")
        .hasMessageMatching(".*stored CRC-32C 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}");
  }

  @Test
  void open_flippedByteInLastTable_isRefusedNamingTheSection() throws IOException {
    Path file = writeSample("g.kdx", 5000);
    int tables = Segment.open(file).tables();
    flipByte(file, Files.size(file) - 3);

    assertThatThrownBy(() -> Segment.open(file))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("checksum mismatch in section 'entries." + (tables - 1) + "'");
  }

  @Test
  void open_flippedByteInHeader_isRefused() throws IOException {
    Path file = writeSample("k.kdx", 5000);
    flipByte(file, 60);

    assertThatThrownBy(() -> Segment.open(file))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("refused: header checksum mismatch: stored CRC-32C 0x");
  }

  @Test
  void open_otherFile_isRefusedQuotingTheMagic() throws IOException {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "this is not a segment file at all, only some text");

    assertThatThrownBy(() -> Segment.open(file))
        .isInstanceOf(IndexException.class)
        .hasMessage("segment " + file + " refused: not a segment file: magic 7468697320697320,"
            + " expected 4b59444b48414d31 (\"KYDKHAM1\")");
  }

  @Test
  void add_wrongWidth_isRefused() {
    assertThatThrownBy(() -> IndexWriter.create(256).add(BinaryCode.ofWords(1), 1))
        .isInstanceOf(IndexException.class)
        .hasMessage("width mismatch: expected a 256-bit code, got 64 bits");
  }

  @Test
  void tables_tooFewForWidth_isRefusedAtBuild() {
    IndexWriter writer = IndexWriter.create(256).tables(7);

    assertThatThrownBy(writer::build)
        .isInstanceOf(IndexException.class)
        .hasMessage("a 256-bit code splits into 8..256 tables (or 0 for scan only), got 7");
  }

  @Test
  void rangeSearch_negativeRadius_isRefused() {
    Segment s = IndexWriter.create(64).build();

    assertThatThrownBy(() -> s.rangeSearch(BinaryCode.ofWords(0), -1))
        .isInstanceOf(IndexException.class)
        .hasMessage("radius must be >= 0, got -1");
  }

  private static void flipByte(Path file, long at) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[Math.toIntExact(at)] ^= 0x10;
    Files.write(file, bytes);
  }
}
