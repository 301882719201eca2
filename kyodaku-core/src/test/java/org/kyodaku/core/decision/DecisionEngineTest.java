package org.kyodaku.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;

/**
 * Named cases of the opt-in decision rules (see the class comment of {@link DecisionEngine}). Each
 * case asserts the whole answer a caller relies on: verdict, basis, the work named and the grant
 * relied on.
 */
class DecisionEngineTest {
  private static final String STUDIO = "p_studio0001";
  private static final String ILLUSTRATOR = "p_illustrator1";
  private static final String LICENSEE = "p_aidev000001";
  private static final String OTHER_LICENSEE = "p_aidev000002";

  private static final Instant T0 = Instant.parse("2025-10-01T00:00:00Z");

  private final DecisionEngine engine = new DecisionEngine();

  private static Instant t(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static Work work(String id, String owner, Instant registeredAt) {
    return new Work(id, "ピカピカの冒険 " + id, WorkKind.IMAGE, owner, registeredAt);
  }

  private static final Work POSTER = work("w_poster0001", STUDIO, t(0));
  private static final Work SKETCH = work("w_sketch0001", STUDIO, t(0));
  private static final Work DRAWING = work("w_drawing001", ILLUSTRATOR, t(0));

  /** Question at {@code at} by {@link #LICENSEE}, no territory. */
  private static Question ask(Use use, Instant at) {
    return new Question(LICENSEE, use, at, Optional.empty());
  }

  private static Question askIn(Use use, Instant at, String territory) {
    return new Question(LICENSEE, use, at, Optional.of(territory));
  }

  /** A grant builder whose defaults cover {@link #POSTER} for {@link #LICENSEE}, train-ai, from t(0). */
  private static final class G {
    String id = "g_grant00001";
    String grantor = STUDIO;
    Optional<String> licensee = Optional.of(LICENSEE);
    Set<Use> uses = Set.of(Use.TRAIN_AI);
    boolean allWorks = false;
    Set<String> works = Set.of(POSTER.id());
    Instant validFrom = t(0);
    Optional<Instant> validUntil = Optional.empty();
    Set<String> territories = Set.of();
    Instant issuedAt = t(0);
    Optional<Revocation> revocation = Optional.empty();

    G id(String v) {
      id = v;
      return this;
    }

    G grantor(String v) {
      grantor = v;
      return this;
    }

    G toEveryone() {
      licensee = Optional.empty();
      return this;
    }

    G to(String v) {
      licensee = Optional.of(v);
      return this;
    }

    G uses(Use... v) {
      uses = Set.of(v);
      return this;
    }

    G allWorks() {
      allWorks = true;
      works = Set.of();
      return this;
    }

    G works(String... v) {
      allWorks = false;
      works = Set.of(v);
      return this;
    }

    G valid(Instant from, Instant until) {
      validFrom = from;
      validUntil = Optional.of(until);
      return this;
    }

    G validFrom(Instant from) {
      validFrom = from;
      return this;
    }

    G territories(String... v) {
      territories = Set.of(v);
      return this;
    }

    G issuedAt(Instant v) {
      issuedAt = v;
      return this;
    }

    G revokedAt(Instant v) {
      revocation = Optional.of(new Revocation(v, grantor, Optional.of("licence ended")));
      return this;
    }

    Grant build() {
      return new Grant(
          id,
          grantor,
          licensee,
          uses,
          allWorks,
          works,
          validFrom,
          validUntil,
          territories,
          Optional.empty(),
          issuedAt,
          revocation);
    }
  }

  private static G grant() {
    return new G();
  }

  private Decision decide(Question q, List<Work> matched, Grant... grants) {
    return engine.decide(q, matched, List.of(grants));
  }

  private static void assertAllowed(Decision d, Work work, Grant grant) {
    assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(d.basis()).isEqualTo(Basis.GRANT);
    assertThat(d.work()).contains(work.id());
    assertThat(d.grant()).contains(grant.id());
    assertThat(d.profile()).isEqualTo(PolicyProfile.OPT_IN);
  }

  private static void assertDenied(Decision d, Basis basis, Optional<Work> work) {
    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
    assertThat(d.basis()).isEqualTo(basis);
    assertThat(d.work()).isEqualTo(work.map(Work::id));
    assertThat(d.grant()).isEmpty();
    assertThat(d.profile()).isEqualTo(PolicyProfile.OPT_IN);
  }

  // ---- resemblance (perceptual matches) -----------------------------------------------------

  @Test
  void decide_onlyResemblesGrantedWork_deniesNearMatch() {
    Grant g = grant().allWorks().build();
    Decision d = engine.decide(ask(Use.TRAIN_AI, t(10)), List.of(), List.of(POSTER), List.of(g));
    assertDenied(d, Basis.NEAR_MATCH, Optional.of(POSTER));
    assertThat(d.matchedWorks()).containsExactly(POSTER.id());
  }

  @Test
  void decide_exactCopyAndResemblanceSameOwnerAllGranted_allowsNamingTheExactWork() {
    Grant g = grant().allWorks().build();
    Decision d = engine.decide(ask(Use.TRAIN_AI, t(10)), List.of(SKETCH), List.of(POSTER), List.of(g));
    assertAllowed(d, SKETCH, g);
    assertThat(d.matchedWorks()).containsExactly(POSTER.id(), SKETCH.id());
  }

  @Test
  void decide_exactCopyGrantedButResemblesUngrantedWork_deniesNoGrant() {
    Grant g = grant().works(SKETCH.id()).build();
    Decision d = engine.decide(ask(Use.TRAIN_AI, t(10)), List.of(SKETCH), List.of(POSTER), List.of(g));
    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  @Test
  void decide_resemblesAnotherOwnersWork_deniesDisputed() {
    Grant g = grant().allWorks().build();
    Grant h = grant().id("g_grant00002").grantor(ILLUSTRATOR).allWorks().build();
    Decision d = engine.decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), List.of(DRAWING), List.of(g, h));
    assertDenied(d, Basis.DISPUTED, Optional.of(DRAWING));
  }

