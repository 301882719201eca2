package org.kyodaku.signals.html;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.signals.Fixtures;
import org.kyodaku.signals.Signals;

/** Every {@code fixtures/html/*.html} document with its {@code .expect} sidecar. */
class HtmlReaderTest {
  static Stream<Arguments> cases() {
    return Fixtures.lines("html", ".html");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void read_fixture_matchesExpectation(String name, String line, Path body, Path expect) {
    Fixtures.check(name, line, expect, (agent, path) -> read(body, agent, path));
  }

  static Signals read(Path body, Optional<String> agent, String path) {
    return HtmlReader.read(Fixtures.text(body), agent, Fixtures.name(body));
  }
}
