package org.kyodaku.log.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Party;
import org.kyodaku.core.model.PartyKind;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.ConsentLog;
import org.kyodaku.log.entry.Entry;
import org.kyodaku.log.entry.EntryParser;
import org.kyodaku.log.entry.EntryWriter;
import org.kyodaku.log.entry.SignedBy;
import org.kyodaku.log.map.MapHasher;
import org.kyodaku.log.map.MapProof;
import org.kyodaku.log.map.MapVerifier;
import org.kyodaku.log.map.VerifiableMap;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.note.KeyType;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.note.VerifierKey;

/**
 * An old state of the grant-set map, as {@link GrantSets#mapAt} rebuilds it from its change
 * history, is exactly the map built afresh by replaying the log up to that state: same root, same
 * value and a verifying proof for every work, same grants with the same log indexes. A wrong old
 * state could prove a grant current when it was not, so this is checked for random logs of work
 * registrations, grants (listed works or all works, repeated ids), revocations (repeated, of
 * unknown grants) and parties, cut into random batches — more batches than the 64 states kept, so
 * most past states must be rebuilt.
 *
 * <p>The replay it is compared with is this class's own model of the rule in
 * docs/verifiable-map.md, written without looking at how the projection stores its history.
 * Beyond the rebuild bound the answer must be "no state" (a receipt then says not-proven), never a
 * state, right or wrong, that cost more than the bound.
 */
class GrantSetsProperties {
  private static final Instant T = Instant.parse("2026-04-01T00:00:00Z");
  private static final SignerKey KEY = new UnsignedKey(SignerKey.ed25519("kyodaku.test/log", new byte[32]));
  private static final int WORKS = 6;
  private static final int GRANTS = 10;
  private static final int OWNERS = 2;

  /** One act of the random log; fields unused by its kind are ignored. */
  record Op(int kind, int work, int grant, int grantor, boolean allWorks, int worksMask, boolean endsBatch) {}

  /**
   * The log key's name and id with a constant signature. The projection never checks signatures,
   * and a real Ed25519 signature (about 1.5 ms here) on each of a try's hundred-odd map roots would
   * be nearly all of the run.
   */
  private record UnsignedKey(SignerKey real) implements SignerKey {
    @Override
    public String name() {
      return real.name();
    }

    @Override
    public int keyId() {
      return real.keyId();
    }

    @Override
    public KeyType type() {
      return real.type();
    }

    @Override
    public byte[] sign(byte[] text) {
      return new byte[64];
    }

    @Override
    public VerifierKey verifierKey() {
      return real.verifierKey();
    }
  }

