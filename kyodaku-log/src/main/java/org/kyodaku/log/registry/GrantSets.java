package org.kyodaku.log.registry;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import org.kyodaku.log.entry.EntryException;
import org.kyodaku.log.entry.EntryParser;
import org.kyodaku.log.entry.EntryWriter;
import org.kyodaku.log.entry.SignedBy;
import org.kyodaku.log.entry.SignedEntry;
import org.kyodaku.log.map.MapCommitment;
import org.kyodaku.log.map.MapHasher;
import org.kyodaku.log.map.VerifiableMap;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.sequencer.BatchSealer;
import org.kyodaku.log.sequencer.SequencerException;

/**
 * The verifiable map of grant sets (docs/verifiable-map.md) as a projection of the log, and the
 * sealer that commits its root as the last entry of every batch.
 *
 * <p>Entries are applied strictly in log order, by the rule the map page states:
 *
 * <ul>
 *   <li>{@code work}: the work's owner is remembered, and every unrevoked {@code allWorks} grant of
 *       that owner enters the new work's set (grants to all works include later ones); a repeated
 *       work id changes nothing, whatever owner it names;
 *   <li>{@code grant}: enters the set of every listed work, or, with {@code allWorks}, of every
 *       work its grantor owns so far;
 *   <li>{@code revocation}: the grant leaves every set it is in (a second revocation, or one of an
 *       unknown grant, has no effect);
 *   <li>everything else ({@code party}, {@code map-root}, open types): no effect.
 * </ul>
 *
 * A work whose set is empty has no key. After a batch, {@link #seal} signs a {@code map-root}
 * entry for the state after every entry before it: so the last entry of every checkpoint's tree
 * commits the map of the tree before it ({@code logSize = size − 1}).
 *
 * <p><b>Older states.</b> The last {@value #KEPT_STATES} committed states are kept. An older one
 * (a receipt about a past instant) is rebuilt without reading the log: every change of a work's
 * set is remembered with its log index ({@code changes}) and every membership with the interval
 * it held ({@code history}), so the state at {@code n} is the nearest kept later state with the
 * works changed since {@code n} set back to their sets at {@code n} — or, when fewer works had a
 * set at {@code n}, the map of those sets built afresh. Either costs one map update per work, at
 * most {@value #MAX_REBUILD_UPDATES} per request (a state further back gets no evidence: a request
 * must not cost a replay of the whole log); the last {@value #REBUILT_KEPT} rebuilt states are
 * cached.
 *
 * <p>Thread safety: the sequencer thread applies and seals; request threads read states and
 * memberships. Both go through this object's monitor, held for map updates and lookups only; a
 * rebuild copies what it needs under the monitor and hashes outside it.
 */
final class GrantSets implements BatchSealer {
  /** States kept for proofs: the checkpoint a receipt reads may be a few batches old. */
  private static final int KEPT_STATES = 64;

  /** Most map updates one request may spend rebuilding an older state (about 0.1 ms each). */
  static final int MAX_REBUILD_UPDATES = 8192;

  /** Rebuilt states cached, most recently used kept. */
  static final int REBUILT_KEPT = 16;

  private final Optional<SignerKey> key;
  private final Clock clock;

  private final Map<String, String> owners = new HashMap<>();
  private final Map<String, GrantFacts> grants = new HashMap<>();
  private final Map<String, Set<String>> allWorksGrants = new HashMap<>();
  private final Map<String, TreeSet<String>> current = new HashMap<>();
  private final Map<String, List<Membership>> history = new HashMap<>();
  private VerifiableMap map = VerifiableMap.empty();
  private long applied;

  /** Every change of a work's set, in log order: the work whose set the entry at index changed. */
  private final List<Change> changes = new ArrayList<>();

  /** Map updates spent on rebuilding older states, for tests and measurements. */
  private final java.util.concurrent.atomic.AtomicLong rebuildUpdates = new java.util.concurrent.atomic.AtomicLong();

