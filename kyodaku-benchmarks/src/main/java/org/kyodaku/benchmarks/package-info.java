/**
 * JMH benchmarks of the decision path: {@link org.kyodaku.benchmarks.DecisionEngineBenchmark}
 * (the pure rules) and {@link org.kyodaku.benchmarks.RegistryServiceBenchmark} (a batch of 10,000
 * against the embedded store). Each class names the command that runs it; docs/benchmarks.md
 * holds the figures measured so far. The HTTP load run is in {@code org.kyodaku.benchmarks.load}.
 */
@NullMarked
package org.kyodaku.benchmarks;

import org.jspecify.annotations.NullMarked;
