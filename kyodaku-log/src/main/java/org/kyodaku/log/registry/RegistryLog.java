package org.kyodaku.log.registry;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.kyodaku.core.registry.ConsentLog;
import org.kyodaku.core.registry.ReceiptSource;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.log.sequencer.SequencerException;
import org.kyodaku.log.tiles.EntryBundle;
import org.kyodaku.log.tiles.TilePaths;
import org.kyodaku.log.tiles.TileReader;

/**
 * The registry's transparency log, wired: the sequencer, the verifiable map of grant sets rebuilt
 * from the log and committed as the last entry of every checkpoint (docs/verifiable-map.md), the
 * {@link ConsentLog} that appends acts and the {@link ReceiptSource} that proves decisions, with
 * map evidence for denials.
 *
 * <p>{@link #open} opens (and recovers) the sequencer, then replays every entry of its tree into
 * the map, checking each {@code map-root} entry it meets against the replayed state; only then
 * can the first act be appended, so the map always reflects exactly the log before the next batch.
 */
public final class RegistryLog implements AutoCloseable {
  private final Sequencer sequencer;
  private final GrantSets grantSets;
  private final SignerKey key;

  private RegistryLog(Sequencer sequencer, GrantSets grantSets, SignerKey key) {
    this.sequencer = sequencer;
    this.grantSets = grantSets;
    this.key = key;
  }

  /**
   * Opens the log in {@code config}'s directory {@code dir}, signed by {@code config.logKey()};
   * {@code clock} times the map-root entries.
   *
   * @throws SequencerException when the log cannot be opened or an entry or map root in it does not
   *     replay
   */
  public static RegistryLog open(java.nio.file.Path dir, SequencerConfig config, Clock clock) {
    return open(dir, config, clock, GrantSets.MAX_REBUILD_UPDATES);
  }

  /** As above, with another bound on the cost of rebuilding an older map state (for tests). */
  static RegistryLog open(java.nio.file.Path dir, SequencerConfig config, Clock clock, int maxRebuildUpdates) {
    GrantSets sets = new GrantSets(config.logKey(), clock, maxRebuildUpdates);
    Sequencer sequencer = Sequencer.open(dir, config.withSealer(sets));
    try {
      replay(sequencer, sets);
    } catch (RuntimeException e) {
      sequencer.close();
      throw e;
    }
    return new RegistryLog(sequencer, sets, config.logKey());
  }

  private static void replay(Sequencer sequencer, GrantSets sets) {
    forEachEntry(sequencer, sets::replay);
  }

  /** Every entry of the published tree, in log order, read bundle by bundle from the tiles. */
  static void forEachEntry(Sequencer sequencer, java.util.function.ObjLongConsumer<byte[]> action) {
    forEachEntry(sequencer, sequencer.size(), action);
  }

  /** The first {@code limit} entries of the published tree, in log order. */
  static void forEachEntry(Sequencer sequencer, long limit, java.util.function.ObjLongConsumer<byte[]> action) {
    long size = sequencer.size();
    TileReader tiles = sequencer.reader();
    for (long start = 0; start < Math.min(limit, size); start += TilePaths.TILE_WIDTH) {
      String path = TilePaths.entryBundleFor(start, size);
      EntryBundle bundle;
      try {
        bundle = EntryBundle.parse(tiles.read(path));
      } catch (IOException e) {
        throw new SequencerException("cannot read " + path + " to replay the log: " + e.getMessage(), e);
      }
      for (int i = 0; i < bundle.size() && start + i < limit; i++) {
        action.accept(bundle.entry(i), start + i);
      }
    }
  }

  /** The map of grant sets (for tests and measurements in this package). */
  GrantSets grantSets() {
    return grantSets;
  }

  /** The sequencer (for the served tiles and checkpoint). */
  public Sequencer sequencer() {
    return sequencer;
  }

  /** Appends registry acts, each acknowledged once a checkpoint covers it. */
  public ConsentLog recorder() {
    return new LogRecorder(sequencer, key);
  }

  /** Proofs for receipts, with map evidence when the checkpoint commits a map. */
  public ReceiptSource receipts() {
    return new LogReceipts(sequencer, Optional.of(grantSets));
  }

  /** Integrates what is queued and releases the log directory. */
  @Override
  public void close() {
    sequencer.close();
  }
}
