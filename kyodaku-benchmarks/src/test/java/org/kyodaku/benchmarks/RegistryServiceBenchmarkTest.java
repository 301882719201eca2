package org.kyodaku.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kyodaku.core.decision.Basis;
import org.kyodaku.core.decision.Decision;

/** The benchmark's store fixture, built small: every kind of answer shows up in a batch. */
class RegistryServiceBenchmarkTest {

  @ParameterizedTest
  @ValueSource(strings = {"shipped", "val-first"})
  void decideBatch_smallStore_answersEveryBasisTheFixtureIntends(String index) throws Exception {
    RegistryServiceBenchmark bench = new RegistryServiceBenchmark();
    bench.works = 120;
    bench.owners = 4;
    bench.registeredShare = 0.5;
    bench.fingerprintIndex = index;
    bench.setUp();
    try {
      List<Decision> batch = bench.decideBatch();

      assertThat(batch).hasSize(RegistryServiceBenchmark.BATCH);
      assertThat(batch).extracting(Decision::basis)
          .contains(Basis.GRANT, Basis.NO_GRANT, Basis.UNREGISTERED);
      long unregistered = batch.stream().filter(d -> d.basis() == Basis.UNREGISTERED).count();
      assertThat(unregistered).isBetween(4_500L, 5_500L);
    } finally {
      bench.tearDown();
    }
  }
}
