package org.kyodaku.core.registry;

/**
 * Where receipts get their proofs: the transparency log, as the registry sees it when it answers a
 * decision. Implemented by kyodaku-log from the sequencer's tiles and signed checkpoint.
 *
 * <p>The registry opens one {@link LogView} per batch of decisions after deciding, without a lock
 * that keeps acts out: every act is appended to the log before it is stored (ADR 0007), so the
 * view's checkpoint covers at least the acts the decisions saw, and acts that landed in between
 * are after the decisions' instant, which is why map evidence is taken at that instant ({@link
 * LogView#grantMapAt}) with the first later act as its boundary.
 */
public interface ReceiptSource {
  /** An entry of the log with its inclusion proof. */
  record ProvedEntry(long index, String entry, String proof) {}

  /** The log at one signed checkpoint. */
  interface LogView {
    /** The signed checkpoint (C2SP signed note) every proof of this view is against. */
    String checkpoint();

    /**
     * The entry at {@code index} (canonical JSON, UTF-8) and its {@code c2sp.org/tlog-proof@v1}
     * document against {@link #checkpoint()}.
     *
     * @throws RegistryException UNAVAILABLE when the log cannot be read
     */
    ProvedEntry prove(long index);

    /**
     * The verifiable map of grant sets that {@link #checkpoint()} commits as its last entry
     * (docs/verifiable-map.md), if the log keeps one and that entry is a map root.
     */
    default java.util.Optional<GrantMap> grantMap() {
      return java.util.Optional.empty();
    }

    /**
     * The map of grant sets as it was at {@code at}: the state committed by the {@code map-root}
     * entry that closes the last batch of acts at or before {@code at}, with the entry after it
     * (the first act after {@code at}) as the boundary — if the log has such a root and the
     * state can be rebuilt within the bounded cost one request may spend; empty otherwise (the
     * receipt then carries no map evidence and says {@code not-proven}). When no act of the view
     * is after {@code at}, that is {@link #grantMap()}, without a boundary.
     */
    default java.util.Optional<GrantMap> grantMapAt(java.time.Instant at) {
      return java.util.Optional.empty();
    }
  }

  /** The map of grant sets in the state the view's checkpoint commits. */
  interface GrantMap {
    /** The {@code map-root} entry (the checkpoint's last) with its inclusion proof. */
    ProvedEntry root();

    /**
     * Work {@code workId}'s current grant set in that state: its grant ids with their log indexes,
     * and the map proof (base64 of the proof bytes of docs/verifiable-map.md) of its value or of
     * its absence.
     */
    GrantSet grantSet(String workId);

    /**
     * The entry right after the map root, when the root is not the checkpoint's last entry: an act
     * later than the instant the map state stands for.
     */
    default java.util.Optional<ProvedEntry> next() {
      return java.util.Optional.empty();
    }
  }

  /** A work's grant set: grant id to log index, ids sorted; empty when the work has no key. */
  record GrantSet(String work, String proof, java.util.SortedMap<String, Long> grants) {
    public GrantSet {
      grants = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(grants));
    }
  }

  /** A registry without a log: asking for receipts is refused. */
  ReceiptSource NONE =
      () -> {
        throw RegistryException.invalid(
            "receipt", "this registry keeps no transparency log, so it cannot give receipts");
      };

  /** The log at its latest signed checkpoint. */
  LogView view();
}
