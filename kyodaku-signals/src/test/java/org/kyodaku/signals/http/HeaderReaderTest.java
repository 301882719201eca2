package org.kyodaku.signals.http;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.signals.Fixtures;
import org.kyodaku.signals.Signals;

/** Every {@code fixtures/headers/*.http} header block with its {@code .expect} sidecar. */
class HeaderReaderTest {
  static Stream<Arguments> cases() {
    return Fixtures.lines("headers", ".http");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void read_fixture_matchesExpectation(String name, String line, Path body, Path expect) {
    Fixtures.check(name, line, expect, (agent, path) -> read(body, agent, path));
  }

  static Signals read(Path body, Optional<String> agent, String path) {
    List<Header> headers =
        Fixtures.text(body).lines()
            .filter(l -> !l.isBlank())
            .map(l -> new Header(l.substring(0, l.indexOf(58)), l.substring(l.indexOf(58) + 1).strip()))
            .toList();
    return HeaderReader.read(headers, agent, Fixtures.name(body));
  }
}
