package org.kyodaku.log.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Party;
import org.kyodaku.core.registry.Credential;
import org.kyodaku.core.registry.RegistryStore;
import org.kyodaku.core.registry.Tokens;
import org.kyodaku.log.entry.EntryParser;
import org.kyodaku.log.entry.SignedEntry;

/**
 * Brings the store up to the log at start (ADR 0007: the log is the source of truth, the store a
 * projection). Every act is appended to the log before the store records it, so a crash between
 * the two leaves an act in the log that the store lacks; this finds and stores such acts.
 *
 * <p>Steps: the log's entries are read in order, in chunks of {@value #CHUNK}; for each chunk the
 * store is asked which of its parties, works, grants and revocations it holds with a log index
 * (one query per kind); an entry whose fact is missing is applied, in log order, with its index:
 *
 * <ul>
 *   <li>{@code party}: created with a credential whose token is drawn and thrown away — tokens are
 *       never logged, and the client that asked never got this one, so nobody can use the party
 *       until an admin issues it a token;
 *   <li>{@code work}: created with its fingerprints (file names are never logged);
 *   <li>{@code grant}: created as logged; {@code revocation}: recorded, unless the store already
 *       has a revocation of that grant (the first stays, as the registry's rule says);
 *   <li>{@code map-root} and other types: nothing to store.
 * </ul>
 *
 * A fact the store holds without a log index (recorded before the registry kept a log) is left as
 * it is. Applying is a function of the entry alone, so running the replay again changes nothing.
 */
public final class LogReplay {
  static final int CHUNK = 1024;

  /**
   * What the replay did.
   *
   * @param entries entries read
   * @param applied facts stored because the store lacked them
   */
  public record Result(long entries, long applied) {}

  private LogReplay() {}

  /** Stores every act of {@code log} that {@code store} lacks (see the class comment). */
  public static Result replay(RegistryLog log, RegistryStore store, RandomGenerator random) {
    List<Indexed> chunk = new ArrayList<>(CHUNK);
    long[] counts = new long[2];
    RegistryLog.forEachEntry(
        log.sequencer(),
        (bytes, index) -> {
          chunk.add(new Indexed(index, EntryParser.parse(bytes)));
          counts[0]++;
          if (chunk.size() == CHUNK) {
            counts[1] += apply(chunk, store, random);
            chunk.clear();
          }
        });
    counts[1] += apply(chunk, store, random);
    return new Result(counts[0], counts[1]);
  }

  private record Indexed(long index, SignedEntry entry) {}

  private static long apply(List<Indexed> chunk, RegistryStore store, RandomGenerator random) {
    if (chunk.isEmpty()) {
      return 0;
    }
    Map<RegistryStore.Logged, Map<String, Long>> stored = new java.util.EnumMap<>(RegistryStore.Logged.class);
    for (RegistryStore.Logged kind : RegistryStore.Logged.values()) {
      List<String> ids = new ArrayList<>();
      for (Indexed e : chunk) {
        id(kind, e.entry()).ifPresent(ids::add);
      }
      stored.put(kind, ids.isEmpty() ? Map.of() : store.logIndexes(kind, ids));
    }
    long applied = 0;
    for (Indexed e : chunk) {
      SignedEntry s = e.entry();
      for (RegistryStore.Logged kind : RegistryStore.Logged.values()) {
        Optional<String> id = id(kind, s);
        if (id.isEmpty() || stored.get(kind).containsKey(id.get())) {
          continue;
        }
        if (store(kind, id.get(), e.index(), s, store, random)) {
          applied++;
        }
      }
    }
    return applied;
  }

  /** The id under which {@code kind} stores the fact of entry {@code s}, if it records one. */
  private static Optional<String> id(RegistryStore.Logged kind, SignedEntry s) {
    String type = s.entry().type();
    return switch (kind) {
      case PARTY -> type.equals("party") ? Optional.of((String) s.entry().body().get("id")) : Optional.empty();
      case WORK -> type.equals("work") ? Optional.of((String) s.entry().body().get("id")) : Optional.empty();
      case GRANT -> type.equals("grant") ? Optional.of((String) s.entry().body().get("id")) : Optional.empty();
      case REVOCATION -> type.equals("revocation") ? Optional.of(EntryFacts.revokedGrant(s)) : Optional.empty();
    };
  }

  private static boolean store(
      RegistryStore.Logged kind, String id, long index, SignedEntry s, RegistryStore store, RandomGenerator random) {
    switch (kind) {
      case PARTY -> {
        if (store.findParty(id).isPresent()) {
          return false;
        }
        Party p = EntryFacts.party(s);
        String unusable = Tokens.hash(Tokens.newToken(random));
        store.createParty(p, new Credential(unusable, p.id(), p.createdAt(), Optional.empty()), index);
      }
      case WORK -> {
        if (store.findWork(id).isPresent()) {
          return false;
        }
        store.createWork(EntryFacts.work(s), EntryFacts.assets(s), index);
      }
      case GRANT -> {
        if (store.findGrant(id).isPresent()) {
          return false;
        }
        store.createGrant(EntryFacts.grant(s, Optional.empty()), index);
      }
      case REVOCATION -> {
        Optional<Grant> grant = store.findGrant(id);
        if (grant.isEmpty() || grant.get().revocation().isPresent()) {
          return false;
        }
        return store.revokeGrant(id, EntryFacts.revocation(s), index);
      }
    }
    return true;
  }
}
