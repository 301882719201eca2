package org.kyodaku.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // statements | closed verdicts (inheritance down, then containment up)
        "tdm=n | tdm=n train-ai=n train-genai=n ai-use=n search=n",
        "tdm=y | tdm=y train-ai=y train-genai=y ai-use=y search=y",
        "tdm=y train-genai=n | tdm=n train-ai=n train-genai=n ai-use=y search=y",
        "train-ai=y | tdm=- train-ai=y train-genai=y ai-use=- search=-",
        "train-genai=y | tdm=- train-ai=- train-genai=y ai-use=- search=-",
        "train-ai=n train-genai=y | tdm=n train-ai=n train-genai=y ai-use=- search=-",
        "search=n | tdm=n train-ai=- train-genai=- ai-use=- search=n",
        "tdm=n search=y | tdm=n train-ai=n train-genai=n ai-use=n search=y",
      })
  void of_statements_appliesNesting(String statements, String expected) {
    Signals s = Signals.of(Fixtures.verdicts(statements), List.of());
    assertThat(s.verdicts()).isEqualTo(Fixtures.verdicts(expected));
  }

  @Test
  void mostRestrictive_acrossStandards_disallowBeatsAllowBeatsUnknown() {
    Signals a = Signals.of(Fixtures.verdicts("train-ai=y search=y"), List.of());
    Signals b = Signals.of(Fixtures.verdicts("search=n"), List.of());
    Signals c = Signals.none();
    Signals all = Signals.mostRestrictive(List.of(a, b, c));
    assertThat(all.verdicts())
        .isEqualTo(Fixtures.verdicts("tdm=n train-ai=y train-genai=y ai-use=- search=n"));
  }

  @Test
  void none_everyCategory_unknown() {
    assertThat(Signals.none().verdicts().values()).containsOnly(Preference.UNKNOWN);
  }

  @Test
  void evidence_failureSayingAllowed_isRejected() {
    assertThatThrownBy(
            () ->
                Evidence.failure(
                    Standard.AIPREF, "s", "line 1", "x", Map.of(Category.SEARCH, Preference.ALLOWED), "bad"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad")
        .hasMessageContaining("search=allowed");
  }

  @Test
  void new_missingCategory_isRejected() {
    assertThatThrownBy(() -> new Signals(Map.of(Category.TDM, Preference.UNKNOWN), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lack category train-ai");
  }

  @Test
  void contains_nesting_followsParents() {
    assertThat(Category.TDM.contains(Category.TRAIN_GENAI)).isTrue();
    assertThat(Category.TRAIN_AI.contains(Category.TRAIN_GENAI)).isTrue();
    assertThat(Category.TRAIN_GENAI.contains(Category.TRAIN_AI)).isFalse();
    assertThat(Category.SEARCH.parent()).isEqualTo(Optional.of(Category.TDM));
  }
}
