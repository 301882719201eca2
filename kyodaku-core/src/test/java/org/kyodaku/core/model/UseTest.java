package org.kyodaku.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UseTest {

  @Test
  void parse_knownLabel_returnsUse() {
    assertThat(Use.parse("use", "train-genai")).isEqualTo(Use.TRAIN_GENAI);
  }

  @Test
  void parse_labelWithCaseAndSpaces_returnsUse() {
    assertThat(Use.parse("use", "  Train-AI ")).isEqualTo(Use.TRAIN_AI);
  }

  @Test
  void parse_unknownLabel_throwsListingValidUses() {
    assertThatThrownBy(() -> Use.parse("use", "train-everything"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "use: unknown use \"train-everything\"; valid values are: "
                + "train-ai, train-genai, ai-use, search")
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("use"));
  }

  @Test
  void parse_ietfUnderscoreSpelling_throws() {
    assertThatThrownBy(() -> Use.parse("uses[0]", "train_ai"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("uses[0]: unknown use \"train_ai\"; valid values are: train-ai");
  }

  @Test
  void covers_trainAi_coversTrainGenaiOnlyBesidesItself() {
    assertThat(Use.TRAIN_AI.covers(Use.TRAIN_AI)).isTrue();
    assertThat(Use.TRAIN_AI.covers(Use.TRAIN_GENAI)).isTrue();
    assertThat(Use.TRAIN_AI.covers(Use.AI_USE)).isFalse();
    assertThat(Use.TRAIN_AI.covers(Use.SEARCH)).isFalse();
  }

  @Test
  void covers_otherUses_coverOnlyThemselves() {
    for (Use granted : new Use[] {Use.TRAIN_GENAI, Use.AI_USE, Use.SEARCH}) {
      for (Use asked : Use.values()) {
        assertThat(granted.covers(asked)).as("%s covers %s", granted, asked).isEqualTo(granted == asked);
      }
    }
  }
}