  @Provide
  Arbitrary<List<Op>> logs() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, WORKS - 1),
                Arbitraries.integers().between(0, GRANTS - 1),
                Arbitraries.integers().between(0, OWNERS - 1),
                Arbitraries.integers().between(0, 3).map(i -> i == 0),
                Arbitraries.integers().between(1, (1 << WORKS) - 1),
                Arbitraries.integers().between(0, 4).map(i -> i < 3))
            .as(Op::new);
    // Past 64 batches, so that most old states are neither kept nor cached.
    return op.list().ofMinSize(130).ofMaxSize(220);
  }

  @Property(tries = 40)
  void mapAt_anyPastState_equalsTheMapOfAFreshReplay(
      @ForAll("logs") List<Op> ops, @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 100_000) Integer> picks) {
    check(ops, picks, GrantSets.MAX_REBUILD_UPDATES);
  }

  @Property(tries = 60)
  void mapAt_beyondTheRebuildBound_answersNoStateNeverAWrongOne(
      @ForAll("logs") List<Op> ops,
      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 100_000) Integer> picks,
      @ForAll @IntRange(min = 0, max = WORKS) int bound) {
    check(ops, picks, bound);
  }

  private static void check(List<Op> ops, List<Integer> picks, int bound) {
    Log log = Log.of(ops, bound);
    Model model = Model.replay(log.entries);
    long lastRoot = log.roots.getLast();
    List<Long> kept = log.roots.subList(Math.max(0, log.roots.size() - 64), log.roots.size());
    for (int i = 0; i < picks.size(); i++) {
      int pick = picks.get(i);
      // Map roots (what receipts ask about) and any other log size, mostly older than the kept states.
      long logSize =
          switch (i % 4) {
            case 0 -> log.roots.get(pick % log.roots.size());
            case 1 -> log.roots.get(pick % (log.roots.size() - kept.size() + 1));
            case 2 -> pick % (lastRoot + 1);
            default -> pick % (kept.getFirst() + 1);
          };
      long spentBefore = log.sets.rebuildUpdates();
      Optional<VerifiableMap> rebuilt = log.sets.mapAt(logSize);
      long spent = log.sets.rebuildUpdates() - spentBefore;
      long cost = model.rebuildCost(logSize, kept);
      String where = "state after " + logSize + " of " + log.entries.size() + " entries, bound " + bound;
      if (spent > bound) {
        throw new AssertionError(where + ": spent " + spent + " map updates");
      }
      if (rebuilt.isEmpty()) {
        if (cost <= bound) {
          throw new AssertionError(where + ": no state, though a rebuild costs " + cost);
        }
        continue;
      }
      if (cost > bound) {
        throw new AssertionError(where + ": a state, though a rebuild costs " + cost);
      }
      VerifiableMap fresh = model.mapAt((int) logSize);
      if (!rebuilt.get().root().equals(fresh.root())) {
        throw new AssertionError(where + ": rebuilt root " + rebuilt.get().root() + ", replay gives " + fresh.root());
      }
      for (int w = 0; w <= WORKS; w++) { // one more: a work never registered has no key
        lookup(log.sets, model, (int) logSize, workId(w), fresh, where);
      }
    }
  }

  private static void lookup(GrantSets sets, Model model, int logSize, String work, VerifiableMap fresh, String where) {
    GrantSets.GrantSet got = sets.grantSet(logSize, work).orElseThrow(() -> new AssertionError(where + ": no set for " + work));
    Hash key = MapHasher.keyOf(work);
    if (!got.value().equals(fresh.get(key))) {
      throw new AssertionError(where + ": " + work + " has value " + got.value() + ", replay gives " + fresh.get(key));
    }
    MapProof proof = MapProof.parse(got.proof());
    if (got.value().isPresent()) {
      MapVerifier.verifyPresent(fresh.root(), key, got.value().get(), proof);
    } else {
      MapVerifier.verifyAbsent(fresh.root(), key, proof);
    }
    Map<String, Long> expected = new TreeMap<>();
    model.setsAfter.get(logSize).getOrDefault(work, new TreeSet<>()).forEach(g -> expected.put(g, model.grantIndex.get(g)));
    if (!new TreeMap<>(got.grants()).equals(expected)) {
      throw new AssertionError(where + ": " + work + " has grants " + got.grants() + ", replay gives " + expected);
    }
    if (!got.grants().isEmpty() && !MapHasher.grantSetDigest(got.grants().keySet()).equals(got.value().orElseThrow())) {
      throw new AssertionError(where + ": " + work + "'s grants do not hash to its value");
    }
  }

  private static String workId(int w) {
    return String.format("w_work%09d", w);
  }

  private static String grantId(int g) {
    return String.format("g_grant%08d", g);
  }

  private static String ownerId(int o) {
    return String.format("p_owner%08d", o);
  }

  /** The log the ops make, sealed batch by batch by a real projection with the given bound. */
  private record Log(GrantSets sets, List<byte[]> entries, List<Long> roots) {
    static Log of(List<Op> ops, int bound) {
      GrantSets sets = new GrantSets(KEY, Clock.fixed(T, ZoneOffset.UTC), bound);
      List<byte[]> entries = new ArrayList<>();
      List<Long> roots = new ArrayList<>();
      List<byte[]> batch = new ArrayList<>();
      for (int i = 0; i < ops.size(); i++) {
        batch.add(entry(ops.get(i), T.plusSeconds(i)));
        if (ops.get(i).endsBatch() || i == ops.size() - 1) {
          long start = entries.size();
          entries.addAll(batch);
          entries.add(sets.seal(start, batch).orElseThrow());
          roots.add((long) entries.size() - 1);
          batch = new ArrayList<>();
        }
      }
      return new Log(sets, entries, roots);
    }

    private static byte[] entry(Op op, Instant at) {
      ConsentLog.Act act =
          switch (op.kind()) {
            case 0, 1, 2 -> {
              // The owner is drawn apart from the id, so a repeated registration may name another
              // owner: the first one must stand (docs/verifiable-map.md).
              Work w = new Work(workId(op.work()), "作品" + op.work(), WorkKind.IMAGE, ownerId(op.grantor()), at);
              yield new ConsentLog.WorkRegistered(
                  w, List.of(new Asset(Optional.empty(), List.of(Fingerprint.sha256(String.format("%064x", op.work()))))));
            }
            case 3, 4, 5, 6 -> {
              Set<String> works = new TreeSet<>();
              for (int w = 0; w < WORKS && !op.allWorks(); w++) {
                if ((op.worksMask() & (1 << w)) != 0) {
                  works.add(workId(w));
                }
              }
              yield new ConsentLog.GrantIssued(
                  new Grant(grantId(op.grant()), ownerId(op.grantor()), Optional.of("p_lab000000001"), EnumSet.of(Use.TRAIN_AI),
                      op.allWorks(), works, at, Optional.empty(), Set.of(), Optional.empty(), at, Optional.empty()));
            }
            case 7, 8 -> new ConsentLog.GrantRevoked(grantId(op.grant()), new Revocation(at, ownerId(op.grantor()), Optional.empty()));
            default -> new ConsentLog.PartyCreated("registry", new Party(ownerId(op.grantor()), PartyKind.CREATOR, "作者", at));
          };
      return EntryWriter.write(new Entry(LogRecorder.type(act), act.at(), act.author(), LogRecorder.body(act)).sign(KEY, SignedBy.REGISTRY));
    }
  }

  /** Every work's grant set after every prefix of the log, by the rule of docs/verifiable-map.md. */
  private record Model(List<Map<String, TreeSet<String>>> setsAfter, Map<String, Long> grantIndex) {
    @SuppressWarnings("unchecked")
    static Model replay(List<byte[]> log) {
      Map<String, String> owners = new HashMap<>();
      Map<String, Long> grantIndex = new HashMap<>();
      Map<String, String> grantor = new HashMap<>();
      Set<String> allWorks = new LinkedHashSet<>();
      Set<String> revoked = new LinkedHashSet<>();
      Map<String, TreeSet<String>> sets = new HashMap<>();
      List<Map<String, TreeSet<String>>> after = new ArrayList<>();
      after.add(copy(sets));
      for (int i = 0; i < log.size(); i++) {
        Entry e = EntryParser.parse(log.get(i)).entry();
        Map<String, Object> body = e.body();
        switch (e.type()) {
          case "work" -> {
            String work = (String) body.get("id");
            owners.putIfAbsent(work, (String) body.get("owner"));
            for (String g : allWorks) {
              if (!revoked.contains(g) && grantor.get(g).equals(owners.get(work))) {
                sets.computeIfAbsent(work, w -> new TreeSet<>()).add(g);
              }
            }
          }
          case "grant" -> {
            String g = (String) body.get("id");
            if (grantIndex.putIfAbsent(g, (long) i) == null) {
              grantor.put(g, (String) body.get("grantor"));
              List<String> works = new ArrayList<>();
              if (Boolean.TRUE.equals(body.get("allWorks"))) {
                allWorks.add(g);
                owners.forEach((w, o) -> {
                  if (o.equals(grantor.get(g))) {
                    works.add(w);
                  }
                });
              } else {
                works.addAll((List<String>) body.get("works"));
              }
              works.forEach(w -> sets.computeIfAbsent(w, x -> new TreeSet<>()).add(g));
            }
          }
          case "revocation" -> {
            String g = (String) body.get("grant");
            if (grantIndex.containsKey(g) && revoked.add(g)) {
              sets.values().forEach(s -> s.remove(g));
            }
          }
          default -> {}
        }
        sets.values().removeIf(Set::isEmpty);
        after.add(copy(sets));
      }
      return new Model(after, grantIndex);
    }

    private static Map<String, TreeSet<String>> copy(Map<String, TreeSet<String>> sets) {
      Map<String, TreeSet<String>> c = new HashMap<>();
      sets.forEach((w, s) -> c.put(w, new TreeSet<>(s)));
      return c;
    }

    /** The map of the sets after the first {@code logSize} entries, built from nothing. */
    VerifiableMap mapAt(int logSize) {
      VerifiableMap m = VerifiableMap.empty();
      for (Map.Entry<String, TreeSet<String>> e : setsAfter.get(logSize).entrySet()) {
        m = m.set(MapHasher.keyOf(e.getKey()), MapHasher.grantSetDigest(e.getValue()));
      }
      return m;
    }

    /**
     * What the class comment of GrantSets promises a rebuild costs: nothing for a kept state,
     * else the fewer of the works changed between the state and the nearest later kept one, and
     * the works that had a set then; unreachable (above any bound) past the last kept state.
     */
    long rebuildCost(long logSize, List<Long> kept) {
      if (kept.contains(logSize)) {
        return 0;
      }
      Optional<Long> later = kept.stream().filter(k -> k >= logSize).findFirst();
      if (later.isEmpty()) {
        return Long.MAX_VALUE;
      }
      Set<String> changed = new LinkedHashSet<>();
      for (long i = logSize; i < later.get(); i++) {
        Map<String, TreeSet<String>> before = setsAfter.get((int) i);
        Map<String, TreeSet<String>> next = setsAfter.get((int) i + 1);
        Set<String> works = new LinkedHashSet<>(before.keySet());
        works.addAll(next.keySet());
        for (String w : works) {
          if (!before.getOrDefault(w, new TreeSet<>()).equals(next.getOrDefault(w, new TreeSet<>()))) {
            changed.add(w);
          }
        }
      }
      return Math.min(changed.size(), setsAfter.get((int) logSize).size());
    }
  }
}
