package org.kyodaku.log.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeMap;
import org.kyodaku.core.registry.ReceiptSource;
import org.kyodaku.core.registry.RegistryException;
import org.kyodaku.log.checkpoint.SignedCheckpoint;
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
        GrantSets sets = grantSets.get();
        LogView view = this;
        return Optional.of(
            new GrantMap() {
              @Override
              public ProvedEntry root() {
                return view.prove(size - 1);
              }

              @Override
              public GrantSet grantSet(String workId) {
                GrantSets.GrantSet set =
                    sets.grantSet(size - 1, workId)
                        .orElseThrow(
                            () -> unavailable("the map state of log size " + (size - 1) + " is no longer kept", null));
                return new GrantSet(
                    workId, Base64.getEncoder().encodeToString(set.proof()), new TreeMap<>(set.grants()));
              }
            });
      }

      @Override
      public ProvedEntry prove(long index) {
        if (index < 0 || index >= size) {
          throw unavailable(
              "log entry " + index + " is not covered by the checkpoint of size " + size, null);
        }
        String path = TilePaths.entryBundleFor(index, size);
        byte[] entry;
        try {
          EntryBundle bundle = EntryBundle.parse(tiles.read(path));
          entry = bundle.entry((int) (index % TilePaths.TILE_WIDTH));
        } catch (IOException | RuntimeException e) {
          throw unavailable("cannot read log entry " + index + " from " + path + ": " + e.getMessage(), e);
        }
        TlogProof proof =
            TlogProof.of(index, tree.inclusionProof(index, size).hashes(), checkpoint);
        return new ProvedEntry(index, new String(entry, StandardCharsets.UTF_8), proof.format());
      }
    };
  }

  private static RegistryException unavailable(String message, Throwable cause) {
    return new RegistryException(RegistryException.Kind.UNAVAILABLE, Optional.empty(), message, cause);
  }
}
