package org.kyodaku.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.kyodaku.core.decision.Decision;
import org.kyodaku.core.decision.DecisionEngine;
import org.kyodaku.core.decision.Question;
import org.kyodaku.core.decision.Verdict;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Ids;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link DecisionEngine#decide}, the pure opt-in rules, on inputs shaped like those the registry
 * service hands it: the works one piece of content matched, and every grant that the owners of a
 * whole batch issued to the licensee or to everyone.
 *
 * <p>Parameters: {@code works} is how many registered works the content matched (1, or 2 when
 * the same file belongs to two works of one owner); {@code grants} is how many candidate grants
 * the engine must look through (about 10 for a batch touching one owner, about 1,000 for a batch
 * touching many); {@code outcome} is {@code allow} (one grant, placed in the middle of the list,
 * covers every work) or {@code deny} (no grant covers the last work in id order, so the engine
 * scans the whole list once per work before answering {@code no-grant}: the slowest deny). The
 * other candidates are near misses of each kind the rules check: another owner's grant, a grant
 * listing other works, a {@code search}-only grant, a revoked, an expired and a US-only grant. The
 * question is {@code train-genai} in JP.
 *
 * <p>Score: decisions per second on one thread. Run (about 3 minutes):
 *
 * <pre>
 * bench/jmh.sh DecisionEngineBenchmark
 * # or, after ./mvnw -q -B package -DskipTests -pl kyodaku-benchmarks -am:
 * java -jar kyodaku-benchmarks/target/benchmarks.jar DecisionEngineBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionEngineBenchmark {
  private static final Instant REGISTERED = Instant.parse("2025-01-10T00:00:00Z");
  private static final Instant ISSUED = Instant.parse("2025-02-01T00:00:00Z");
  private static final Instant ASKED = Instant.parse("2026-03-01T00:00:00Z");

  /** How many works the content matched. */
  @Param({"1", "2"})
  public int works;

  /** How many candidate grants the engine looks through. */
  @Param({"10", "1000"})
  public int grants;

  /** Whether a grant covers every matched work. */
  @Param({"allow", "deny"})
  public String outcome;

  private final DecisionEngine engine = new DecisionEngine();
  private Question question;
  private List<Work> matched;
  private List<Grant> candidates;

  @Setup
  public void setUp() {
    Ids ids = new Ids(new SplittableRandom(20251001L));
    String owner = ids.next("p");
    String licensee = ids.next("p");
    List<String> otherOwners = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      otherOwners.add(ids.next("p"));
    }
    TreeSet<String> workIds = new TreeSet<>();
    while (workIds.size() < works) {
      workIds.add(ids.next("w"));
    }
    matched = new ArrayList<>();
    for (String id : workIds) {
      matched.add(new Work(id, "作品 " + id, WorkKind.IMAGE, owner, REGISTERED));
    }
    question = new Question(licensee, Use.TRAIN_GENAI, ASKED, Optional.of("JP"));

    boolean allow = outcome.equals("allow");
    if (!allow && !outcome.equals("deny")) {
      throw new IllegalArgumentException("outcome must be allow or deny, got " + outcome);
    }
    // Allow: one grant lists every matched work. Deny: it lists all but the last, so the engine
    // finds a cover for the first works and then scans in vain for the last.
    List<String> covered = new ArrayList<>(workIds);
    if (!allow) {
      covered.removeLast();
    }
    int fillers = allow || !covered.isEmpty() ? grants - 1 : grants;
    candidates = new ArrayList<>(grants);
    for (int i = 0; i < fillers; i++) {
      candidates.add(nearMiss(i, ids, owner, licensee, otherOwners));
    }
    if (!covered.isEmpty()) {
      Grant cover =
          grant(ids.next("g"), owner, Optional.of(licensee), EnumSet.of(Use.TRAIN_AI), Set.copyOf(covered));
      candidates.add(candidates.size() / 2, cover);
    }

    Decision check = decide();
    Verdict expected = allow ? Verdict.ALLOW : Verdict.DENY;
    if (check.verdict() != expected || candidates.size() != grants) {
      throw new IllegalStateException(
          "fixture is wrong: expected " + expected + " with " + grants + " grants, got "
              + check.verdict() + " (" + check.basis() + ") with " + candidates.size());
    }
  }

  /** A grant that fails exactly one of the engine's checks for this question. */
  private static Grant nearMiss(
      int i, Ids ids, String owner, String licensee, List<String> otherOwners) {
    String id = ids.next("g");
    Optional<String> to = Optional.of(licensee);
    Set<String> others = Set.of(ids.next("w"), ids.next("w"), ids.next("w"));
    return switch (i % 8) {
      // Half of a large batch's candidates come from owners of other works.
      case 0, 1, 2, 3 -> grant(id, otherOwners.get(i % otherOwners.size()), to, EnumSet.of(Use.TRAIN_AI), Set.of());
      case 4 -> grant(id, owner, to, EnumSet.of(Use.TRAIN_AI), others);
      case 5 -> grant(id, owner, Optional.empty(), EnumSet.of(Use.SEARCH), Set.of());
      case 6 ->
          grant(id, owner, to, EnumSet.of(Use.TRAIN_AI), Set.of())
              .revoked(new Revocation(Instant.parse("2025-06-01T00:00:00Z"), owner, Optional.empty()));
      default ->
          (i / 8) % 2 == 0
              ? new Grant(
                  id, owner, to, EnumSet.of(Use.TRAIN_GENAI), true, Set.of(), ISSUED,
                  Optional.of(Instant.parse("2025-12-31T00:00:00Z")), Set.of(), Optional.empty(),
                  ISSUED, Optional.empty())
              : new Grant(
                  id, owner, to, EnumSet.of(Use.TRAIN_GENAI), true, Set.of(), ISSUED,
                  Optional.empty(), Set.of("US"), Optional.empty(), ISSUED, Optional.empty());
    };
  }

  /** A current grant without territory limits; all works when {@code works} is empty. */
  private static Grant grant(
      String id, String grantor, Optional<String> licensee, Set<Use> uses, Set<String> works) {
    return new Grant(
        id, grantor, licensee, uses, works.isEmpty(), works, ISSUED, Optional.empty(), Set.of(),
        Optional.empty(), ISSUED, Optional.empty());
  }

  @Benchmark
  public Decision decide() {
    return engine.decide(question, matched, candidates);
  }
}
