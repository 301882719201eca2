package org.kyodaku.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kyodaku.core.decision.Decision;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.PartyKind;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.Caller;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.core.registry.RegistryService.BatchQuestion;
import org.kyodaku.core.registry.RegistryService.GrantRequest;
import org.kyodaku.core.registry.Subject;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link RegistryService#decide(Caller, BatchQuestion, List)} for a batch of 10,000 SHA-256
 * subjects against the embedded H2 store: authentication aside, everything a batch request costs
 * the server except HTTP and JSON.
 *
 * <p>Data, built once per fork in a fresh temporary directory through the service itself (about a
 * minute): {@code works} works of one asset each, spread over {@code owners} owners (creators and
 * rights holders alternately). Owner {@code i} grants the licensee: all its works for {@code
 * train-ai} when {@code i % 4 == 0}; the first half of its works for {@code train-genai} when
 * {@code i % 4 == 1}; only a US-limited grant and a revoked one when {@code i % 4 == 2}; nothing
 * (but a grant to another licensee) when {@code i % 4 == 3}; every tenth owner also grants {@code
 * search} to everyone. Each batch asks {@code train-genai} in JP, as the licensee itself, for
 * 10,000 fingerprints of which {@code registeredShare} are registered (drawn at random) and the rest
 * unregistered; eight different batches are used in turn.
 *
 * <p>Score: decisions per second (one invocation is one batch of 10,000, so a batch takes
 * 10,000 / score seconds). JMH runs at least one invocation per iteration, so when a batch takes
 * longer than an iteration the run takes longer than the iteration times suggest. Run (3 to 6
 * minutes, two of them building the store):
 *
 * <pre>
 * bench/jmh.sh RegistryServiceBenchmark
 * # the what-if of the index fix proposed in docs/benchmarks.md, beside the shipped schema:
 * bench/jmh.sh RegistryServiceBenchmark -p fingerprintIndex=shipped,val-first
 * # or, after ./mvnw -q -B package -DskipTests -pl kyodaku-benchmarks -am:
 * java -jar kyodaku-benchmarks/target/benchmarks.jar RegistryServiceBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(RegistryServiceBenchmark.BATCH)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RegistryServiceBenchmark {
  static final int BATCH = 10_000;
  private static final int BATCHES = 8;

  /** Registered works, one asset each. */
  @Param({"100000"})
  public int works;

  /** Owners the works are spread over. */
  @Param({"100"})
  public int owners;

  /** Share of each batch that is registered content. */
  @Param({"0.5"})
  public double registeredShare;

  /**
   * {@code shipped}: the schema as migrated. {@code val-first}: a what-if that replaces the
   * fingerprint index {@code (algorithm, val)} by {@code (val, algorithm)} before loading, to
   * measure the fix proposed in docs/benchmarks.md; it says nothing about the shipped code.
   */
  @Param({"shipped"})
  public String fingerprintIndex;

  private Path dir;
  private JdbcRegistryStore store;
  private RegistryService service;
  private Caller licensee;
  private BatchQuestion question;
  private List<List<Subject>> batches;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    long started = System.nanoTime();
    dir = Files.createTempDirectory("kyodaku-jmh-");
    Database database = Database.open(Database.embeddedUrl(dir), 4);
    switch (fingerprintIndex) {
      case "shipped" -> {}
      case "val-first" -> {
        try (Connection c = database.dataSource().getConnection();
            Statement s = c.createStatement()) {
          s.execute("CREATE INDEX IF NOT EXISTS bench_fingerprints_val ON fingerprints (val, algorithm)");
          s.execute("DROP INDEX IF EXISTS fingerprints_lookup");
          c.commit();
        } catch (SQLException e) {
          throw new IllegalStateException("cannot apply the val-first what-if: " + e.getMessage(), e);
        }
      }
      default ->
          throw new IllegalArgumentException(
              "fingerprintIndex must be shipped or val-first, got " + fingerprintIndex);
    }
    store = new JdbcRegistryStore(database);
    service = new RegistryService(store, Clock.systemUTC(), new SecureRandom());
    Caller admin = service.authenticate(service.bootstrapAdmin().orElseThrow().token());
    licensee = caller(admin, PartyKind.LICENSEE, "Bench AI");
    Caller otherLicensee = caller(admin, PartyKind.LICENSEE, "Other AI");

    List<Caller> holders = new ArrayList<>();
    List<List<String>> worksOf = new ArrayList<>();
    for (int o = 0; o < owners; o++) {
      holders.add(caller(admin, o % 2 == 0 ? PartyKind.CREATOR : PartyKind.RIGHTS_HOLDER, "owner " + o));
      worksOf.add(new ArrayList<>());
    }
    for (int w = 0; w < works; w++) {
      int o = w % owners;
      Asset asset = Asset.ofSha256(Optional.of("w" + w + ".png"), Fixtures.registered(w));
      worksOf.get(o).add(service.registerWork(holders.get(o), "作品 " + w, WorkKind.IMAGE, List.of(asset)).work().id());
    }
    Optional<String> to = Optional.of(licensee.id());
    for (int o = 0; o < owners; o++) {
      Caller h = holders.get(o);
      List<String> own = worksOf.get(o);
      switch (o % 4) {
        case 0 -> service.grant(h, request(to, Use.TRAIN_AI, Set.of(), Set.of()));
        case 1 ->
            service.grant(
                h, request(to, Use.TRAIN_GENAI, new LinkedHashSet<>(own.subList(0, own.size() / 2)), Set.of()));
        case 2 -> {
          service.grant(h, request(to, Use.TRAIN_AI, Set.of(), Set.of("US")));
          String revoked = service.grant(h, request(to, Use.TRAIN_AI, Set.of(), Set.of())).id();
          service.revoke(h, revoked, Optional.of("benchmark"));
        }
        default -> service.grant(h, request(Optional.of(otherLicensee.id()), Use.TRAIN_AI, Set.of(), Set.of()));
      }
      if (o % 10 == 0) {
        service.grant(h, request(Optional.empty(), Use.SEARCH, Set.of(), Set.of()));
      }
    }

    SplittableRandom random = new SplittableRandom(42);
    batches = new ArrayList<>();
    long unregistered = 0;
    for (int b = 0; b < BATCHES; b++) {
      List<Subject> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        String hex =
            random.nextDouble() < registeredShare
                ? Fixtures.registered(random.nextInt(works))
                : Fixtures.unregistered(unregistered++);
        batch.add(new Subject.Content(Fingerprint.sha256(hex)));
      }
      batches.add(List.copyOf(batch));
    }
    question = new BatchQuestion(licensee.id(), Use.TRAIN_GENAI, Optional.empty(), Optional.of("JP"));

    List<Decision> check = decideBatch();
    long allowed = check.stream().filter(Decision::allowed).count();
    if (check.size() != BATCH || allowed == 0 || allowed == BATCH) {
      throw new IllegalStateException(
          "fixture is wrong: " + allowed + " of " + check.size() + " decisions allowed");
    }
    System.out.printf(
        "%n[setup] %d works, %d owners, index %s, in %s; %d of %d decisions of a batch allowed;"
            + " %.1f s%n",
        works, owners, fingerprintIndex, dir, allowed, check.size(),
        (System.nanoTime() - started) / 1e9);
  }

  private Caller caller(Caller admin, PartyKind kind, String name) {
    return service.authenticate(service.createParty(admin, kind, name, Optional.empty()).token());
  }

  private static GrantRequest request(
      Optional<String> licensee, Use use, Set<String> works, Set<String> territories) {
    return new GrantRequest(
        licensee, EnumSet.of(use), works.isEmpty(), works, Optional.empty(), Optional.empty(),
        territories, Optional.empty());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Benchmark
  public List<Decision> decideBatch() {
    List<Subject> batch = batches.get(next);
    next = (next + 1) % BATCHES;
    return service.decide(licensee, question, batch);
  }
}