  private final Map<Long, VerifiableMap> rebuilt =
      new LinkedHashMap<>(REBUILT_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, VerifiableMap> eldest) {
          return size() > REBUILT_KEPT;
        }
      };

  private record Change(long index, String work) {}

  /** Map states by the log size they reflect; only those committed by a {@code map-root}. */
  private final ConcurrentSkipListMap<Long, VerifiableMap> states = new ConcurrentSkipListMap<>();

  /** What the projection needs of a grant: scope, log index, whether it was revoked. */
  private static final class GrantFacts {
    final String grantor;
    final boolean allWorks;
    final long index;
    final Set<String> works = new LinkedHashSet<>();
    boolean revoked;

    GrantFacts(String grantor, boolean allWorks, long index) {
      this.grantor = grantor;
      this.allWorks = allWorks;
      this.index = index;
    }
  }

  /** Grant {@code grant} is in a work's set for log prefixes {@code (added, removed]}. */
  private record Membership(String grant, long added, long removed) {}

  /** A work's set in one committed state, with each grant's log index, ids sorted. */
  record GrantSet(Hash root, Optional<Hash> value, byte[] proof, Map<String, Long> grants) {}

  private final int maxRebuildUpdates;

  /** A projection that seals batches with map-root entries signed by {@code key}. */
  GrantSets(SignerKey key, Clock clock) {
    this(key, clock, MAX_REBUILD_UPDATES);
  }

  /** As above, with another bound on the map updates one rebuild may spend (for tests). */
  GrantSets(SignerKey key, Clock clock, int maxRebuildUpdates) {
    this.key = Optional.of(key);
    this.clock = clock;
    this.maxRebuildUpdates = maxRebuildUpdates;
  }

  /** A projection for replay only (an auditor's): it has no key, so it cannot seal. */
  GrantSets() {
    this.key = Optional.empty();
    this.clock = Clock.systemUTC();
    this.maxRebuildUpdates = MAX_REBUILD_UPDATES;
  }

  /** Applies the log's existing entries, in order, checking every map-root against the replay. */
  synchronized void replay(byte[] entry, long index) {
    replay(index, parse(index, entry));
  }

  /**
   * Applies one already parsed entry; a {@code map-root} must commit exactly the replayed state.
   * Returns whether the entry was a map root.
   */
  synchronized boolean replay(long index, SignedEntry signed) {
    if (index != applied) {
      throw new SequencerException("replay of the map expected entry " + applied + ", got " + index);
    }
    boolean isRoot = false;
    if (signed.entry().type().equals(MapCommitment.ENTRY_TYPE)) {
      MapCommitment c = MapCommitment.fromEntry(signed.entry());
      long logSize = (Long) signed.entry().body().get("logSize");
      if (logSize != index || !c.root().equals(map.root()) || c.keys() != map.size()) {
        throw new SequencerException(
            "map-root entry "
                + index
                + " commits "
                + c.keys()
                + " keys, root "
                + c.root()
                + " after "
                + logSize
                + " entries; replaying the log gives "
                + map.size()
                + " keys, root "
                + map.root()
                + " after "
                + index);
      }
      remember(index);
      isRoot = true;
    }
    apply(index, signed);
    return isRoot;
  }

  @Override
  public synchronized Optional<byte[]> seal(long start, List<byte[]> entries) {
    if (start != applied) {
      throw new SequencerException("map has applied " + applied + " entries, batch starts at " + start);
    }
    for (int i = 0; i < entries.size(); i++) {
      apply(start + i, parse(start + i, entries.get(i)));
    }
    long logSize = applied;
    SignerKey signer = key.orElseThrow(() -> new SequencerException("a replay-only map cannot seal batches"));
    SignedEntry root =
        MapCommitment.of(map)
            .toEntry(clock.instant().truncatedTo(ChronoUnit.MICROS), logSize)
            .sign(signer, SignedBy.REGISTRY);
    remember(logSize);
    applied++; // the map-root entry itself changes nothing
    return Optional.of(EntryWriter.write(root));
  }

  /** The map committed by the map-root entry at {@code logSize}, if that entry exists and is kept. */
  Optional<VerifiableMap> state(long logSize) {
    return Optional.ofNullable(states.get(logSize));
  }

  /**
   * Work {@code workId}'s set in the state after the first {@code logSize} entries, with its map
   * proof; empty when that state is neither kept nor within reach of a rebuild (class comment).
   */
  Optional<GrantSet> grantSet(long logSize, String workId) {
    Optional<VerifiableMap> found = mapAt(logSize);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    VerifiableMap state = found.get();
    Hash k = MapHasher.keyOf(workId);
    Map<String, Long> members = new LinkedHashMap<>();
    synchronized (this) {
      membersAt(workId, logSize).forEach(g -> members.put(g, grants.get(g).index));
    }
    return Optional.of(new GrantSet(state.root(), state.get(k), state.prove(k).toBytes(), members));
  }

  /**
   * The map after the first {@code logSize} entries (a map-root's {@code logSize}): kept, cached,
   * or rebuilt from the grant-set history at a cost of at most {@value #MAX_REBUILD_UPDATES} map
   * updates (by default); empty beyond that, or for a size the map has not reached.
   */
  Optional<VerifiableMap> mapAt(long logSize) {
    VerifiableMap kept = states.get(logSize);
    if (kept != null) {
      return Optional.of(kept);
    }
    synchronized (rebuilt) {
      VerifiableMap cached = rebuilt.get(logSize);
      if (cached != null) {
        return Optional.of(cached);
      }
    }
    VerifiableMap base;
    Map<String, TreeSet<String>> sets = new LinkedHashMap<>();
    synchronized (this) {
      Map.Entry<Long, VerifiableMap> later = states.ceilingEntry(logSize);
      if (later == null || logSize < 0) {
        return Optional.empty();
      }
      // Undo the changes since logSize on the nearest later state ...
      int from = firstChangeAtOrAfter(logSize);
      int to = firstChangeAtOrAfter(later.getKey());
      Set<String> touched = new LinkedHashSet<>();
      for (int i = from; i < to && touched.size() <= maxRebuildUpdates; i++) {
        touched.add(changes.get(i).work());
      }
      if (touched.size() <= maxRebuildUpdates) {
        base = later.getValue();
        touched.forEach(w -> sets.put(w, membersAt(w, logSize)));
      } else {
        // ... or, when fewer works had a set then (an older, smaller registry), build it afresh.
        base = VerifiableMap.empty();
        for (String w : history.keySet()) {
          TreeSet<String> set = membersAt(w, logSize);
          if (!set.isEmpty()) {
            if (sets.size() == maxRebuildUpdates) {
              return Optional.empty();
            }
            sets.put(w, set);
          }
        }
      }
    }
    VerifiableMap state = base;
    for (Map.Entry<String, TreeSet<String>> e : sets.entrySet()) {
      Hash k = MapHasher.keyOf(e.getKey());
      state = e.getValue().isEmpty() ? state.remove(k) : state.set(k, MapHasher.grantSetDigest(e.getValue()));
    }
    rebuildUpdates.addAndGet(sets.size());
    synchronized (rebuilt) {
      rebuilt.put(logSize, state);
    }
    return Optional.of(state);
  }

  /** Map updates spent on rebuilding older states so far. */
  long rebuildUpdates() {
    return rebuildUpdates.get();
  }

  /** The grants in {@code work}'s set after the first {@code logSize} entries, sorted. */
  private TreeSet<String> membersAt(String work, long logSize) {
    TreeSet<String> set = new TreeSet<>();
    for (Membership m : history.getOrDefault(work, List.of())) {
      if (m.added() < logSize && logSize <= m.removed()) {
        set.add(m.grant());
      }
    }
    return set;
  }

  /** The position in {@code changes} of the first change at log index {@code index} or later. */
  private int firstChangeAtOrAfter(long index) {
    int lo = 0;
    int hi = changes.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (changes.get(mid).index() < index) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The number of entries applied (map-roots included). */
  synchronized long applied() {
    return applied;
  }

  private void remember(long logSize) {
    states.put(logSize, map);
    while (states.size() > KEPT_STATES) {
      states.pollFirstEntry();
    }
  }

  private static SignedEntry parse(long index, byte[] entry) {
    try {
      return EntryParser.parse(entry);
    } catch (EntryException e) {
      throw new SequencerException("log entry " + index + " is not a canonical entry: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private void apply(long index, SignedEntry signed) {
    Map<String, Object> body = signed.entry().body();
    switch (signed.entry().type()) {
      case "work" -> {
        String work = (String) body.get("id");
        String owner = (String) body.get("owner");
        if (owners.putIfAbsent(work, owner) != null) {
          break; // a repeated id has no effect: the first entry's owner is the owner
        }
        for (String g : allWorksGrants.getOrDefault(owner, Set.of())) {
          add(work, g, index);
        }
      }
      case "grant" -> {
        String id = (String) body.get("id");
        if (grants.containsKey(id)) {
          break; // a repeated id has no effect: the first entry is the grant
        }
        String grantor = (String) body.get("grantor");
        boolean all = Boolean.TRUE.equals(body.get("allWorks"));
        GrantFacts facts = new GrantFacts(grantor, all, index);
        grants.put(id, facts);
        if (all) {
          allWorksGrants.computeIfAbsent(grantor, o -> new LinkedHashSet<>()).add(id);
          for (Map.Entry<String, String> w : owners.entrySet()) {
            if (w.getValue().equals(grantor)) {
              add(w.getKey(), id, index);
            }
          }
        } else {
          for (Object w : (List<Object>) body.get("works")) {
            add((String) w, id, index);
          }
        }
      }
      case "revocation" -> {
        String id = (String) body.get("grant");
        GrantFacts facts = grants.get(id);
        if (facts != null && !facts.revoked) {
          facts.revoked = true;
          if (facts.allWorks) {
            allWorksGrants.getOrDefault(facts.grantor, new LinkedHashSet<>()).remove(id);
          }
          for (String w : new ArrayList<>(facts.works)) {
            removeFrom(w, id, index);
          }
        }
      }
      default -> {
        // party, map-root and open types do not change grant sets
      }
    }
    applied = index + 1;
  }

  private void add(String work, String grant, long index) {
    TreeSet<String> set = current.computeIfAbsent(work, w -> new TreeSet<>());
    if (set.add(grant)) {
      grants.get(grant).works.add(work);
      history.computeIfAbsent(work, w -> new ArrayList<>()).add(new Membership(grant, index, Long.MAX_VALUE));
      changes.add(new Change(index, work));
      map = map.set(MapHasher.keyOf(work), MapHasher.grantSetDigest(set));
    }
  }

  private void removeFrom(String work, String grant, long index) {
    TreeSet<String> set = current.get(work);
    if (set == null || !set.remove(grant)) {
      return;
    }
    List<Membership> h = history.get(work);
    for (int i = h.size() - 1; i >= 0; i--) {
      Membership m = h.get(i);
      if (m.grant().equals(grant) && m.removed() == Long.MAX_VALUE) {
        h.set(i, new Membership(grant, m.added(), index));
        break;
      }
    }
    changes.add(new Change(index, work));
    Hash k = MapHasher.keyOf(work);
    map = set.isEmpty() ? map.remove(k) : map.set(k, MapHasher.grantSetDigest(set));
  }
}
