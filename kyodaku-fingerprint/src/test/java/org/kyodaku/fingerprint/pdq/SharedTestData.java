package org.kyodaku.fingerprint.pdq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The PDQ reference data in {@code shared/testdata} (located by the testkit). */
final class SharedTestData {
  private SharedTestData() {}

  /** {@code shared/testdata/pdq}. */
  static Path pdq() {
    return testdata().resolve("pdq");
  }

  static Path testdata() {
    return org.kyodaku.testkit.SharedTestData.testdata();
  }

  /** The lines of a CSV file, without blank lines. */
  static List<String> lines(Path csv) {
    try {
      return Files.readAllLines(csv, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
