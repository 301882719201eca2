package org.kyodaku.log.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.entry.EntryException;
import org.kyodaku.log.entry.EntryParser;
import org.kyodaku.log.entry.EntryVerifier;
import org.kyodaku.log.entry.SignedEntry;
import org.jspecify.annotations.Nullable;
import org.kyodaku.log.map.MapCommitment;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.HashSource;
import org.kyodaku.log.merkle.MerkleHasher;
import org.kyodaku.log.merkle.MerkleException;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.merkle.MerkleVerifier;
import org.kyodaku.log.note.NoteException;
import org.kyodaku.log.note.VerifierKey;
import org.kyodaku.log.sequencer.SequencerException;
import org.kyodaku.log.tiles.EntryBundle;
import org.kyodaku.log.tiles.HashTile;
import org.kyodaku.log.tiles.Tile;
import org.kyodaku.log.tiles.TileException;
import org.kyodaku.log.tiles.TileHashSource;
import org.kyodaku.log.tiles.TilePaths;
import org.kyodaku.log.tiles.TileReader;

/**
 * What an auditor runs over a copy of the log (C2SP tlog-tiles layout): every hash of the tree of
 * a verified checkpoint re-derived from the entries up, and every entry read.
 *
 * <ol>
 *   <li>Level 0: every entry bundle the size implies (full ones and the partial one) is parsed
 *       with its width, and each entry's leaf hash {@code SHA-256(0x00 || entry)} must equal the
 *       hash at its place in the level-0 tile of the same index and width.
 *   <li>Level {@code L ≥ 1}: each hash of a level-{@code L} tile must equal the root of the full
 *       level-{@code L−1} tile it stands for.
 *   <li>The root of the tree from the tiles must equal the checkpoint's root.
 *   <li>Each entry is a canonical Kyodaku entry (docs/log-entries.md) whose signature verifies: the
 *       registry's under the log key, an author's under the key its {@code party} entry published.
 *   <li>The entries are replayed into the verifiable map of grant sets in log order, and every
 *       {@code map-root} entry must commit exactly the replayed map (docs/verifiable-map.md).
 *   <li>Acts (every entry but map roots) are in time order: receipts about a past instant take the
 *       map root before the first act after it as the state at that instant.
 *   <li>With a previous checkpoint (an earlier mirror), the tree is consistent with it (RFC 9162
 *       consistency proof from the same tiles): the log only grew.
 * </ol>
 *
 * The checkpoint itself must be verified by the caller (its signature is what makes the tiles
 * trustworthy once they re-derive its root). Nothing from the tiles is trusted before it is checked.
 */
public final class LogAudit {
  /** How often {@link #audit} reports progress, in entries. */
  static final int PROGRESS_EVERY = 65_536;

  /**
   * What was checked.
   *
   * @param entries entries read and verified (the tree size)
   * @param tiles hash tiles checked
   * @param bundles entry bundles checked
   * @param mapRoots map-root entries that matched the replayed map
   */
  public record Result(long entries, long tiles, long bundles, long mapRoots) {}

  private LogAudit() {}

  /** The paths of every hash tile and entry bundle of the tree of {@code size} entries. */
  public static List<String> paths(long size) {
    List<String> out = new ArrayList<>();
    for (int level = 0; Tile.nodesAtLevel(level, size) > 0; level++) {
      for (Tile t : tiles(level, size)) {
        out.add(t.path());
        if (level == 0) {
          out.add(TilePaths.entryBundle(t.index(), t.width()));
        }
      }
    }
    return out;
  }

  private static List<Tile> tiles(int level, long size) {
    List<Tile> out = new ArrayList<>();
    long full = Tile.fullTiles(level, size);
    for (long i = 0; i < full; i++) {
      out.add(new Tile(level, i, TilePaths.TILE_WIDTH));
    }
    Tile.partialTile(level, size).ifPresent(out::add);
    return out;
  }

