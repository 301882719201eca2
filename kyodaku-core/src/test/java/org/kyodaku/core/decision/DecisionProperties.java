package org.kyodaku.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.statistics.Statistics;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;

/**
 * Properties of the opt-in rules over random small worlds: a few owners, a few parties who own
 * nothing, a few licensees, works with random owners and registration instants, grants by owners
 * and non-owners, and a question.
 *
 * <p>Every instant is a whole epoch second in {@code 0..}{@value #HORIZON} (ends of validity and
 * revocations up to twice that), so that an asked instant often falls exactly on a registration,
 * issue, validity or revocation boundary.
 *
 * <p>{@link #oracle} is a second, deliberately plain, statement of the rules written from the
 * design (DESIGN.md, "Decision" and "Grant"); it does not call {@link DecisionEngine}.
 */
class DecisionProperties {
  static final int HORIZON = 24;
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
  private static final List<String> TERRITORIES = List.of("JP", "US", "FR");

  private final DecisionEngine engine = new DecisionEngine();

  // ---- the world ----------------------------------------------------------------------------

  /** Who exists: owners own works; outsiders own none but may still (wrongly) issue grants. */
  record Parties(List<String> owners, List<String> outsiders, List<String> licensees) {
    List<String> grantors() {
      List<String> all = new ArrayList<>(owners);
      all.addAll(outsiders);
      return all;
    }
  }

  /**
   * One decision to make: every work of the registry, those the content matched (in random
   * order), the candidate grants, and the question.
   */
  record World(
      Parties parties, List<Work> works, List<Work> matched, List<Grant> grants, Question question) {
    World withGrants(List<Grant> g) {
      return new World(parties, works, matched, g, question);
    }

    World withQuestion(Question q) {
      return new World(parties, works, matched, grants, q);
    }

    World at(Instant at) {
      return withQuestion(new Question(question.licensee(), question.use(), at, question.territory()));
    }
  }

  /** The parts of a decision the oracle states. */
  record Answer(
      Verdict verdict,
      Basis basis,
      Optional<String> work,
      Optional<String> grant,
      List<String> matchedWorks) {
    static Answer of(Decision d) {
      return new Answer(d.verdict(), d.basis(), d.work(), d.grant(), d.matchedWorks());
    }
  }

  // Generation draws "raw" worlds whose cross references are small indexes, then resolves them
  // with a plain map. Nothing depends on a value drawn earlier (no flatMap), which keeps
  // generation fast and lets jqwik shrink every part independently.

  private static Arbitrary<String> ids(String prefix) {
    return Arbitraries.strings().withChars(BASE32).ofLength(26).map(s -> prefix + "_" + s);
  }

  /** Any instant of the range. */
  private static Arbitrary<Instant> instants() {
    return Arbitraries.integers().between(0, HORIZON).map(Instant::ofEpochSecond);
  }

