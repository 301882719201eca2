package org.kyodaku.log.tiles;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.HashSource;
import org.kyodaku.log.merkle.MerkleHasher;

/**
 * A {@link HashSource} over the hash tiles of a tree of a given size, so that {@code MerkleTree}
 * roots and proofs come straight from a tile store.
 *
 * <p>Node {@code (level, index)}: with {@code T = level / 8} and {@code r = level mod 8}, it is the
 * root of the {@code 2^r} level-{@code 8T} nodes {@code [index * 2^r, (index + 1) * 2^r)}, which
 * lie in one tile of level {@code T} (tiles are 256 = 2^8 wide and the group is aligned); that tile
 * is read once (its width implied by the tree size), and the group is hashed pairwise {@code r}
 * times. Tiles are cached per instance; the content of a tile is <em>not</em> trusted here: compare
 * the derived root with a verified checkpoint.
 */
public final class TileHashSource implements HashSource {
  private final TileReader reader;
  private final long size;
  private final Map<String, HashTile> cache = new ConcurrentHashMap<>();

  private TileHashSource(TileReader reader, long size) {
    if (size < 0) {
      throw new TileException("tree size " + size + " is negative");
    }
    this.reader = reader;
    this.size = size;
  }

  /** The hashes of the tree of {@code treeSize} leaves whose tiles {@code reader} serves. */
  public static TileHashSource of(TileReader reader, long treeSize) {
    return new TileHashSource(reader, treeSize);
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Hash node(int level, long index) {
    if (level < 0 || level > 62 || index < 0 || index >= (size >>> level)) {
      throw new TileException(
          "node at level " + level + " index " + index + " is not in a tree of size " + size);
    }
    int tileLevel = level / TilePaths.TILE_HEIGHT;
    int r = level % TilePaths.TILE_HEIGHT;
    long first = index << r;
    Tile tile = Tile.forTree(tileLevel, first / TilePaths.TILE_WIDTH, size);
    List<Hash> hashes = load(tile).hashes();
    int offset = (int) (first % TilePaths.TILE_WIDTH);
    Hash[] group = hashes.subList(offset, offset + (1 << r)).toArray(new Hash[0]);
    for (int n = group.length; n > 1; n /= 2) {
      for (int i = 0; i < n / 2; i++) {
        group[i] = MerkleHasher.nodeHash(group[2 * i], group[2 * i + 1]);
      }
    }
    return group[0];
  }

  private HashTile load(Tile tile) {
    return cache.computeIfAbsent(
        tile.path(),
        path -> {
          try {
            return HashTile.parse(tile, reader.read(path));
          } catch (IOException e) {
            throw new TileException("cannot read " + path + ": " + e, e);
          }
        });
  }
}