  @Test
  void decide_sameWorkExactAndResembling_countsOnceAndAllows() {
    Grant g = grant().build();
    Decision d = engine.decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), List.of(POSTER), List.of(g));
    assertAllowed(d, POSTER, g);
    assertThat(d.matchedWorks()).containsExactly(POSTER.id());
  }

  // ---- registration -------------------------------------------------------------------------

  @Test
  void decide_noMatchedWork_deniesUnregistered() {
    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(), grant().allWorks().build());

    assertDenied(d, Basis.UNREGISTERED, Optional.empty());
    assertThat(d.matchedWorks()).isEmpty();
  }

  @Test
  void decide_registeredWithoutGrant_deniesNoGrant() {
    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER));

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
    assertThat(d.matchedWorks()).containsExactly(POSTER.id());
  }

  @Test
  void decide_workRegisteredAfterAskedInstant_deniesUnregistered() {
    Work late = work("w_late000001", STUDIO, t(20));
    Grant g = grant().works(late.id()).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(late), g);

    assertDenied(d, Basis.UNREGISTERED, Optional.empty());
    assertThat(d.matchedWorks()).isEmpty();
  }

  @Test
  void decide_workRegisteredAtAskedInstant_isKnown() {
    Work justNow = work("w_justnow0001", STUDIO, t(10));
    Grant g = grant().works(justNow.id()).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(justNow), g);

    assertAllowed(d, justNow, g);
  }

  // ---- licensee -----------------------------------------------------------------------------

  @Test
  void decide_grantToLicensee_allows() {
    Grant g = grant().build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), g);

    assertAllowed(d, POSTER, g);
    assertThat(d.matchedWorks()).containsExactly(POSTER.id());
  }

  @Test
  void decide_grantToEveryone_allows() {
    Grant g = grant().toEveryone().build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), g);

    assertAllowed(d, POSTER, g);
  }

  @Test
  void decide_grantToAnotherLicensee_deniesNoGrant() {
    Grant g = grant().to(OTHER_LICENSEE).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  // ---- uses ---------------------------------------------------------------------------------

  @Test
  void decide_trainAiGrantAskedTrainGenai_allows() {
    Grant g = grant().uses(Use.TRAIN_AI).build();

    Decision d = decide(ask(Use.TRAIN_GENAI, t(10)), List.of(POSTER), g);

    assertAllowed(d, POSTER, g);
  }

  @Test
  void decide_trainGenaiGrantAskedTrainAi_deniesNoGrant() {
    Grant g = grant().uses(Use.TRAIN_GENAI).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  @Test
  void decide_searchGrantAskedAiUse_deniesNoGrant() {
    Grant g = grant().uses(Use.SEARCH).build();

    Decision d = decide(ask(Use.AI_USE, t(10)), List.of(POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  @Test
  void decide_trainAiGrantAskedSearch_deniesNoGrant() {
    Grant g = grant().uses(Use.TRAIN_AI).build();

    Decision d = decide(ask(Use.SEARCH, t(10)), List.of(POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  // ---- period -------------------------------------------------------------------------------

  @Test
  void decide_atValidFrom_allows() {
    Grant g = grant().valid(t(10), t(20)).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), g);

    assertAllowed(d, POSTER, g);
  }

  @Test
  void decide_justBeforeValidFrom_deniesNoGrant() {
    Grant g = grant().valid(t(10), t(20)).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10).minusNanos(1)), List.of(POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  @Test
  void decide_justBeforeValidUntil_allows() {
    Grant g = grant().valid(t(10), t(20)).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(20).minusNanos(1)), List.of(POSTER), g);

    assertAllowed(d, POSTER, g);
  }

  @Test
  void decide_atValidUntil_deniesNoGrant() {
    Grant g = grant().valid(t(10), t(20)).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(20)), List.of(POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  @Test
  void decide_grantIssuedAfterAskedInstant_deniesEvenThoughValidFromEarlier() {
    // Back-dated grant: recorded at t(30), valid from t(0). A question about t(10) is answered
    // from what the registry knew then, and then there was no grant.
    Grant g = grant().validFrom(t(0)).issuedAt(t(30)).build();

    Decision before = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), g);
    Decision atIssue = decide(ask(Use.TRAIN_AI, t(30)), List.of(POSTER), g);

    assertDenied(before, Basis.NO_GRANT, Optional.of(POSTER));
    assertAllowed(atIssue, POSTER, g);
  }

  // ---- revocation ---------------------------------------------------------------------------

  @Test
  void decide_justBeforeRevokedAt_allows() {
    Grant g = grant().revokedAt(t(20)).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(20).minusNanos(1)), List.of(POSTER), g);

    assertAllowed(d, POSTER, g);
  }

  @Test
  void decide_atRevokedAt_deniesNoGrant() {
    Grant g = grant().revokedAt(t(20)).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(20)), List.of(POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  @Test
  void decide_afterRevokedAt_deniesNoGrant() {
    Grant g = grant().revokedAt(t(20)).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(500)), List.of(POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  @Test
  void decide_earlierGrantRevoked_reliesOnLaterGrant() {
    Grant revoked = grant().id("g_grant00001").issuedAt(t(0)).revokedAt(t(5)).build();
    Grant later = grant().id("g_grant00002").issuedAt(t(3)).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), revoked, later);

    assertAllowed(d, POSTER, later);
  }

  // ---- territory ----------------------------------------------------------------------------

  @Test
  void decide_territoryLimitedGrantMatchingTerritory_allows() {
    Grant g = grant().territories("JP", "FR").build();

    Decision d = decide(askIn(Use.TRAIN_AI, t(10), "JP"), List.of(POSTER), g);

    assertAllowed(d, POSTER, g);
  }

  @Test
  void decide_territoryLimitedGrantLowerCaseTerritory_allows() {
    Grant g = grant().territories("jp").build();

    Decision d = decide(askIn(Use.TRAIN_AI, t(10), "jp"), List.of(POSTER), g);

    assertAllowed(d, POSTER, g);
  }

  @Test
  void decide_territoryLimitedGrantOtherTerritory_deniesNoGrant() {
    Grant g = grant().territories("JP").build();

    Decision d = decide(askIn(Use.TRAIN_AI, t(10), "US"), List.of(POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  @Test
  void decide_territoryLimitedGrantQuestionWithoutTerritory_deniesNoGrant() {
    Grant g = grant().territories("JP").build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  @Test
  void decide_unlimitedGrantQuestionWithTerritory_allows() {
    Grant g = grant().build();

    Decision d = decide(askIn(Use.TRAIN_AI, t(10), "US"), List.of(POSTER), g);

    assertAllowed(d, POSTER, g);
  }

  @Test
  void decide_unlimitedGrantQuestionWithoutTerritory_allows() {
    Grant g = grant().build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), g);

    assertAllowed(d, POSTER, g);
  }

  // ---- grantor and scope --------------------------------------------------------------------

  @Test
  void decide_grantByNonOwner_deniesNoGrant() {
    // The illustrator "grants" the studio's poster: only the rights holder may.
    Grant g = grant().grantor(ILLUSTRATOR).works(POSTER.id()).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  @Test
  void decide_allWorksGrantByNonOwner_deniesNoGrant() {
    Grant g = grant().grantor(ILLUSTRATOR).allWorks().build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  @Test
  void decide_listedGrantForAnotherWork_deniesNoGrant() {
    Grant g = grant().works(SKETCH.id()).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  @Test
  void decide_allWorksGrantGrantorsWork_allows() {
    Grant g = grant().allWorks().build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(SKETCH), g);

    assertAllowed(d, SKETCH, g);
  }

  @Test
  void decide_allWorksGrantWorkRegisteredAfterGrant_allows() {
    Grant g = grant().allWorks().issuedAt(t(0)).build();
    Work newer = work("w_newer00001", STUDIO, t(50));

    Decision d = decide(ask(Use.TRAIN_AI, t(60)), List.of(newer), g);

    assertAllowed(d, newer, g);
  }

  @Test
  void decide_allWorksGrantAnotherOwnersWork_deniesNoGrant() {
    Grant g = grant().allWorks().build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(DRAWING), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(DRAWING));
  }

  // ---- several matched works ----------------------------------------------------------------

  @Test
  void decide_worksOfTwoOwnersBothGranted_deniesDisputed() {
    Grant studio = grant().id("g_grant00001").grantor(STUDIO).works(POSTER.id()).build();
    Grant illustrator =
        grant().id("g_grant00002").grantor(ILLUSTRATOR).works(DRAWING.id()).build();

    Decision d =
        decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER, DRAWING), studio, illustrator);

    // The first work in id order is named: w_drawing001 < w_poster0001.
    assertDenied(d, Basis.DISPUTED, Optional.of(DRAWING));
    assertThat(d.matchedWorks()).containsExactly(DRAWING.id(), POSTER.id());
  }

  @Test
  void decide_secondOwnerRegisteredAfterAskedInstant_notDisputed() {
    Work lateClaim = work("w_lateclaim01", ILLUSTRATOR, t(20));
    Grant g = grant().build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER, lateClaim), g);

    assertAllowed(d, POSTER, g);
    assertThat(d.matchedWorks()).containsExactly(POSTER.id());
  }

  @Test
  void decide_twoWorksSameOwnerBothCovered_allows() {
    Grant g = grant().works(POSTER.id(), SKETCH.id()).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(SKETCH, POSTER), g);

    assertAllowed(d, POSTER, g);
    assertThat(d.matchedWorks()).containsExactly(POSTER.id(), SKETCH.id());
  }

  @Test
  void decide_twoWorksSameOwnerCoveredBySeparateGrants_allowsNamingFirstWorksGrant() {
    Grant forSketch = grant().id("g_grant00001").works(SKETCH.id()).issuedAt(t(0)).build();
    Grant forPoster = grant().id("g_grant00002").works(POSTER.id()).issuedAt(t(1)).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER, SKETCH), forSketch, forPoster);

    assertAllowed(d, POSTER, forPoster);
  }

  @Test
  void decide_twoWorksSameOwnerOnlyFirstCovered_deniesNoGrantNamingUncovered() {
    Grant g = grant().works(POSTER.id()).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER, SKETCH), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(SKETCH));
    assertThat(d.matchedWorks()).containsExactly(POSTER.id(), SKETCH.id());
  }

  @Test
  void decide_twoWorksSameOwnerOnlySecondCovered_deniesNoGrantNamingUncovered() {
    Grant g = grant().works(SKETCH.id()).build();

    Decision d = decide(ask(Use.TRAIN_AI, t(10)), List.of(SKETCH, POSTER), g);

    assertDenied(d, Basis.NO_GRANT, Optional.of(POSTER));
  }

  // ---- choice of grant ----------------------------------------------------------------------

  @Test
  void decide_severalCoveringGrants_choosesEarliestIssued() {
    Grant older = grant().id("g_zzzzzzzz01").issuedAt(t(1)).build();
    Grant newer = grant().id("g_aaaaaaaa01").issuedAt(t(2)).toEveryone().build();

    Decision forward = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), older, newer);
    Decision backward = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), newer, older);

    assertAllowed(forward, POSTER, older);
    assertThat(backward).isEqualTo(forward);
  }

  @Test
  void decide_coveringGrantsIssuedTogether_choosesLowestId() {
    Grant b = grant().id("g_bbbbbbbb01").issuedAt(t(1)).build();
    Grant a = grant().id("g_aaaaaaaa01").issuedAt(t(1)).allWorks().build();

    Decision forward = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), b, a);
    Decision backward = decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), a, b);

    assertAllowed(forward, POSTER, a);
    assertThat(backward).isEqualTo(forward);
  }

  @Test
  void decide_earliestGrantDoesNotCover_choosesEarliestCovering() {
    Grant earliestButSearchOnly = grant().id("g_aaaaaaaa01").issuedAt(t(0)).uses(Use.SEARCH).build();
    Grant covering = grant().id("g_bbbbbbbb01").issuedAt(t(1)).build();

    Decision d =
        decide(ask(Use.TRAIN_AI, t(10)), List.of(POSTER), earliestButSearchOnly, covering);

    assertAllowed(d, POSTER, covering);
  }

  @Test
  void decide_anyAnswer_carriesTheQuestion() {
    Question q = askIn(Use.AI_USE, t(10), "FR");

    Decision d = decide(q, List.of(POSTER));

    assertThat(d.question()).isEqualTo(q);
    assertThat(d.allowed()).isFalse();
  }
}
