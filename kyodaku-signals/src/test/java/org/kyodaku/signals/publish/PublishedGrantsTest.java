package org.kyodaku.signals.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Use;

/** Which registry grants published signals may state: current, territory-free, whole scope. */
class PublishedGrantsTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final Instant BEFORE = NOW.minusSeconds(3600);

  static Grant grant(String id, String grantor, Optional<String> licensee, boolean allWorks, Set<String> works,
      Optional<Instant> until, Set<String> territories, Optional<Revocation> revocation) {
    return new Grant(id, grantor, licensee, Set.of(Use.SEARCH), allWorks, works, BEFORE, until, territories,
        Optional.of("https://example.org/terms/" + id), BEFORE, revocation);
  }

  static Grant everyone(String id) {
    return grant(id, "p_holder01", Optional.empty(), true, Set.of(), Optional.empty(), Set.of(), Optional.empty());
  }

  @Test
  void of_currentAllWorksGrantToEveryone_isPublished() {
    assertThat(PublishedGrants.of(List.of(everyone("g_aaaaaaaaa")), "p_holder01", Optional.empty(), NOW))
        .containsExactly(RecordGrant.toEveryone(Set.of(Use.SEARCH)));
  }

  @Test
  void of_grantsThatDoNotHoldEverywhereForEverything_areLeftOut() {
    List<Grant> grants = List.of(
        grant("g_baaaaaaaa", "p_other001", Optional.empty(), true, Set.of(), Optional.empty(), Set.of(), Optional.empty()),
        grant("g_caaaaaaaa", "p_holder01", Optional.empty(), true, Set.of(), Optional.empty(), Set.of("JP"), Optional.empty()),
        grant("g_daaaaaaaa", "p_holder01", Optional.empty(), false, Set.of("w_one00001"), Optional.empty(), Set.of(), Optional.empty()),
        grant("g_eaaaaaaaa", "p_holder01", Optional.empty(), true, Set.of(), Optional.of(NOW), Set.of(), Optional.empty()),
        grant("g_faaaaaaaa", "p_holder01", Optional.empty(), true, Set.of(), Optional.empty(), Set.of(),
            Optional.of(new Revocation(NOW.minusSeconds(1), "p_holder01", Optional.empty()))));
    assertThat(PublishedGrants.of(grants, "p_holder01", Optional.empty(), NOW)).isEmpty();
    assertThat(PublishedGrants.terms(grants, "p_holder01", Optional.empty(), NOW)).isEmpty();
  }

  @Test
  void of_revocationStampedJustAfterTheClock_isLeftOutAlready() {
    // The registry may stamp an acknowledged revocation a moment after the wall clock.
    Grant revoked = grant("g_gaaaaaaaa", "p_holder01", Optional.empty(), true, Set.of(), Optional.empty(), Set.of(),
        Optional.of(new Revocation(NOW.plusNanos(1_000), "p_holder01", Optional.empty())));
    assertThat(PublishedGrants.of(List.of(revoked), "p_holder01", Optional.empty(), NOW)).isEmpty();
  }

  @Test
  void of_workScope_takesGrantsNamingTheWork() {
    Grant forWork = grant("g_gaaaaaaaa", "p_holder01", Optional.of("p_lab00001"), false, Set.of("w_one00001"), Optional.empty(), Set.of(), Optional.empty());
    assertThat(PublishedGrants.of(List.of(forWork), "p_holder01", Optional.of("w_one00001"), NOW))
        .containsExactly(RecordGrant.to(Set.of(Use.SEARCH), Set.of("p_lab00001")));
    assertThat(PublishedGrants.of(List.of(forWork), "p_holder01", Optional.of("w_two00001"), NOW)).isEmpty();
  }

  @Test
  void terms_oneDistinctUrl_isThePointer_severalAreNone() {
    assertThat(PublishedGrants.terms(List.of(everyone("g_haaaaaaaa")), "p_holder01", Optional.empty(), NOW))
        .contains(URI.create("https://example.org/terms/g_haaaaaaaa"));
    assertThat(PublishedGrants.terms(List.of(everyone("g_haaaaaaaa"), everyone("g_iaaaaaaaa")), "p_holder01", Optional.empty(), NOW))
        .isEmpty();
  }
}
