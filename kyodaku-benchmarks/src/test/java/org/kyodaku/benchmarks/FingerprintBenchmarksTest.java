package org.kyodaku.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ISCC and vPDQ benchmarks' fixtures are what their Javadoc says; none is timed here. */
class FingerprintBenchmarksTest {

  @Test
  void bytes_sameSeed_sameBufferOfTheAskedSize() {
    assertThat(IsccBytesBenchmark.bytes(1 << 20)).hasSize(1 << 20).isEqualTo(IsccBytesBenchmark.bytes(1 << 20));
  }

  @Test
  void bytesBenchmark_setUp_bothCodesComputed() throws Exception {
    IsccBytesBenchmark bench = new IsccBytesBenchmark();
    bench.mib = 1;
    bench.setUp();

    assertThat(bench.buffer).hasSize(1 << 20);
    assertThat(bench.dataCode().toString()).startsWith("ISCC:GA");
    assertThat(bench.instanceCode().code().toString()).startsWith("ISCC:IA");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 64})
  void text_exactlyTheAskedUtf8Size_mixedScripts_sameOnEveryCall(int kib) {
    String text = IsccTextBenchmark.text(kib * 1024);

    assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(kib * 1024);
    assertThat(text).isEqualTo(IsccTextBenchmark.text(kib * 1024));
    assertThat(text.codePoints().anyMatch(c -> c >= 0x3040)).isTrue();
    assertThat(text.codePoints().anyMatch(c -> c >= 'a' && c <= 'z')).isTrue();
  }

  @Test
  void imageBenchmark_fromFileAndFromPixels_sameCode() {
    IsccImageBenchmark bench = new IsccImageBenchmark();
    bench.image = "bridge-mods/shrink-a-little.jpg";
    bench.setUp();

    assertThat(bench.decodeAndCode()).isEqualTo(bench.codeFromPixels());
    assertThat(bench.codeFromPixels().toString()).startsWith("ISCC:EE");
  }

  @Test
  void vpdqBenchmark_setUp_readsTheDurationAndHashes() {
    VpdqBenchmark bench = new VpdqBenchmark();
    bench.video = "test-padded-dimensions.mp4";
    bench.secondsPerHash = 1;
    bench.setUp();

    assertThat(bench.durationSeconds).isBetween(4.9, 5.1);
    assertThat(bench.hash().features()).hasSize(5);
  }
}
