package org.kyodaku.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkTest {
  private static final Instant AT = Instant.parse("2025-10-01T00:00:00Z");

  private static Work work(String title) {
    return new Work("w_work000001", title, WorkKind.IMAGE, "p_owner00001", AT);
  }

  @Test
  void new_emptyTitle_throws() {
    assertThatThrownBy(() -> work(""))
        .isInstanceOf(ValidationException.class)
        .hasMessage("title: must not be empty")
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("title"));
  }

  @Test
  void new_blankTitle_throws() {
    assertThatThrownBy(() -> work(" \t\n "))
        .isInstanceOf(ValidationException.class)
        .hasMessage("title: must not be empty");
  }

  @Test
  void new_loneSurrogateInTitle_throws() {
    assertThatThrownBy(() -> work("\uD800abc"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("title: is not valid Unicode (a lone surrogate)");
  }

  @Test
  void new_ideographicSpaceOnlyTitle_throws() {
    assertThatThrownBy(() -> work("\u3000\u3000"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("title: must not be empty");
  }

  @Test
  void new_japaneseTitle_keptAsIs() {
    assertThat(work("ピカピカの冒険").title()).isEqualTo("ピカピカの冒険");
  }

  @Test
  void new_decomposedKana_notNormalised() {
    // ピ written as ヒ + combining handakuten (NFD): stored as given, not composed to NFC.
    String decomposed = "\u30d2\u309aカピカの冒険";
    assertThat(work(decomposed).title()).isEqualTo(decomposed);
  }

  @Test
  void new_titleWithSurroundingSpace_isStripped() {
    assertThat(work("\u3000 ピカピカの冒険 ").title()).isEqualTo("ピカピカの冒険");
  }

  @Test
  void new_titleOf500CodePointsOutsideBmp_accepted() {
    // 500 code points, 1000 UTF-16 chars: the limit counts code points.
    String title = "\uD842\uDFB7".repeat(500); // 𠮷
    assertThat(work(title).title()).hasSize(1000);
  }

  @Test
  void new_titleOver500CodePoints_throws() {
    assertThatThrownBy(() -> work("冒".repeat(501)))
        .isInstanceOf(ValidationException.class)
        .hasMessage("title: is 501 characters long; at most 500 are allowed");
  }

  @Test
  void new_titleWithControlCharacter_throws() {
    assertThatThrownBy(() -> work("ピカ\u0007ピカ"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("title: must not contain control characters");
  }

  @Test
  void new_badOwnerId_throwsQuotingIt() {
    assertThatThrownBy(() -> new Work("w_work000001", "t", WorkKind.TEXT, "owner", AT))
        .isInstanceOf(ValidationException.class)
        .hasMessage("owner: not a Kyodaku id: \"owner\"");
  }
}
