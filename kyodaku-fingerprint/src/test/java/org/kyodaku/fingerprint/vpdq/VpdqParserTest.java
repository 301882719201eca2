package org.kyodaku.fingerprint.vpdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.fingerprint.pdq.PdqHash;

/** Reading and writing the reference's hash-file format. */
class VpdqParserTest {
  private static final String HEX =
      "e6cf059c4c6696362cc9d6663cd9c263714169d98327399993363d9c3d9cc666";

  @Test
  void parse_referenceLine_allFields() {
    List<VpdqFeature> features = VpdqParser.parse("1,100," + HEX + ",0.033\n", "t.txt");

    assertThat(features).containsExactly(new VpdqFeature(1, 100, PdqHash.fromHex(HEX), 0.033));
  }

  @Test
  void write_everyExpectedFile_reproducesItByteForByte() throws IOException {
    for (String name : List.of(VpdqTestData.DOORKNOB, VpdqTestData.PATTERN, VpdqTestData.PADDED,
        VpdqTestData.PATTERN + "-128x128")) {
      Path file = VpdqTestData.expectedHashes(name);
      String text = Files.readString(file, StandardCharsets.UTF_8);

      assertThat(VpdqWriter.format(VpdqParser.read(file))).as(name).isEqualTo(text);
    }
  }

  @Test
  void write_thenRead_sameFeatures(@TempDir Path dir) {
    List<VpdqFeature> features = List.of(
        new VpdqFeature(0, 100, PdqHash.fromHex(HEX), 0.0),
        new VpdqFeature(30, 7, PdqHash.fromHex(HEX), 1.0));
    Path file = dir.resolve("hash.txt");

    VpdqWriter.write(features, file);

    assertThat(VpdqParser.read(file)).isEqualTo(features);
  }

  @Test
  void timestamp_singlePrecisionThirtieth_threeDecimals() {
    assertThat(VpdqWriter.timestamp((float) 1 / (float) 30)).isEqualTo("0.033");
    assertThat(VpdqWriter.timestamp((float) 2 / (float) 30)).isEqualTo("0.067");
    assertThat(VpdqWriter.timestamp(0.0)).isEqualTo("0.000");
  }

  @Test
  void parse_crlfAndBlankLines_accepted() {
    assertThat(VpdqParser.parse("0,50," + HEX + ",0.000\r\n\r\n", "t.txt")).hasSize(1);
  }

  @Test
  void parse_threeFields_refusedQuotingLine() {
    assertThatThrownBy(() -> VpdqParser.parse("0,100," + HEX + ",0.000\n0,100," + HEX, "t.txt"))
        .isInstanceOf(VpdqException.class)
        .hasMessage("t.txt line 2: expected 4 fields frameNumber,quality,pdqHex,timestampSeconds,"
            + " got 3: \"0,100," + HEX + "\"");
  }

  @Test
  void parse_shortHash_refusedWithPdqMessage() {
    assertThatThrownBy(() -> VpdqParser.parse("0,100,abc,0.000", "t.txt"))
        .isInstanceOf(VpdqException.class)
        .hasMessage("t.txt line 1: a PDQ hash is 64 hex digits, got 3 characters: \"abc\":"
            + " \"0,100,abc,0.000\"");
  }

  @Test
  void parse_qualityOver100_refused() {
    assertThatThrownBy(() -> VpdqParser.parse("0,101," + HEX + ",0.000", "t.txt"))
        .isInstanceOf(VpdqException.class)
        .hasMessageStartingWith("t.txt line 1: PDQ quality is 0..100, got 101");
  }

  @Test
  void parse_negativeTimestamp_refused() {
    assertThatThrownBy(() -> VpdqParser.parse("0,1," + HEX + ",-1", "t.txt"))
        .isInstanceOf(VpdqException.class)
        .hasMessageStartingWith(
            "t.txt line 1: a timestamp is a finite number of seconds, at least 0, got -1.0");
  }
}
