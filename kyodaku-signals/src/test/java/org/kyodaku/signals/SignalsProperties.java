package org.kyodaku.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kyodaku.core.decision.Basis;
import org.kyodaku.core.decision.Decision;
import org.kyodaku.core.decision.PolicyProfile;
import org.kyodaku.core.decision.Question;
import org.kyodaku.core.decision.Verdict;
import org.kyodaku.core.model.Use;

/**
 * The opt-in guarantees of how signals combine and meet the registry, over random statements:
 * nothing reads as allowed without an explicit allowance, a reservation anywhere inside a category
 * reserves the category, and an origin's allowance never outweighs a rights holder the registry
 * knows.
 */
class SignalsProperties {

  // ---- Signals.of: one standard's statements ------------------------------------------------

  @Property(tries = 500)
  void of_allowedOnlyWhereTheCategoryOrAnAncestorSaidAllowed(
      @ForAll("statements") Map<Category, Preference> statements) {
    Signals s = Signals.of(statements, List.of());
    for (Category c : Category.values()) {
      if (s.get(c) == Preference.ALLOWED) {
        assertThat(nearestStatement(statements, c))
            .as("%s reads allowed from %s", c, statements)
            .contains(Preference.ALLOWED);
      }
    }
  }

  @Property(tries = 500)
  void of_aReservationInsideACategoryReservesIt(
      @ForAll("statements") Map<Category, Preference> statements) {
    Signals s = Signals.of(statements, List.of());
    for (Category outer : Category.values()) {
      for (Category inner : Category.values()) {
        if (outer.contains(inner) && s.get(inner) == Preference.DISALLOWED) {
          assertThat(s.get(outer)).as("%s contains reserved %s; %s", outer, inner, statements)
              .isEqualTo(Preference.DISALLOWED);
        }
      }
    }
  }

  @Property(tries = 500)
  void of_anOwnReservationIsNeverLost(@ForAll("statements") Map<Category, Preference> statements) {
    Signals s = Signals.of(statements, List.of());
    statements.forEach((c, p) -> {
      if (p == Preference.DISALLOWED) {
        assertThat(s.get(c)).isEqualTo(Preference.DISALLOWED);
      }
    });
  }

  // ---- Signals.mostRestrictive: several standards -------------------------------------------

  @Property(tries = 500)
  void mostRestrictive_disallowedIfAnyDisallows_allowedOnlyIfOneAllowsAndNoneDisallows(
      @ForAll("standards") List<Signals> standards) {
    Signals all = Signals.mostRestrictive(standards);
    for (Category c : Category.values()) {
      boolean anyDisallowed = standards.stream().anyMatch(s -> s.get(c) == Preference.DISALLOWED);
      boolean anyAllowed = standards.stream().anyMatch(s -> s.get(c) == Preference.ALLOWED);
      Preference expected = anyDisallowed ? Preference.DISALLOWED
          : anyAllowed ? Preference.ALLOWED : Preference.UNKNOWN;
      assertThat(all.get(c)).as("%s over %s", c, standards).isEqualTo(expected);
    }
  }

  @Property(tries = 300)
  void mostRestrictive_doesNotDependOnOrder(
      @ForAll("standards") List<Signals> standards, @ForAll long seed) {
    List<Signals> shuffled = new ArrayList<>(standards);
    Collections.shuffle(shuffled, new java.util.Random(seed));
    assertThat(Signals.mostRestrictive(shuffled).verdicts())
        .isEqualTo(Signals.mostRestrictive(standards).verdicts());
  }

  @Property(tries = 300)
  void mostRestrictive_addingAStandardNeverLoosens(
      @ForAll("standards") List<Signals> standards, @ForAll("anySignals") Signals extra) {
    Signals before = Signals.mostRestrictive(standards);
    List<Signals> more = new ArrayList<>(standards);
    more.add(extra);
    Signals after = Signals.mostRestrictive(more);
    for (Category c : Category.values()) {
      if (before.get(c) == Preference.DISALLOWED) {
        assertThat(after.get(c)).isEqualTo(Preference.DISALLOWED);
      }
      if (after.get(c) == Preference.ALLOWED) {
        assertThat(extra.get(c)).isNotEqualTo(Preference.DISALLOWED);
      }
    }
  }

  // ---- ClearanceRule: registry decision + signals -------------------------------------------

