package org.kyodaku.signals.tdmrep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Preference;

class TdmRepLayeringTest {
  private static final TdmRep FILE_RESERVED =
      TdmRepReader.wellKnown(
          "[{\"location\": \"/\", \"tdm-reservation\": 1, \"tdm-policy\": \"https://a.example/p\"}]",
          "/x",
          "tdmrep.json");

  @Test
  void then_headerZero_supersedesWellKnownReservation() {
    TdmRep header = TdmRepReader.values(Optional.of("0"), Optional.empty(), "h", "header");
    TdmRep layered = FILE_RESERVED.then(header);
    assertThat(layered.reserved()).contains(false);
    assertThat(layered.policy()).isEmpty();
    assertThat(layered.toSignals().get(Category.TRAIN_AI)).isEqualTo(Preference.ALLOWED);
    assertThat(layered.evidence()).hasSize(2);
  }

  @Test
  void then_absentLaterValue_doesNotReset() {
    TdmRep layered = FILE_RESERVED.then(TdmRep.none()).then(TdmRepReader.values(Optional.empty(), Optional.empty(), "m", "meta"));
    assertThat(layered.reserved()).contains(true);
    assertThat(layered.policy()).contains("https://a.example/p");
  }

  @Test
  void then_invalidLaterValue_doesNotReset() {
    TdmRep layered = FILE_RESERVED.then(TdmRepReader.values(Optional.of("2"), Optional.empty(), "h", "header"));
    assertThat(layered.reserved()).contains(true);
    assertThat(layered.toSignals().anyFailure()).isTrue();
    assertThat(layered.toSignals().get(Category.TDM)).isEqualTo(Preference.DISALLOWED);
  }

  @Test
  void values_reservedWithPolicy_keepsPolicy() {
    TdmRep t = TdmRepReader.values(Optional.of(" 1 "), Optional.of("https://p.example/x"), "h", "header");
    assertThat(t.reserved()).contains(true);
    assertThat(t.policy()).contains("https://p.example/x");
    assertThat(t.evidence().getFirst().value()).isEqualTo("tdm-reservation:  1 , tdm-policy: https://p.example/x");
  }
}
