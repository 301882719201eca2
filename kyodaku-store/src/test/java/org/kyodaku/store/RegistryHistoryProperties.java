package org.kyodaku.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.kyodaku.core.decision.Decision;
import org.kyodaku.core.decision.DecisionEngine;
import org.kyodaku.core.decision.Question;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.PartyKind;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.Caller;
import org.kyodaku.core.registry.RegistryException;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.core.registry.RegistryService.BatchQuestion;
import org.kyodaku.core.registry.RegistryService.GrantRequest;
import org.kyodaku.core.registry.Subject;

/**
 * The whole decision path (service, real store, engine) under random histories of registrations,
 * grants, revocations and the passing of time:
 *
 * <ul>
 *   <li>history is never rewritten: every answer, asked again later "as of" its instant, comes out
 *       the same, whatever was granted, revoked or registered in between;
 *   <li>the store hands the engine complete facts: every answer equals the engine's answer over
 *       the facts this test kept itself.
 * </ul>
 */
class RegistryHistoryProperties {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final List<String> CONTENT =
      List.of("1".repeat(64), "2".repeat(64), "3".repeat(64), "4".repeat(64));

  /** One step of a history; the numbers pick among parties, contents, grants. */
  record Act(int kind, int a, int b, int c, int d) {}

  static final class SteppingClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  record Asked(BatchQuestion question, String content, Instant at, Decision answer) {}

  @Property(tries = 60)
  void answers_askedAgainAsOfTheirInstant_neverChange(@ForAll("histories") List<Act> history) {
    SteppingClock clock = new SteppingClock();
    String url = "jdbc:h2:mem:history" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    try (JdbcRegistryStore store = new JdbcRegistryStore(Database.open(url, 2))) {
      RegistryService registry = new RegistryService(store, clock, new Random(history.hashCode()));
      Caller admin = registry.authenticate(registry.bootstrapAdmin().orElseThrow().token());
      List<Caller> owners = new ArrayList<>();
      for (PartyKind kind : List.of(PartyKind.CREATOR, PartyKind.RIGHTS_HOLDER)) {
        owners.add(registry.authenticate(registry.createParty(admin, kind, "owner " + kind, Optional.empty()).token()));
      }
      List<String> licensees = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        licensees.add(registry.createParty(admin, PartyKind.LICENSEE, "lab " + i, Optional.empty()).party().id());
      }
      List<Work> works = new ArrayList<>();
      Map<String, List<String>> contentOf = new HashMap<>();
      List<Grant> grants = new ArrayList<>();
      List<Asked> asked = new ArrayList<>();

      for (Act act : history) {
        switch (act.kind()) {
          case 0 -> {
            Caller owner = owners.get(act.a() % owners.size());
            String sha = CONTENT.get(act.b() % CONTENT.size());
            var rw = registry.registerWork(owner, "作品", WorkKind.IMAGE, List.of(Asset.ofSha256(Optional.empty(), sha)));
            works.add(rw.work());
            contentOf.put(rw.work().id(), List.of(sha));
          }
          case 1 -> {
            Caller owner = owners.get(act.a() % owners.size());
            List<Work> own = works.stream().filter(w -> w.owner().equals(owner.id())).toList();
            boolean all = own.isEmpty() || act.c() % 3 == 0;
            Set<Use> uses = EnumSet.of(Use.values()[act.b() % 4]);
            if (act.d() % 2 == 0) {
              uses.add(Use.values()[(act.b() / 4) % 4]);
            }
            Optional<String> licensee = act.c() % 4 == 1 ? Optional.empty() : Optional.of(licensees.get(act.c() % 2));
            Instant from = clock.now.plusSeconds((act.d() % 7) - 4); // sometimes backdated
            Optional<Instant> until = act.d() % 5 == 0 ? Optional.empty() : Optional.of(from.plusSeconds(1 + act.d() % 9));
            Set<String> territories = act.b() % 3 == 0 ? Set.of("JP") : Set.of();
            Set<String> listed = all ? Set.of() : Set.of(own.get(act.d() % own.size()).id());
            grants.add(registry.grant(owner, new GrantRequest(licensee, uses, all, listed, Optional.of(from), until, territories, Optional.empty())));
          }
          case 2 -> {
            if (!grants.isEmpty()) {
              int i = act.a() % grants.size();
              Grant g = grants.get(i);
              Caller grantor = owners.stream().filter(o -> o.id().equals(g.grantor())).findFirst().orElseThrow();
              try {
                grants.set(i, registry.revoke(grantor, g.id(), Optional.empty()));
              } catch (RegistryException e) {
                assertThat(e.kind()).isEqualTo(RegistryException.Kind.CONFLICT);
              }
            }
          }
          case 3 -> clock.now = clock.now.plusSeconds(1 + act.a() % 3);
          default -> {
            String sha = CONTENT.get(act.a() % CONTENT.size());
            BatchQuestion q = new BatchQuestion(
                licensees.get(act.b() % 2), Use.values()[act.c() % 4], Optional.empty(),
                act.d() % 2 == 0 ? Optional.of("JP") : Optional.empty());
            Decision d = registry.decide(admin, q, new Subject.Content(Fingerprint.sha256(sha)));
            asked.add(new Asked(q, sha, d.question().at(), d));
          }
        }
      }
      clock.now = clock.now.plusSeconds(1);

      DecisionEngine engine = new DecisionEngine();
      for (Asked a : asked) {
        BatchQuestion again = new BatchQuestion(a.question().licensee(), a.question().use(), Optional.of(a.at()), a.question().territory());
        Decision later = registry.decide(admin, again, new Subject.Content(Fingerprint.sha256(a.content())));
        assertThat(Tuple.of(later.verdict(), later.basis(), later.work(), later.grant(), later.matchedWorks()))
            .as("asked at %s, asked again later as of then", a.at())
            .isEqualTo(Tuple.of(a.answer().verdict(), a.answer().basis(), a.answer().work(), a.answer().grant(), a.answer().matchedWorks()));

        List<Work> matched = works.stream().filter(w -> contentOf.get(w.id()).contains(a.content())).toList();
        Decision expected = engine.decide(
            new Question(a.question().licensee(), a.question().use(), a.at(), a.question().territory()), matched, grants);
        assertThat(later.verdict()).isEqualTo(expected.verdict());
        assertThat(later.basis()).isEqualTo(expected.basis());
        assertThat(later.grant()).isEqualTo(expected.grant());
      }
    }
  }

  @Provide
  Arbitrary<List<Act>> histories() {
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 1000);
    Arbitrary<Act> act =
        net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 5), n, n, n, n).as(Act::new);
    return act.list().ofMinSize(5).ofMaxSize(40);
  }
}
