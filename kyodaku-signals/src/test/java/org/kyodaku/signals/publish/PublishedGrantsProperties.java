package org.kyodaku.signals.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kyodaku.core.decision.DecisionEngine;
import org.kyodaku.core.decision.Question;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;

/**
 * Published signal files never claim more than the registry would allow: every allowance written
 * for a holder (or one of the holder's works) is one the registry's own rule, {@link
 * DecisionEngine#covers}, grants for every work in that scope, for the named licensee (or any
 * licensee), in every territory and with no territory named, at the instant published.
 *
 * <p>Random worlds: two grantors, grants to everyone or to one of three licensees, random uses,
 * scope, validity, territories and revocations on a whole-second timeline around the publication
 * instant, so boundaries are hit exactly.
 */
class PublishedGrantsProperties {
  private static final String HOLDER = "p_holder0001";
  private static final String OTHER = "p_other00001";
  private static final List<String> WORKS = List.of("w_work000001", "w_work000002", "w_work000003");
  private static final List<String> LICENSEES = List.of("p_lab0000001", "p_lab0000002");
  private static final List<Optional<String>> TERRITORIES =
      List.of(Optional.empty(), Optional.of("JP"), Optional.of("US"));
  private static final Instant AT = Instant.ofEpochSecond(10);

  @Property(tries = 1000)
  void everyPublishedAllowanceIsOneTheRegistryGrants(
      @ForAll("grants") List<Grant> grants, @ForAll("scope") Optional<String> work) {
    List<RecordGrant> published = PublishedGrants.of(grants, HOLDER, work, AT);
    List<String> scope = work.map(List::of).orElse(WORKS);
    for (RecordGrant r : published) {
      for (Use use : r.uses()) {
        for (String licensee : LICENSEES) {
          if (!r.reaches(licensee)) {
            continue;
          }
          for (String w : scope) {
            for (Optional<String> territory : TERRITORIES) {
              Work registered = new Work(w, "作品", WorkKind.IMAGE, HOLDER, Instant.EPOCH);
              Question q = new Question(licensee, use, AT, territory);
              assertThat(grants.stream().anyMatch(g -> DecisionEngine.covers(g, registered, q)))
                  .as("published %s, but no grant covers %s for %s in %s; grants %s",
                      r, w, licensee, territory, grants)
                  .isTrue();
            }
          }
        }
      }
    }
  }

  @Property(tries = 500)
  void aRevokedGrantIsNeverPublished_evenIfRevokedLater(@ForAll("grants") List<Grant> grants) {
    List<Grant> unrevoked = new ArrayList<>();
    for (Grant g : grants) {
      if (g.revocation().isEmpty()) {
        unrevoked.add(g);
      }
    }
    assertThat(PublishedGrants.of(grants, HOLDER, Optional.empty(), AT))
        .isEqualTo(PublishedGrants.of(unrevoked, HOLDER, Optional.empty(), AT));
  }

  @Provide
  Arbitrary<Optional<String>> scope() {
    return Arbitraries.of(WORKS).optional(0.5);
  }

  @Provide
  Arbitrary<List<Grant>> grants() {
    Arbitrary<Instant> instant = Arbitraries.longs().between(0, 20).map(Instant::ofEpochSecond);
    Arbitrary<Optional<String>> licensee =
        Arbitraries.of(LICENSEES.get(0), LICENSEES.get(1), "p_lab0000003").optional(0.5);
    Arbitrary<Set<Use>> uses = Arbitraries.of(Use.class).set().ofMinSize(1);
    Arbitrary<Set<String>> works = Arbitraries.of(WORKS).set().ofMaxSize(3);
    Arbitrary<Set<String>> territories = Arbitraries.of("JP", "US").set().ofMaxSize(2);
    Arbitrary<Optional<Integer>> untilAfter = Arbitraries.integers().between(1, 15).optional(0.5);
    Arbitrary<Optional<Instant>> revokedAt = instant.optional(0.3);
    Arbitrary<String> grantor = Arbitraries.of(HOLDER, HOLDER, OTHER);
    return Combinators.combine(grantor, licensee, uses, works, instant, untilAfter, territories,
            revokedAt)
        .as((by, to, u, ws, from, until, terr, revoked) -> new Grant(
            "g_" + String.format("%08x", Objects.hash(by, to, u, ws, from, until, terr, revoked)),
            by, to, u, ws.isEmpty(), ws, from, until.map(from::plusSeconds), terr,
            Optional.empty(), from.minusSeconds(1).isBefore(Instant.EPOCH) ? from : from.minusSeconds(1),
            revoked.map(t -> new Revocation(t, by, Optional.empty()))))
        .list().ofMaxSize(6);
  }
}
