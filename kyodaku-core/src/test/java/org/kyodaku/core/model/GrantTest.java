package org.kyodaku.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantTest {
  private static final Instant FROM = Instant.parse("2025-10-01T00:00:00Z");

  private static Grant grant(
      Set<Use> uses,
      boolean allWorks,
      Set<String> works,
      Optional<Instant> validUntil,
      Set<String> territories,
      Optional<String> termsUrl) {
    return new Grant(
        "g_grant00001",
        "p_owner00001",
        Optional.of("p_aidev000001"),
        uses,
        allWorks,
        works,
        FROM,
        validUntil,
        territories,
        termsUrl,
        FROM,
        Optional.empty());
  }

  private static Grant withTerritories(Set<String> territories) {
    return grant(Set.of(Use.TRAIN_AI), true, Set.of(), Optional.empty(), territories, Optional.empty());
  }

  private static Grant withTermsUrl(String url) {
    return grant(Set.of(Use.TRAIN_AI), true, Set.of(), Optional.empty(), Set.of(), Optional.of(url));
  }

  private static Grant withValidUntil(Instant until) {
    return grant(Set.of(Use.TRAIN_AI), true, Set.of(), Optional.of(until), Set.of(), Optional.empty());
  }

  @Test
  void new_valid_normalisesTerritoriesAndSortsWorks() {
    Grant g =
        grant(
            Set.of(Use.SEARCH, Use.TRAIN_AI),
            false,
            Set.of("w_work000002", "w_work000001"),
            Optional.of(FROM.plusSeconds(1)),
            Set.of("jp", " fr "),
            Optional.of("https://example.org/terms"));

    assertThat(g.territories()).containsExactly("FR", "JP");
    assertThat(g.works()).containsExactly("w_work000001", "w_work000002");
    assertThat(g.uses()).containsExactly(Use.TRAIN_AI, Use.SEARCH);
  }

  @Test
  void new_emptyUses_throwsListingValidUses() {
    assertThatThrownBy(
            () -> grant(Set.of(), true, Set.of(), Optional.empty(), Set.of(), Optional.empty()))
        .isInstanceOf(ValidationException.class)
        .hasMessage("uses: name at least one use: train-ai, train-genai, ai-use, search")
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("uses"));
  }

  @Test
  void new_validUntilEqualToValidFrom_throws() {
    assertThatThrownBy(() -> withValidUntil(FROM))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "validUntil: must be after validFrom (2025-10-01T00:00:00Z), got 2025-10-01T00:00:00Z");
  }

  @Test
  void new_validUntilBeforeValidFrom_throws() {
    assertThatThrownBy(() -> withValidUntil(FROM.minusSeconds(60)))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "validUntil: must be after validFrom (2025-10-01T00:00:00Z), got 2025-09-30T23:59:00Z");
  }

  @Test
  void new_allWorksAndListedWorks_throws() {
    assertThatThrownBy(
            () ->
                grant(
                    Set.of(Use.TRAIN_AI),
                    true,
                    Set.of("w_work000001"),
                    Optional.empty(),
                    Set.of(),
                    Optional.empty()))
        .isInstanceOf(ValidationException.class)
        .hasMessage("works: list works or choose all works, not both");
  }

  @Test
  void new_neitherAllWorksNorListedWorks_throws() {
    assertThatThrownBy(
            () ->
                grant(
                    Set.of(Use.TRAIN_AI), false, Set.of(), Optional.empty(), Set.of(), Optional.empty()))
        .isInstanceOf(ValidationException.class)
        .hasMessage("works: name at least one work, or choose all works");
  }

  @Test
  void new_threeLetterTerritory_throws() {
    assertThatThrownBy(() -> withTerritories(Set.of("JPN")))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "territories: not an ISO 3166-1 alpha-2 country code: \"JPN\" (e.g. JP, US, FR)");
  }

  @Test
  void new_territoryWithDigit_throws() {
    assertThatThrownBy(() -> withTerritories(Set.of("1A")))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "territories: not an ISO 3166-1 alpha-2 country code: \"1A\" (e.g. JP, US, FR)");
  }

  @Test
  void new_nonAsciiLettersThatUpperCaseToAscii_throws() {
    // "ı".toUpperCase() is "I" and "ſ".toUpperCase() is "S": they must not pass as IT and US.
    for (String code : new String[] {"ıt", "uſ"}) {
      assertThatThrownBy(() -> withTerritories(Set.of(code)))
          .isInstanceOf(ValidationException.class)
          .hasMessage(
              "territories: not an ISO 3166-1 alpha-2 country code: \"" + code + "\" (e.g. JP, US, FR)");
    }
  }

  @Test
  void new_internationalisedDomainTermsUrl_accepted() {
    assertThat(withTermsUrl("https://例え.jp/規約").termsUrl()).contains("https://例え.jp/規約");
  }

  @Test
  void new_termsUrlWithInvalidHost_throws() {
    assertThatThrownBy(() -> withTermsUrl("https://exa mple.jp/"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("termsUrl: not a URL:");
  }

  @Test
  void new_ftpTermsUrl_throws() {
    assertThatThrownBy(() -> withTermsUrl("ftp://x"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("termsUrl: must be an absolute http(s) URL, got \"ftp://x\"");
  }

  @Test
  void new_termsUrlNotAUrl_throws() {
    assertThatThrownBy(() -> withTermsUrl("not a url"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("termsUrl: not a URL: \"not a url\" (Illegal character in path)");
  }

  @Test
  void new_relativeTermsUrl_throws() {
    assertThatThrownBy(() -> withTermsUrl("/terms"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("termsUrl: must be an absolute http(s) URL, got \"/terms\"");
  }

  @Test
  void new_badLicenseeId_throws() {
    assertThatThrownBy(
            () ->
                new Grant(
                    "g_grant00001",
                    "p_owner00001",
                    Optional.of(Grant.EVERYONE),
                    Set.of(Use.TRAIN_AI),
                    true,
                    Set.of(),
                    FROM,
                    Optional.empty(),
                    Set.of(),
                    Optional.empty(),
                    FROM,
                    Optional.empty()))
        .isInstanceOf(ValidationException.class)
        .hasMessage("licensee: not a Kyodaku id: \"everyone\"");
  }
}
