package org.kyodaku.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kyodaku.core.decision.Basis;

/** The benchmark's fixtures say what they claim; the benchmark itself runs only under JMH. */
class DecisionEngineBenchmarkTest {

  @ParameterizedTest
  @CsvSource({
    "1, 10, allow, GRANT", "2, 10, allow, GRANT", "1, 1000, allow, GRANT", "2, 1000, allow, GRANT",
    "1, 10, deny, NO_GRANT", "2, 10, deny, NO_GRANT", "1, 1000, deny, NO_GRANT", "2, 1000, deny, NO_GRANT"
  })
  void decide_eachParameterCombination_answersAsNamed(int works, int grants, String outcome, Basis basis) {
    DecisionEngineBenchmark bench = new DecisionEngineBenchmark();
    bench.works = works;
    bench.grants = grants;
    bench.outcome = outcome;
    bench.setUp();

    assertThat(bench.decide().basis()).isEqualTo(basis);
    assertThat(bench.decide().matchedWorks()).hasSize(works);
  }
}
