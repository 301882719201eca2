package org.kyodaku.signals.aipref;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.signals.Fixtures;
import org.kyodaku.signals.Signals;

/** Every {@code fixtures/aipref/*.case}: Content-Usage field lines and the signals they give. */
class ContentUsageTest {
  static Stream<Arguments> cases() {
    return Fixtures.lines("aipref", ".case");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void read_fixture_matchesExpectation(String name, String line, Path body, Path expect) {
    Fixtures.check(name, line, expect, (agent, path) -> read(body, agent, path));
  }

  static Signals read(Path body, Optional<String> agent, String path) {
    return org.kyodaku.signals.http.HeaderReader.read(
        Fixtures.all(body, "input").stream()
            .map(v -> new org.kyodaku.signals.http.Header("Content-Usage", v))
            .toList(),
        agent,
        Fixtures.name(body));
  }
}
