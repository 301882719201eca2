package org.kyodaku.benchmarks.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log benchmark runs end to end at a tiny size (a smoke test, never a timing). */
class LogBenchTest {
  @TempDir Path dir;

  @Test
  void run_tinyLog_reportsEveryPhase() throws Exception {
    LogBench.Options o = LogBench.Options.parse(new String[] {
        "--entries", "600", "--batch", "64", "--delay-ms", "1", "--in-flight", "128", "--proofs", "20", "--acts", "5",
        "--dir", dir.toString()});
    Map<String, Object> r = LogBench.run(o, new PrintStream(new ByteArrayOutputStream()));
    assertThat(r).containsOnlyKeys("append", "proofs", "acts");
    assertThat(((Map<?, ?>) r.get("proofs")).get("treeSize")).isEqualTo(600L);
    assertThat(((Map<?, ?>) r.get("acts")).get("logSize")).isEqualTo(10L);
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void parse_unknownOption_isRefused() {
    assertThatThrownBy(() -> LogBench.Options.parse(new String[] {"--entires", "5"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown options [entires]");
  }
}