  /**
   * Any instant of the range, but mostly early ones: registrations, issues and starts of validity
   * then usually precede the asked instant, so that allowed answers are common enough to test.
   */
  private static Arbitrary<Instant> mostlyEarly() {
    return Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0, HORIZON / 4)),
            Tuple.of(1, Arbitraries.integers().between(0, HORIZON)))
        .map(Instant::ofEpochSecond);
  }

  private record RawWork(String id, int owner, Instant registeredAt) {}

  private record RawGrantor(boolean outsider, int index) {}

  private record Period(Instant validFrom, Optional<Instant> validUntil) {}

  private record Issue(Instant issuedAt, Optional<Instant> revokedAt) {}

  /** A grant whose parties and works are indexes; empty {@code works} means all works. */
  private record RawGrant(
      String id,
      RawGrantor grantor,
      Optional<Integer> licensee,
      Set<Use> uses,
      Set<Integer> works,
      Period period,
      Set<String> territories,
      Issue issue) {}

  private record RawQuestion(int licensee, Use use, Instant at, Optional<String> territory) {}

  private record Counts(int owners, int outsiders, int licensees) {}

  private record RawWorld(
      List<String> partyIds,
      Counts counts,
      List<RawWork> works,
      List<Integer> matchOrder,
      Set<Integer> matched,
      List<RawGrant> grants,
      RawQuestion question) {}

  private static Arbitrary<RawWork> rawWorks() {
    return Combinators.combine(ids("w"), Arbitraries.integers().between(0, 2), mostlyEarly())
        .as(RawWork::new);
  }

  private static Arbitrary<RawGrant> rawGrants() {
    Arbitrary<RawGrantor> grantor =
        Arbitraries.frequencyOf(
            Tuple.of(
                5, Arbitraries.integers().between(0, 2).map(i -> new RawGrantor(false, i))),
            Tuple.of(1, Arbitraries.integers().between(0, 1).map(i -> new RawGrantor(true, i))));
    Arbitrary<Optional<Integer>> licensee = Arbitraries.integers().between(0, 2).optional(0.5);
    Arbitrary<Set<Use>> uses =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(Set.of(Use.values()))),
            Tuple.of(2, Arbitraries.subsetOf(Use.values()).ofMinSize(1)));
    Arbitrary<Set<Integer>> works =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(Set.<Integer>of())),
            Tuple.of(1, Arbitraries.subsetOf(0, 1, 2, 3).ofMinSize(1)));
    Arbitrary<Period> period =
        Combinators.combine(mostlyEarly(), Arbitraries.integers().between(1, HORIZON).optional(0.4))
            .as((from, length) -> new Period(from, length.map(from::plusSeconds)));
    Arbitrary<Set<String>> territories =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(Set.<String>of())),
            Tuple.of(1, Arbitraries.subsetOf(TERRITORIES)));
    Arbitrary<Issue> issue =
        Combinators.combine(mostlyEarly(), Arbitraries.integers().between(0, HORIZON).optional(0.25))
            .as((at, after) -> new Issue(at, after.map(at::plusSeconds)));
    return Combinators.combine(ids("g"), grantor, licensee, uses, works, period, territories, issue)
        .as(RawGrant::new);
  }

  private static Arbitrary<RawQuestion> rawQuestions() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.of(Use.class),
            instants(),
            Arbitraries.of("JP", "US", "FR", "DE").optional(0.7))
        .as(RawQuestion::new);
  }

  private static Arbitrary<World> worlds(int minGrants) {
    Arbitrary<Counts> counts =
        Combinators.combine(
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 2),
                Arbitraries.integers().between(1, 3))
            .as(Counts::new);
    Arbitrary<Set<Integer>> matched =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(Set.<Integer>of())),
            Tuple.of(8, Arbitraries.subsetOf(0, 1, 2, 3).ofMinSize(1)));
    return Combinators.combine(
            ids("p").list().ofSize(8).uniqueElements(),
            counts,
            rawWorks().list().ofMinSize(1).ofMaxSize(4).uniqueElements(RawWork::id),
            Arbitraries.shuffle(0, 1, 2, 3),
            matched,
            rawGrants().list().ofMinSize(minGrants).ofMaxSize(8).uniqueElements(RawGrant::id),
            rawQuestions())
        .as(RawWorld::new)
        .map(DecisionProperties::resolve);
  }

  private static World resolve(RawWorld raw) {
    Counts n = raw.counts();
    List<String> ids = raw.partyIds();
    Parties p =
        new Parties(
            List.copyOf(ids.subList(0, n.owners())),
            List.copyOf(ids.subList(n.owners(), n.owners() + n.outsiders())),
            List.copyOf(
                ids.subList(n.owners() + n.outsiders(), n.owners() + n.outsiders() + n.licensees())));
    List<Work> works =
        raw.works().stream()
            .map(
                w ->
                    new Work(
                        w.id(),
                        "ピカピカの冒険",
                        WorkKind.IMAGE,
                        p.owners().get(w.owner() % n.owners()),
                        w.registeredAt()))
            .toList();
    List<Work> matched =
        raw.matchOrder().stream()
            .filter(raw.matched()::contains)
            .map(i -> works.get(i % works.size()))
            .distinct()
            .toList();
    List<Grant> grants = raw.grants().stream().map(g -> resolve(g, p, works)).toList();
    RawQuestion q = raw.question();
    Question question =
        new Question(
            p.licensees().get(q.licensee() % n.licensees()), q.use(), q.at(), q.territory());
    return new World(p, works, matched, grants, question);
  }

  private static Grant resolve(RawGrant g, Parties p, List<Work> works) {
    String grantor =
        g.grantor().outsider()
            ? p.outsiders().get(g.grantor().index() % p.outsiders().size())
            : p.owners().get(g.grantor().index() % p.owners().size());
    Set<String> workIds = new TreeSet<>();
    g.works().forEach(i -> workIds.add(works.get(i % works.size()).id()));
    return new Grant(
        g.id(),
        grantor,
        g.licensee().map(i -> p.licensees().get(i % p.licensees().size())),
        g.uses(),
        workIds.isEmpty(),
        workIds,
        g.period().validFrom(),
        g.period().validUntil(),
        g.territories(),
        Optional.empty(),
        g.issue().issuedAt(),
        g.issue().revokedAt().map(r -> new Revocation(r, grantor, Optional.empty())));
  }

  @Provide
  Arbitrary<World> worlds() {
    return worlds(0);
  }

  /** A world with at least one grant, the index of one of its grants, and an instant. */
  @Provide
  Arbitrary<Tuple3<World, Integer, Instant>> revocations() {
    return Combinators.combine(worlds(1), Arbitraries.integers().between(0, 7), instants())
        .as((w, i, t) -> Tuple.of(w, i % w.grants().size(), t));
  }

  /** A world and one more grant drawn from the same parties and works (its last one, set apart). */
  @Provide
  Arbitrary<Tuple2<World, Grant>> worldsWithExtraGrant() {
    return worlds(1)
        .map(
            w -> {
              List<Grant> all = w.grants();
              return Tuple.of(w.withGrants(all.subList(0, all.size() - 1)), all.getLast());
            });
  }

  /**
   * A world and one more grant whose grantor owns none of the matched works: an owner of other
   * works only, or an outsider.
   */
  @Provide
  Arbitrary<Tuple2<World, Grant>> worldsWithStrangersGrant() {
    return Combinators.combine(worldsWithExtraGrant(), Arbitraries.integers().between(0, 4))
        .as(
            (t, k) -> {
              World w = t.get1();
              Set<String> matchedOwners = new HashSet<>();
              w.matched().forEach(m -> matchedOwners.add(m.owner()));
              List<String> strangers =
                  w.parties().grantors().stream().filter(g -> !matchedOwners.contains(g)).toList();
              return Tuple.of(w, withGrantor(t.get2(), strangers.get(k % strangers.size())));
            });
  }
  private static Grant withGrantor(Grant g, String grantor) {
    return new Grant(
        g.id(),
        grantor,
        g.licensee(),
        g.uses(),
        g.allWorks(),
        g.works(),
        g.validFrom(),
        g.validUntil(),
        g.territories(),
        g.termsUrl(),
        g.issuedAt(),
        g.revocation().map(r -> new Revocation(r.revokedAt(), grantor, r.reason())));
  }

  private static Grant withTerritories(Grant g, Set<String> territories) {
    return new Grant(
        g.id(),
        g.grantor(),
        g.licensee(),
        g.uses(),
        g.allWorks(),
        g.works(),
        g.validFrom(),
        g.validUntil(),
        territories,
        g.termsUrl(),
        g.issuedAt(),
        g.revocation());
  }

  /** {@code g} revoked at {@code t}, or at its own earlier revocation if it has one. */
  private static Grant revokedBy(Grant g, Instant t) {
    Instant when = g.revocation().map(Revocation::revokedAt).filter(r -> r.isBefore(t)).orElse(t);
    return new Grant(
        g.id(),
        g.grantor(),
        g.licensee(),
        g.uses(),
        g.allWorks(),
        g.works(),
        g.validFrom(),
        g.validUntil(),
        g.territories(),
        g.termsUrl(),
        g.issuedAt(),
        Optional.of(new Revocation(when, g.grantor(), Optional.empty())));
  }

  private Decision decide(World w) {
    return engine.decide(w.question(), w.matched(), w.grants());
  }

  private static List<Instant> everyInstant() {
    List<Instant> all = new ArrayList<>();
    for (int s = 0; s <= 2 * HORIZON + 1; s++) {
      all.add(Instant.ofEpochSecond(s));
    }
    return all;
  }

  // ---- the oracle ---------------------------------------------------------------------------

  /** The opt-in rules, restated plainly from the design. */
  static Answer oracle(World w) {
    Question q = w.question();
    Instant at = q.at();
    TreeMap<String, Work> known = new TreeMap<>();
    for (Work m : w.matched()) {
      if (m.registeredAt().compareTo(at) <= 0) {
        known.put(m.id(), m);
      }
    }
    List<String> ids = List.copyOf(known.keySet());
    if (known.isEmpty()) {
      return new Answer(Verdict.DENY, Basis.UNREGISTERED, Optional.empty(), Optional.empty(), ids);
    }
    Set<String> owners = new HashSet<>();
    for (Work k : known.values()) {
      owners.add(k.owner());
    }
    if (owners.size() > 1) {
      return new Answer(
          Verdict.DENY, Basis.DISPUTED, Optional.of(known.firstKey()), Optional.empty(), ids);
    }
    for (Work k : known.values()) {
      boolean covered = false;
      for (Grant g : w.grants()) {
        covered |= oracleCovers(g, k, q);
      }
      if (!covered) {
        return new Answer(
            Verdict.DENY, Basis.NO_GRANT, Optional.of(k.id()), Optional.empty(), ids);
      }
    }
    Work first = known.firstEntry().getValue();
    Grant chosen = null;
    for (Grant g : w.grants()) {
      if (!oracleCovers(g, first, q)) {
        continue;
      }
      if (chosen == null
          || g.issuedAt().compareTo(chosen.issuedAt()) < 0
          || (g.issuedAt().equals(chosen.issuedAt()) && g.id().compareTo(chosen.id()) < 0)) {
        chosen = g;
      }
    }
    return new Answer(
        Verdict.ALLOW, Basis.GRANT, Optional.of(first.id()), Optional.of(chosen.id()), ids);
  }

  /** Whether {@code g} authorises {@code q} on {@code work}, condition by condition. */
  static boolean oracleCovers(Grant g, Work work, Question q) {
    Instant at = q.at();
    if (!g.grantor().equals(work.owner())) {
      return false; // only the rights holder may license
    }
    if (g.issuedAt().compareTo(at) > 0) {
      return false; // the registry did not know of it yet
    }
    if (g.validFrom().compareTo(at) > 0) {
      return false; // period not started (from is inclusive)
    }
    if (g.validUntil().isPresent() && g.validUntil().get().compareTo(at) <= 0) {
      return false; // period over (until is exclusive)
    }
    if (g.revocation().isPresent() && g.revocation().get().revokedAt().compareTo(at) <= 0) {
      return false; // revoked from its instant on
    }
    if (g.licensee().isPresent() && !g.licensee().get().equals(q.licensee())) {
      return false; // someone else's licence
    }
    boolean useGranted = false;
    for (Use u : g.uses()) {
      if (u == q.use() || (u == Use.TRAIN_AI && q.use() == Use.TRAIN_GENAI)) {
        useGranted = true;
      }
    }
    if (!useGranted) {
      return false;
    }
    if (!g.allWorks() && !g.works().contains(work.id())) {
      return false;
    }
    if (!g.territories().isEmpty()) {
      return q.territory().isPresent() && g.territories().contains(q.territory().get());
    }
    return true;
  }

  private static Set<String> ownersOfKnown(World w) {
    Set<String> owners = new LinkedHashSet<>();
    for (Work m : w.matched()) {
      if (!m.registeredAt().isAfter(w.question().at())) {
        owners.add(m.owner());
      }
    }
    return owners;
  }

  // ---- properties ---------------------------------------------------------------------------

  @Property(tries = 1000)
  void decide_contentOnlyResemblingWorks_neverAllows(@ForAll("worlds") World world) {
    Decision d = engine.decide(world.question(), List.of(), world.matched(), world.grants());
    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
  }

  @Property(tries = 1000)
  void decide_someMatchesOnlyResembling_neverAllowsMoreThanAllExact(
      @ForAll("worlds") World world, @ForAll long split) {
    List<Work> exact = new ArrayList<>();
    List<Work> near = new ArrayList<>();
    java.util.Random r = new java.util.Random(split);
    for (Work w : world.matched()) {
      (r.nextBoolean() ? exact : near).add(w);
    }
    Decision mixed = engine.decide(world.question(), exact, near, world.grants());
    Decision allExact = engine.decide(world.question(), world.matched(), world.grants());
    if (mixed.allowed()) {
      assertThat(allExact.allowed()).isTrue();
      assertThat(exact).isNotEmpty();
    }
    assertThat(mixed.matchedWorks()).isEqualTo(allExact.matchedWorks());
  }

  @Property(tries = 1000)
  void decide_noGrants_alwaysDenies(@ForAll("worlds") World world) {
    Decision d = decide(world.withGrants(List.of()));

    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
    assertThat(d.basis()).isNotEqualTo(Basis.GRANT);
    assertThat(d.grant()).isEmpty();
  }

  @Property(tries = 1000)
  void decide_allow_namesAGrantThatCoversEveryMatchedWork(@ForAll("worlds") World world) {
    Decision d = decide(world);
    Statistics.label("verdict").collect(d.verdict());
    Statistics.label("verdict").coverage(c -> c.check(Verdict.ALLOW).percentage(p -> p >= 5.0));
    if (!d.allowed()) {
      return;
    }
    Question q = world.question();
    Instant at = q.at();
    String named = d.grant().orElseThrow();
    List<Grant> same = world.grants().stream().filter(g -> g.id().equals(named)).toList();
    assertThat(same).as("the named grant is one of the input grants").hasSize(1);
    Grant g = same.getFirst();

    assertThat(g.revocation().map(r -> r.revokedAt().compareTo(at) > 0).orElse(true))
        .as("not revoked at %s: %s", at, g.revocation())
        .isTrue();
    assertThat(g.issuedAt()).as("issued at or before the asked instant").isBeforeOrEqualTo(at);
    assertThat(g.validFrom()).as("validFrom <= at").isBeforeOrEqualTo(at);
    g.validUntil().ifPresent(u -> assertThat(at).as("at < validUntil").isBefore(u));
    assertThat(d.matchedWorks()).isNotEmpty();
    for (Work m : world.matched()) {
      if (d.matchedWorks().contains(m.id())) {
        assertThat(g.grantor()).as("grantor owns matched work %s", m.id()).isEqualTo(m.owner());
      }
    }
    assertThat(g.licensee().map(q.licensee()::equals).orElse(true))
        .as("names licensee %s or everyone, got %s", q.licensee(), g.licensee())
        .isTrue();
    assertThat(
            g.uses().stream()
                .anyMatch(
                    u -> u == q.use() || (u == Use.TRAIN_AI && q.use() == Use.TRAIN_GENAI)))
        .as("some use of %s covers %s", g.uses(), q.use())
        .isTrue();
    assertThat(g.territories().isEmpty() || q.territory().map(g.territories()::contains).orElse(false))
        .as("territories %s admit %s", g.territories(), q.territory())
        .isTrue();
    assertThat(g.allWorks() || g.works().contains(d.work().orElseThrow()))
        .as("scope of %s includes %s", g.id(), d.work())
        .isTrue();
    // Every registered matched work, not only the named one, has some covering grant.
    for (Work m : world.matched()) {
      if (!m.registeredAt().isAfter(at)) {
        assertThat(world.grants().stream().anyMatch(o -> oracleCovers(o, m, q)))
            .as("matched work %s is covered", m.id())
            .isTrue();
      }
    }
  }

  @Property(tries = 1000)
  void decide_anyWorld_agreesWithOracle(@ForAll("worlds") World world) {
    Decision d = decide(world);
    Statistics.label("basis").collect(d.basis());

    assertThat(Answer.of(d)).isEqualTo(oracle(world));
    assertThat(d.question()).isEqualTo(world.question());
    assertThat(d.profile()).isEqualTo(PolicyProfile.OPT_IN);
  }

  @Property(tries = 1000)
  void decide_revocationAddedAtT_neverChangesEarlierAnswersNorAllowsLater(
      @ForAll("revocations") Tuple3<World, Integer, Instant> input) {
    World world = input.get1();
    int i = input.get2();
    Instant t = input.get3();
    List<Grant> revoked = new ArrayList<>(world.grants());
    revoked.set(i, revokedBy(revoked.get(i), t));
    World after = world.withGrants(revoked);

    for (Instant at : everyInstant()) {
      Decision before = decide(world.at(at));
      Decision then = decide(after.at(at));
      if (at.isBefore(t)) {
        assertThat(then).as("asked at %s, revoked at %s", at, t).isEqualTo(before);
      }
      if (!before.allowed()) {
        assertThat(then.allowed()).as("deny turned allow at %s by revoking at %s", at, t).isFalse();
      }
    }
  }

  @Property(tries = 1000)
  void decide_grantRemoved_neverTurnsDenyIntoAllow(@ForAll("worlds") World world) {
    Decision d = decide(world);
    for (int i = 0; i < world.grants().size(); i++) {
      List<Grant> fewer = new ArrayList<>(world.grants());
      Grant removed = fewer.remove(i);
      Decision without = decide(world.withGrants(fewer));
      if (!d.allowed()) {
        assertThat(without.allowed()).as("removing %s allowed", removed.id()).isFalse();
      }
      if (without.allowed()) {
        assertThat(d.allowed()).as("with %s back it must still allow", removed.id()).isTrue();
      }
    }
  }

  @Property(tries = 1000)
  void decide_grantAdded_neverTurnsAllowIntoDeny(
      @ForAll("worldsWithExtraGrant") Tuple2<World, Grant> input) {
    World world = input.get1();
    List<Grant> more = new ArrayList<>(world.grants());
    more.add(input.get2());

    Decision before = decide(world);
    Decision after = decide(world.withGrants(more));

    if (before.allowed()) {
      assertThat(after.allowed()).isTrue();
    }
    if (!after.allowed()) {
      assertThat(before.allowed()).isFalse();
    }
  }

  @Property(tries = 1000)
  void decide_grantByNonOwnerAdded_changesNothing(
      @ForAll("worldsWithStrangersGrant") Tuple2<World, Grant> input) {
    World world = input.get1();
    List<Grant> more = new ArrayList<>(world.grants());
    more.add(input.get2());

    assertThat(decide(world.withGrants(more))).isEqualTo(decide(world));
  }

  @Property(tries = 1000)
  void decide_questionWithoutTerritoryOnlyLimitedGrants_denies(@ForAll("worlds") World world) {
    List<Grant> limited =
        world.grants().stream()
            .map(g -> g.territories().isEmpty() ? withTerritories(g, Set.of("JP")) : g)
            .toList();
    Question q = world.question();
    World w =
        world
            .withGrants(limited)
            .withQuestion(new Question(q.licensee(), q.use(), q.at(), Optional.empty()));

    Decision d = decide(w);

    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
  }

  @Property(tries = 1000)
  void decide_knownWorksOfSeveralOwners_deniesDisputed(@ForAll("worlds") World world) {
    Decision d = decide(world);
    boolean disputed = ownersOfKnown(world).size() >= 2;
    Statistics.label("disputed").collect(disputed);
    Statistics.label("disputed").coverage(c -> c.check(true).percentage(p -> p >= 3.0));

    if (disputed) {
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.basis()).isEqualTo(Basis.DISPUTED);
      assertThat(d.grant()).isEmpty();
    } else {
      assertThat(d.basis()).isNotEqualTo(Basis.DISPUTED);
    }
  }
}
