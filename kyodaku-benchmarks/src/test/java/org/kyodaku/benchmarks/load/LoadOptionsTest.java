package org.kyodaku.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

  @Test
  void parse_loopbackServer_takesDefaults() throws Exception {
    LoadOptions o = LoadOptions.parse(new String[] {"--server", "http://127.0.0.1:8080/", "--token", "kyo_x"});

    assertThat(o.server().toString()).isEqualTo("http://127.0.0.1:8080");
    assertThat(o.scenarios()).isEqualTo(Set.of("batch", "single"));
    assertThat(o.rate()).isEqualTo(1000);
    assertThat(o.batchSize()).isEqualTo(10_000);
    assertThat(o.singleDuration()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void parse_ipv6Loopback_isAccepted() throws Exception {
    LoadOptions o = LoadOptions.parse(new String[] {"--server", "http://[::1]:8080", "--token", "kyo_x"});

    assertThat(o.server().getHost()).isEqualTo("[::1]");
  }

  @Test
  void parse_serverOffThisMachine_isRefused() {
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--server", "http://10.1.2.3:8080", "--token", "kyo_x"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--server must be a loopback address (127.0.0.0/8, localhost or [::1]), got http://10.1.2.3:8080");
  }

  @Test
  void parse_batchLargerThanTheApiAllows_isRefused() {
    assertThatThrownBy(
            () -> LoadOptions.parse(new String[] {"--server", "http://127.0.0.1:1", "--token", "t", "--batch-size", "10001"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--batch-size must be 1..10000, got 10001");
  }

  @Test
  void parse_unknownOption_isRefusedByName() {
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--sever", "http://127.0.0.1:1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown option --sever");
  }
}
