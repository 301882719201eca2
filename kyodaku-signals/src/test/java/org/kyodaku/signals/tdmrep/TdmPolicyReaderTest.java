package org.kyodaku.signals.tdmrep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Fixtures;
import org.kyodaku.signals.Standard;

/** One fixture per case under fixtures/tdm-policy: {@code error_*} must be failed evidence. */
class TdmPolicyReaderTest {
  static Stream<Path> policies() {
    return Fixtures.files("tdm-policy", ".json").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void read_fixture_failsExactlyForErrorCases(Path file) throws Exception {
    Evidence e = TdmPolicyReader.read(Files.readString(file, StandardCharsets.UTF_8), "https://a.example/p");
    assertThat(e.failed()).as("%s: %s", file.getFileName(), e).isEqualTo(Fixtures.name(file).startsWith("error_"));
    assertThat(e.says()).isEmpty();
    assertThat(e.standard()).isEqualTo(Standard.TDMREP);
    if (e.failed()) {
      assertThat(e.error().orElseThrow()).endsWith("no known way to obtain permission");
    }
  }

  @Test
  void read_offerWithDuties_reportsTermsAndLicensingPage() throws Exception {
    Path file = Fixtures.dir("tdm-policy").resolve("offer_with_duties.json");
    Evidence e = TdmPolicyReader.read(Files.readString(file, StandardCharsets.UTF_8), "p");
    assertThat(e.value()).isEqualTo("Offer https://collective.example/policies/illustrators-2026; "
        + "assigner Example Illustrators Collective; licensing page https://collective.example/ai-licensing; "
        + "permission 1: tdm:mine with obtainConsent, compensate, purpose eq tdm:non-research");
  }

  @Test
  void read_wrongAction_namesThePermission() {
    Evidence e = TdmPolicyReader.read("{\"@type\":\"Offer\",\"profile\":\"http://www.w3.org/ns/tdmrep\","
        + "\"permission\":[{\"action\":\"tdm:mine\"},{\"action\":\"odrl:use\"}]}", "p");
    assertThat(e.error()).hasValue("permission 2 action must be \"tdm:mine\", got odrl:use; no known way to obtain permission");
  }
}
