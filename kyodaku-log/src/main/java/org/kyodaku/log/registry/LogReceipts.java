package org.kyodaku.log.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeMap;
import org.kyodaku.core.registry.ReceiptSource;
import org.kyodaku.core.registry.RegistryException;
import org.kyodaku.log.checkpoint.SignedCheckpoint;
import org.kyodaku.log.entry.EntryException;
import org.kyodaku.log.entry.EntryParser;
import org.kyodaku.log.entry.SignedEntry;
import org.kyodaku.log.map.MapCommitment;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.proof.TlogProof;
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.tiles.EntryBundle;
import org.kyodaku.log.tiles.TilePaths;
import org.kyodaku.log.tiles.TileReader;

/**
 * Receipts' proofs from the sequencer's directory: the published signed checkpoint, the entry read
 * back from its entry bundle, and the inclusion proof computed from the hash tiles of the tree the
 * checkpoint covers, written as a {@code c2sp.org/tlog-proof@v1} document (docs/receipts.md).
 */
public final class LogReceipts implements ReceiptSource {
  private final Sequencer sequencer;
  private final Optional<GrantSets> grantSets;

  /** Receipts without map evidence (a log whose checkpoints commit no map). */
  public LogReceipts(Sequencer sequencer) {
    this(sequencer, Optional.empty());
  }

  LogReceipts(Sequencer sequencer, Optional<GrantSets> grantSets) {
    this.sequencer = sequencer;
    this.grantSets = grantSets;
  }

  @Override
  public LogView view() {
    // One read of the published checkpoint: its text and its size cannot disagree.
    String checkpoint = sequencer.checkpoint();
    long size = SignedCheckpoint.parse(checkpoint).checkpoint().size();
    MerkleTree tree = sequencer.tree(size);
    TileReader tiles = sequencer.reader();
    return new LogView() {
      @Override
      public String checkpoint() {
        return checkpoint;
      }

      @Override
      public Optional<GrantMap> grantMap() {
        // The checkpoint commits a map when its last entry is the map-root the sealer wrote.
        if (size == 0 || grantSets.isEmpty() || grantSets.get().state(size - 1).isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(map(grantSets.get(), size - 1, this));
      }

      @Override
      public Optional<GrantMap> grantMapAt(Instant at) {
        if (size == 0 || grantSets.isEmpty()) {
          return Optional.empty();
        }
        long k = firstActAfter(at);
        // The state "after every act at or before `at`" is committed only if a batch ended there.
        if (k == 0 || !isMapRoot(k - 1)) {
          return Optional.empty();
        }
        GrantSets sets = grantSets.get();
        // An older state is rebuilt within a bounded cost; one beyond it gets no map evidence.
        if (sets.mapAt(k - 1).isEmpty()) {
          return Optional.empty();
        }
        GrantMap map = map(sets, k - 1, this);
        if (k == size) {
          return Optional.of(map);
        }
        LogView view = this;
        return Optional.of(
            new GrantMap() {
              @Override
              public ProvedEntry root() {
                return map.root();
              }

              @Override
              public GrantSet grantSet(String workId) {
                return map.grantSet(workId);
              }

              @Override
              public Optional<ProvedEntry> next() {
                return Optional.of(view.prove(k));
              }
            });
      }

      /** The first index whose act is after {@code at} (a map root counts as its batch's act). */
      private long firstActAfter(Instant at) {
        // "Now" is the usual question: no act after it, decided by the last entry alone.
        if (!actAt(size - 1).isAfter(at)) {
          return size;
        }
        long lo = 0;
        long hi = size - 1;
        while (lo < hi) {
          long mid = (lo + hi) >>> 1;
          if (actAt(mid).isAfter(at)) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        return lo;
      }

      private Instant actAt(long index) {
        SignedEntry e = entry(index);
        if (e.entry().type().equals(MapCommitment.ENTRY_TYPE)) {
          return index == 0 ? Instant.MIN : entry(index - 1).entry().at();
        }
        return e.entry().at();
      }

      private boolean isMapRoot(long index) {
        SignedEntry e = entry(index);
        return e.entry().type().equals(MapCommitment.ENTRY_TYPE)
            && Long.valueOf(index).equals(e.entry().body().get("logSize"));
      }

      private SignedEntry entry(long index) {
        try {
          return EntryParser.parse(read(index));
        } catch (EntryException e) {
          throw unavailable("log entry " + index + " is not a canonical entry: " + e.getMessage(), e);
        }
      }

      private byte[] read(long index) {
        String path = TilePaths.entryBundleFor(index, size);
        try {
          return EntryBundle.parse(tiles.read(path)).entry((int) (index % TilePaths.TILE_WIDTH));
        } catch (IOException | RuntimeException e) {
          throw unavailable("cannot read log entry " + index + " from " + path + ": " + e.getMessage(), e);
        }
      }

      @Override
      public ProvedEntry prove(long index) {
        if (index < 0 || index >= size) {
          throw unavailable(
              "log entry " + index + " is not covered by the checkpoint of size " + size, null);
        }
        byte[] entry = read(index);
        TlogProof proof =
            TlogProof.of(index, tree.inclusionProof(index, size).hashes(), checkpoint);
        return new ProvedEntry(index, new String(entry, StandardCharsets.UTF_8), proof.format());
      }
    };
  }

  /** The map committed by the map-root entry at {@code rootIndex}, proved through {@code view}. */
  private static GrantMap map(GrantSets sets, long rootIndex, LogView view) {
    return new GrantMap() {
      @Override
      public ProvedEntry root() {
        return view.prove(rootIndex);
      }

      @Override
      public GrantSet grantSet(String workId) {
        GrantSets.GrantSet set =
            sets.grantSet(rootIndex, workId)
                .orElseThrow(() -> unavailable("the map state of log size " + rootIndex + " can no longer be rebuilt", null));
        return new GrantSet(workId, Base64.getEncoder().encodeToString(set.proof()), new TreeMap<>(set.grants()));
      }
    };
  }

  private static RegistryException unavailable(String message, Throwable cause) {
    return new RegistryException(RegistryException.Kind.UNAVAILABLE, Optional.empty(), message, cause);
  }
}
