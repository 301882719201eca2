package org.kyodaku.log.tiles;

import java.util.Optional;

/**
 * A hash tile's coordinates (c2sp.org/tlog-tiles): tile {@code index} at tile {@code level} holds,
 * for {@code i < width}, the root of the {@code 256^level} leaves starting at {@code (index * 256 +
 * i) * 256^level}: leaf hashes at level 0, roots of full level-{@code (level-1)} tiles above. Level
 * {@code L} hashes are tree nodes at Merkle level {@code 8L}.
 *
 * <p>For a tree of {@code size} leaves, level {@code L} has {@code n = floor(size / 256^L)} nodes:
 * {@code floor(n / 256)} full tiles and, if {@code n mod 256 > 0}, one partial tile of that width.
 * Partial tiles are never hashed into the level above; empty tiles do not exist.
 */
public record Tile(int level, long index, int width) {
  /** The highest tile level, as the spec bounds {@code <L>}. */
  public static final int MAX_LEVEL = 63;

  public Tile {
    if (level < 0 || level > MAX_LEVEL) {
      throw new TileException("tile level " + level + " is not in 0.." + MAX_LEVEL);
    }
    if (index < 0) {
      throw new TileException("tile index " + index + " is negative");
    }
    TilePaths.checkWidth(width);
  }

  /** {@code tile/<level>/<index>[.p/<width>]}. */
  public String path() {
    return "tile/" + level + "/" + TilePaths.encodeIndex(index) + TilePaths.suffix(width);
  }

  /** Whether the tile holds fewer than 256 hashes. */
  public boolean isPartial() {
    return width < TilePaths.TILE_WIDTH;
  }

  /** Tree nodes at tile level {@code level} for a tree of {@code size} leaves. */
  public static long nodesAtLevel(int level, long size) {
    int bits = TilePaths.TILE_HEIGHT * level;
    return bits >= Long.SIZE ? 0 : size >>> bits;
  }

  /** The number of full tiles at {@code level} for a tree of {@code size} leaves. */
  public static long fullTiles(int level, long size) {
    return nodesAtLevel(level, size) / TilePaths.TILE_WIDTH;
  }

  /** The partial tile at {@code level} for a tree of {@code size} leaves, if there is one. */
  public static Optional<Tile> partialTile(int level, long size) {
    long nodes = nodesAtLevel(level, size);
    int width = (int) (nodes % TilePaths.TILE_WIDTH);
    return width == 0
        ? Optional.empty()
        : Optional.of(new Tile(level, nodes / TilePaths.TILE_WIDTH, width));
  }

  /** The tile, full or partial, at {@code level} and {@code index} for a tree of {@code size}. */
  public static Tile forTree(int level, long index, long size) {
    long nodes = nodesAtLevel(level, size);
    if (index < 0 || nodes == 0 || index > (nodes - 1) / TilePaths.TILE_WIDTH) {
      throw new TileException(
          "tile " + level + "/" + index + " does not exist in a tree of size " + size);
    }
    long first = index * TilePaths.TILE_WIDTH;
    return new Tile(level, index, (int) Math.min(TilePaths.TILE_WIDTH, nodes - first));
  }
}
