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
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.sequencer.SequencerException;

/**
 * The verifiable map of grant sets (docs/verifiable-map.md) as a projection of the log, and the
 * sealer that commits its root as the last entry of every batch.
 *
 * <p>Entries are applied strictly in log order, by the rule the map page states:
 *
 * <ul>
 *   <li>{@code work}: the work's owner is remembered, and every unrevoked {@code allWorks} grant of
 *       that owner enters the new work's set (grants to all works include later ones);
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
 * <p>Thread safety: the sequencer thread applies and seals; request threads read states and
 * memberships. Both go through this object's monitor, held for map updates and lookups only.
 */
final class GrantSets implements BatchSealer {
  /** States kept for proofs: the checkpoint a receipt reads may be a few batches old. */
  private static final int KEPT_STATES = 64;

  private final Optional<SignerKey> key;
  private final Clock clock;

  private final Map<String, String> owners = new HashMap<>();
  private final Map<String, GrantFacts> grants = new HashMap<>();
  private final Map<String, Set<String>> allWorksGrants = new HashMap<>();
  private final Map<String, TreeSet<String>> current = new HashMap<>();
  private final Map<String, List<Membership>> history = new HashMap<>();
  private VerifiableMap map = VerifiableMap.empty();
  private long applied;

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

  /** A projection that seals batches with map-root entries signed by {@code key}. */
  GrantSets(SignerKey key, Clock clock) {
    this.key = Optional.of(key);
    this.clock = clock;
  }

  /** A projection for replay only (an auditor's): it has no key, so it cannot seal. */
  GrantSets() {
    this.key = Optional.empty();
    this.clock = Clock.systemUTC();
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

  /** Work {@code workId}'s set in the state committed at {@code logSize}, with its map proof. */
  synchronized Optional<GrantSet> grantSet(long logSize, String workId) {
    VerifiableMap state = states.get(logSize);
    if (state == null) {
      return Optional.empty();
    }
    Hash k = MapHasher.keyOf(workId);
    Map<String, Long> members = new LinkedHashMap<>();
    new TreeSet<>(
            history.getOrDefault(workId, List.of()).stream()
                .filter(m -> m.added() < logSize && logSize <= m.removed())
                .map(Membership::grant)
                .toList())
        .forEach(g -> members.put(g, grants.get(g).index));
    return Optional.of(new GrantSet(state.root(), state.get(k), state.prove(k).toBytes(), members));
  }

  /**
   * The map state committed by the {@code map-root} entry at {@code logSize}: kept in memory for
   * the last batches, otherwise rebuilt by replaying the log up to that entry into a new
   * projection (a linear pass: receipts about the distant past cost one replay each).
   */
  GrantSets atOrRebuilt(Sequencer sequencer, long logSize) {
    if (states.containsKey(logSize)) {
      return this;
    }
    GrantSets past = new GrantSets();
    RegistryLog.forEachEntry(sequencer, logSize + 1, past::replay);
    return past;
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
        owners.putIfAbsent(work, owner);
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
    Hash k = MapHasher.keyOf(work);
    map = set.isEmpty() ? map.remove(k) : map.set(k, MapHasher.grantSetDigest(set));
  }
}
