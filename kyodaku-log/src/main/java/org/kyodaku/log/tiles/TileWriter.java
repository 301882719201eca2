package org.kyodaku.log.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.HashSource;

/**
 * Computes the tile set of a tree: every hash tile and entry bundle a tlog-tiles log serves for one
 * tree size, full tiles plus the partial tile of each level (see {@link Tile}).
 *
 * <p>Level-{@code L} tile {@code N} holds {@code source.node(8L, N * 256 + i)}: the roots of the
 * full {@code 256^L}-leaf subtrees, so a level-{@code L+1} hash is the root of one full
 * level-{@code L} tile. A log keeps the full tiles and, for each checkpoint it signed, the partial
 * tiles of that size; writing the sets of several sizes into one store reproduces that.
 */
public final class TileWriter {
  private TileWriter() {}

  /** Hash tiles and entry bundles for all of {@code entries}, by path, sorted by path. */
  public static Map<String, byte[]> write(List<byte[]> entries) {
    Map<String, byte[]> out = new TreeMap<>(hashTiles(HashSource.ofEntries(entries)));
    for (int start = 0; start < entries.size(); start += TilePaths.TILE_WIDTH) {
      int end = Math.min(entries.size(), start + TilePaths.TILE_WIDTH);
      EntryBundle bundle = EntryBundle.of(entries.subList(start, end));
      out.put(TilePaths.entryBundle(start / TilePaths.TILE_WIDTH, end - start), bundle.toBytes());
    }
    return out;
  }

  /** The hash tiles for a tree of {@code source.size()} leaves, by path, sorted by path. */
  public static Map<String, byte[]> hashTiles(HashSource source) {
    long size = source.size();
    Map<String, byte[]> out = new TreeMap<>();
    for (int level = 0; level <= Tile.MAX_LEVEL && Tile.nodesAtLevel(level, size) > 0; level++) {
      long nodes = Tile.nodesAtLevel(level, size);
      for (long index = 0; index * TilePaths.TILE_WIDTH < nodes; index++) {
        Tile tile = Tile.forTree(level, index, size);
        List<Hash> hashes = new ArrayList<>(tile.width());
        for (int i = 0; i < tile.width(); i++) {
          hashes.add(source.node(TilePaths.TILE_HEIGHT * level, index * TilePaths.TILE_WIDTH + i));
        }
        out.put(tile.path(), new HashTile(tile, hashes).toBytes());
      }
    }
    return out;
  }
}
