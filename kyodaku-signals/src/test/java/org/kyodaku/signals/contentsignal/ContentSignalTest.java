package org.kyodaku.signals.contentsignal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.signals.Fixtures;
import org.kyodaku.signals.Signals;

/** Every {@code fixtures/content-signal/*.case}: a Content-Signal value and its signals. */
class ContentSignalTest {
  static Stream<Arguments> cases() {
    return Fixtures.lines("content-signal", ".case");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void read_fixture_matchesExpectation(String name, String line, Path body, Path expect) {
    Fixtures.check(name, line, expect, (agent, path) -> read(body, agent, path));
  }

  static Signals read(Path body, Optional<String> agent, String path) {
    org.kyodaku.signals.Evidence e =
        ContentSignal.read(Fixtures.field(body, "input").orElseThrow(), Fixtures.name(body), "line 1");
    return Signals.of(e.says(), List.of(e));
  }
}
