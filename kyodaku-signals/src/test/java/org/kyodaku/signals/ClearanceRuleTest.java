package org.kyodaku.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.core.decision.Basis;
import org.kyodaku.core.model.Use;

/** Every line of {@code fixtures/clearance/cases.tsv}, for every use. */
class ClearanceRuleTest {

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String line : Fixtures.text(Fixtures.dir("clearance").resolve("cases.tsv")).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] c = line.split("\t");
      for (Use use : Use.values()) {
        out.add(Arguments.of(c[0], c[1], c[2], c[3], use));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} + signal {1} -> {2} ({3}) for {4}")
  @MethodSource("cases")
  void apply_registryAndSignal_givesExpectedClearance(
      String basis, String signal, String verdict, String ground, Use use) {
    Basis b = Basis.valueOf(basis.toUpperCase().replace('-', '_'));
    Preference p = Preference.valueOf(signal.toUpperCase());
    Signals s = Signals.of(Map.of(Category.of(use), p), List.of());
    Clearance c = ClearanceRule.apply(b, use, s);
    assertThat(c.verdict().label()).isEqualTo(verdict);
    assertThat(c.ground().label()).isEqualTo(ground);
    assertThat(c.category()).isEqualTo(Category.of(use));
    assertThat(c.signal()).isEqualTo(p);
    assertThat(c.registry()).isEqualTo(b);
  }
}
