package org.kyodaku.signals.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Fixtures;
import org.kyodaku.signals.Signals;

/**
 * fixtures/pdf: FlateDecode metadata streams (direct and indirect {@code /Length}, array filter,
 * a file whose catalog sits in a compressed object stream with a cross-reference stream) and every
 * way a compressed stream can fail; ExifTool must read the same values from the readable ones.
 */
class PdfFixturesTest {
  static Stream<Path> pdfs() {
    return Fixtures.files("pdf", ".pdf").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pdfs")
  void read_fixture_matchesExpectation(Path pdf) throws Exception {
    Signals s = EmbeddedReader.read(Files.readAllBytes(pdf), pdf.getFileName().toString());
    for (Fixtures.Expectation e : Fixtures.expectations(Fixtures.sidecar(pdf))) {
      e.check(s, Fixtures.name(pdf));
    }
    if (!Fixtures.name(pdf).startsWith("error_")) {
      assertThat(s.evidence()).anyMatch(e -> e.position().contains("FlateDecode"));
      String exif = EmbeddedTest.exiftool("-s3", "-XMP-plus:DataMining", "-XMP-tdm:Reservation", pdf.toString()).strip();
      assertThat(exif).as("ExifTool on %s", pdf.getFileName()).isNotEmpty();
      assertThat(s.evidence().stream().map(Evidence::value).toList())
          .anySatisfy(v -> assertThat(v).contains(exif.lines().findFirst().orElseThrow().replace("http://ns.useplus.org/ldf/vocab/", "")));
    }
  }
}