  /**
   * Audits the tree of {@code checkpoint} in {@code tiles} (see the class comment).
   *
   * @param previous an earlier verified checkpoint of the same log the tree must be consistent with
   * @param progress receives a line now and then (entries checked so far)
   * @throws AuditException naming the first file or entry that does not check, with both values
   */
  public static Result audit(
      TileReader tiles,
      Checkpoint checkpoint,
      VerifierKey logKey,
      Optional<Checkpoint> previous,
      Consumer<String> progress) {
    long size = checkpoint.size();
    Map<String, VerifierKey> authorKeys = new HashMap<>();
    EntryVerifier verifier = EntryVerifier.of(logKey, id -> Optional.ofNullable(authorKeys.get(id)));
    GrantSets map = new GrantSets();
    long mapRoots = 0;
    long bundles = 0;
    long tileCount = 0;
    List<Hash> below = new ArrayList<>(); // roots of the full tiles of the level below
    @Nullable SignedEntry lastAct = null;
    for (int level = 0; Tile.nodesAtLevel(level, size) > 0; level++) {
      List<Hash> roots = new ArrayList<>();
      for (Tile t : tiles(level, size)) {
        HashTile tile;
        try {
          tile = HashTile.parse(t, read(tiles, t.path()));
        } catch (TileException e) {
          throw new AuditException(e.getMessage() + " (a truncated or tampered tile)", e);
        }
        tileCount++;
        List<Hash> hashes = tile.hashes();
        if (level == 0) {
          String path = TilePaths.entryBundle(t.index(), t.width());
          EntryBundle bundle;
          try {
            bundle = EntryBundle.parse(read(tiles, path), t.width());
          } catch (TileException e) {
            throw new AuditException(path + ": " + e.getMessage(), e);
          }
          bundles++;
          for (int i = 0; i < bundle.size(); i++) {
            long index = t.index() * TilePaths.TILE_WIDTH + i;
            byte[] entry = bundle.entry(i);
            Hash leaf = MerkleHasher.leafHash(entry);
            if (!leaf.equals(hashes.get(i))) {
              throw new AuditException(
                  path + ": entry " + index + " hashes to " + leaf + ", but " + t.path() + " holds " + hashes.get(i)
                      + " at position " + i + " (a tampered tile or bundle)");
            }
            SignedEntry signed = entry(index, entry, verifier, authorKeys, map);
            if (signed.entry().type().equals(MapCommitment.ENTRY_TYPE)) {
              mapRoots++;
            } else {
              if (lastAct != null && signed.entry().at().isBefore(lastAct.entry().at())) {
                throw new AuditException("entry " + index + " (" + signed.entry().type() + ") is at " + signed.entry().at()
                    + ", before an earlier act at " + lastAct.entry().at()
                    + ": acts must be logged in time order (receipts about past instants rely on it)");
              }
              lastAct = signed;
            }
            if ((index + 1) % PROGRESS_EVERY == 0) {
              progress.accept("checked " + (index + 1) + " of " + size + " entries");
            }
          }
        } else {
          for (int i = 0; i < hashes.size(); i++) {
            long child = t.index() * TilePaths.TILE_WIDTH + i;
            if (child >= below.size() || !below.get((int) child).equals(hashes.get(i))) {
              String childPath = new Tile(level - 1, child, TilePaths.TILE_WIDTH).path();
              throw new AuditException(
                  t.path() + " holds " + hashes.get(i) + " at position " + i + ", but the root of " + childPath + " is "
                      + (child < below.size() ? below.get((int) child) : "missing") + " (a tampered tile)");
            }
          }
        }
        if (!t.isPartial()) {
          roots.add(MerkleTree.over(HashSource.ofLeafHashes(hashes)).root());
        }
      }
      below = roots;
    }
    Hash root;
    try {
      root = MerkleTree.over(TileHashSource.of(tiles, size)).root();
    } catch (TileException | MerkleException e) {
      throw new AuditException("cannot compute the root of size " + size + " from the tiles: " + e.getMessage(), e);
    }
    if (!root.equals(checkpoint.root())) {
      throw new AuditException(
          "the tiles give root " + root + " for size " + size + ", but the checkpoint says " + checkpoint.root());
    }
    if (previous.isPresent()) {
      consistent(tiles, previous.get(), checkpoint);
    }
    progress.accept("checked " + size + " of " + size + " entries");
    return new Result(size, tileCount, bundles, mapRoots);
  }

  private static SignedEntry entry(
      long index, byte[] bytes, EntryVerifier verifier, Map<String, VerifierKey> authorKeys, GrantSets map) {
    SignedEntry signed;
    try {
      signed = EntryParser.parse(bytes);
      verifier.verify(signed);
    } catch (EntryException e) {
      throw new AuditException("entry " + index + " is not a verified Kyodaku entry: " + e.getMessage(), e);
    }
    if (signed.entry().type().equals("party") && signed.entry().body().get("key") instanceof String key) {
      try {
        authorKeys.putIfAbsent((String) signed.entry().body().get("id"), VerifierKey.parse(key));
      } catch (NoteException e) {
        throw new AuditException("entry " + index + " publishes an unreadable party key: " + e.getMessage(), e);
      }
    }
    try {
      map.replay(index, signed);
      return signed;
    } catch (SequencerException e) {
      throw new AuditException(e.getMessage() + " (the map roots do not replay)", e);
    }
  }

  private static void consistent(TileReader tiles, Checkpoint before, Checkpoint now) {
    if (before.size() > now.size()) {
      throw new AuditException("the log shrank: the previous checkpoint has size " + before.size() + ", now " + now.size());
    }
    try {
      if (before.size() == now.size()) {
        if (!before.root().equals(now.root())) {
          throw new AuditException("same size " + now.size() + " but different roots: the log was rewritten");
        }
      } else if (before.size() > 0) {
        MerkleVerifier.verifyConsistency(
            MerkleTree.over(TileHashSource.of(tiles, now.size())).consistencyProof(before.size(), now.size()),
            before.root(),
            now.root());
      }
    } catch (MerkleException | TileException e) {
      throw new AuditException(
          "the tree of size " + now.size() + " is not consistent with the previous checkpoint of size " + before.size()
              + ": " + e.getMessage(), e);
    }
  }

  private static byte[] read(TileReader tiles, String path) {
    try {
      return tiles.read(path);
    } catch (IOException e) {
      throw new AuditException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
