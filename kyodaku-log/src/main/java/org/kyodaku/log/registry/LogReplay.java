package org.kyodaku.log.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Party;
import org.kyodaku.core.model.PartyKind;
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
 *   <li>{@code party}: created with a credential whose token is drawn and thrown away and which
 *       expired at the party's creation — tokens are never logged, and the client that asked never
 *       got this one, so nobody can use the party until it is issued a token; the first admin (the
 *       {@code party} entry of kind {@code admin} authored by {@code registry}: the bootstrap) is
 *       named in the result, so that a start can issue it one ({@code
 *       RegistryService.recoverBootstrapAdmin});
 *   <li>{@code work}: created with its fingerprints (file names are never logged);
 *   <li>{@code grant}: created as logged; {@code revocation}: the log's <em>first</em> revocation of
 *       a grant is its revocation (the rule the map and every auditor apply): recorded when the
 *       store has none, left alone when the store holds it or an earlier logged one, and put in
 *       place of a later logged one the store holds (a second revocation that reached the store
 *       while the first had not, e.g. logged by a server that did not yet fail closed);
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
   * @param applied facts stored because the store lacked them (or held a later revocation)
   * @param bootstrapAdmin the id of the first admin, when the log records its creation
   */
  public record Result(long entries, long applied, Optional<String> bootstrapAdmin) {}

  /** Who creates the first admin in its log entry ({@code RegistryService.bootstrapAdmin}). */
  static final String BOOTSTRAP_AUTHOR = "registry";

  private LogReplay() {}

  /** Stores every act of {@code log} that {@code store} lacks (see the class comment). */
  public static Result replay(RegistryLog log, RegistryStore store, RandomGenerator random) {
    List<Indexed> chunk = new ArrayList<>(CHUNK);
    long[] counts = new long[2];
    String[] bootstrap = new String[1];
    RegistryLog.forEachEntry(
        log.sequencer(),
        (bytes, index) -> {
          SignedEntry entry = EntryParser.parse(bytes);
          if (bootstrap[0] == null && isBootstrapAdmin(entry)) {
            bootstrap[0] = (String) entry.entry().body().get("id");
          }
          chunk.add(new Indexed(index, entry));
          counts[0]++;
          if (chunk.size() == CHUNK) {
            counts[1] += apply(chunk, store, random);
            chunk.clear();
          }
        });
    counts[1] += apply(chunk, store, random);
    return new Result(counts[0], counts[1], Optional.ofNullable(bootstrap[0]));
  }

  private static boolean isBootstrapAdmin(SignedEntry s) {
    return s.entry().type().equals("party")
        && s.entry().author().equals(BOOTSTRAP_AUTHOR)
        && PartyKind.ADMIN.label().equals(s.entry().body().get("kind"));
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
      stored.put(kind, new HashMap<>(ids.isEmpty() ? Map.of() : store.logIndexes(kind, ids)));
    }
    long applied = 0;
    for (Indexed e : chunk) {
      SignedEntry s = e.entry();
      for (RegistryStore.Logged kind : RegistryStore.Logged.values()) {
        Optional<String> id = id(kind, s);
        if (id.isEmpty()) {
          continue;
        }
        Long held = stored.get(kind).get(id.get());
        boolean applies;
        if (held == null) {
          applies = store(kind, id.get(), e.index(), s, store, random);
        } else if (kind == RegistryStore.Logged.REVOCATION && held > e.index()) {
          // The store holds a later revocation of the grant; the log's first one is the revocation.
          applies = store.replaceRevocation(id.get(), EntryFacts.revocation(s), e.index());
        } else {
          applies = false; // stored with this index, or (a revocation) an earlier one stands
        }
        if (applies) {
          stored.get(kind).put(id.get(), e.index());
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
        // Expired from the start: visibly unusable (recoverBootstrapAdmin looks for that).
        String unusable = Tokens.hash(Tokens.newToken(random));
        store.createParty(p, new Credential(unusable, p.id(), p.createdAt(), Optional.of(p.createdAt())), index);
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