  @Property(tries = 1000)
  void clearance_allowsOnlyOnARegistryGrantOrAnUnregisteredItemsExplicitAllowance(
      @ForAll Basis basis, @ForAll Use use, @ForAll("anySignals") Signals signals) {
    Clearance c = ClearanceRule.apply(basis, use, signals);
    if (c.verdict() == Verdict.ALLOW) {
      boolean grant = basis == Basis.GRANT && c.ground() == Ground.GRANT;
      boolean origin = basis == Basis.UNREGISTERED
          && signals.get(Category.of(use)) == Preference.ALLOWED
          && c.ground() == Ground.ORIGIN_ALLOWED;
      assertThat(grant || origin).as("%s for %s with %s -> %s", basis, use, signals.verdicts(), c)
          .isTrue();
    }
    if (basis == Basis.GRANT) {
      assertThat(c.verdict()).isEqualTo(Verdict.ALLOW);
    }
  }

  @Property(tries = 500)
  void clearance_aKnownRightsHolderOutweighsTheOrigin(
      @ForAll("knownHolderBases") Basis basis, @ForAll Use use, @ForAll("anySignals") Signals signals) {
    assertThat(ClearanceRule.apply(basis, use, signals).verdict()).isEqualTo(Verdict.DENY);
  }

  @Property(tries = 500)
  void clearance_readsOnlyTheQuestionsCategory(
      @ForAll Basis basis, @ForAll Use use,
      @ForAll("anySignals") Signals signals, @ForAll("anySignals") Signals other) {
    Category asked = Category.of(use);
    EnumMap<Category, Preference> mixed = new EnumMap<>(other.verdicts());
    mixed.put(asked, signals.get(asked));
    Clearance a = ClearanceRule.apply(basis, use, signals);
    Clearance b = ClearanceRule.apply(basis, use, new Signals(mixed, List.of()));
    assertThat(b.verdict()).isEqualTo(a.verdict());
    assertThat(b.ground()).isEqualTo(a.ground());
  }

  @Property(tries = 500)
  void clearance_ofADecisionIsTheRuleForItsBasisAndUse(
      @ForAll Basis basis, @ForAll Use use, @ForAll("anySignals") Signals s) {
    boolean allow = basis == Basis.GRANT;
    Decision d = new Decision(allow ? Verdict.ALLOW : Verdict.DENY, basis,
        Optional.of("w_registered1"), allow ? Optional.of("g_granted01") : Optional.empty(),
        List.of(), PolicyProfile.OPT_IN,
        new Question("p_licensee1", use, Instant.EPOCH, Optional.empty()), List.of());
    assertThat(ClearanceRule.apply(d, s)).isEqualTo(ClearanceRule.apply(basis, use, s));
  }

  // ---- generators ---------------------------------------------------------------------------

  @Provide
  Arbitrary<Map<Category, Preference>> statements() {
    return Arbitraries.maps(Arbitraries.of(Category.class), Arbitraries.of(Preference.class))
        .ofMaxSize(Category.values().length);
  }

  /** Signals as a standard's reader builds them (nesting applied). */
  @Provide
  Arbitrary<Signals> standardSignals() {
    return statements().map(m -> Signals.of(m, List.of()));
  }

  @Provide
  Arbitrary<List<Signals>> standards() {
    return standardSignals().list().ofMaxSize(5);
  }

  /**
   * Any assignment at all, including ones no reader would build (an allowed category inside a
   * reserved one): the rule must hold for whatever it is handed.
   */
  @Provide
  Arbitrary<Signals> anySignals() {
    return Arbitraries.of(Preference.class).list().ofSize(Category.values().length).map(ps -> {
      EnumMap<Category, Preference> m = new EnumMap<>(Category.class);
      for (Category c : Category.values()) {
        m.put(c, ps.get(c.ordinal()));
      }
      return new Signals(m, List.of());
    });
  }

  @Provide
  Arbitrary<Basis> knownHolderBases() {
    return Arbitraries.of(Basis.class).filter(b -> b != Basis.GRANT && b != Basis.UNREGISTERED);
  }

  /** The statement a category inherits: its own, else its nearest ancestor's. */
  private static Optional<Preference> nearestStatement(Map<Category, Preference> st, Category c) {
    for (Optional<Category> at = Optional.of(c); at.isPresent(); at = at.get().parent()) {
      Preference p = st.getOrDefault(at.get(), Preference.UNKNOWN);
      if (p != Preference.UNKNOWN) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
