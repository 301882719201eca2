package org.kyodaku.log.tiles;

/**
 * Paths of c2sp.org/tlog-tiles resources, relative to the log's prefix:
 *
 * <pre>
 *   tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]      hash tile at level L (decimal 0..63)
 *   tile/entries/&lt;N&gt;[.p/&lt;W&gt;]  entry bundle
 * </pre>
 *
 * {@code <N>} is the tile index in decimal, split into groups of three digits from the right, each
 * zero-padded, every group but the last prefixed with {@code x}: 1234067 is {@code x001/x234/067},
 * 5 is {@code 005}. {@code .p/<W>} marks a partial tile of width {@code W} in 1..255 (decimal, no
 * leading zeros); a full tile has {@value #TILE_WIDTH} hashes or entries and no suffix. This is the
 * index encoding of Go's sumdb tiles, without sumdb's height component.
 */
public final class TilePaths {
  /** Hashes in a full tile, entries in a full bundle: {@code 2^8}, tile height 8. */
  public static final int TILE_WIDTH = 256;

  /** Tile height: levels of the tree covered by one tile level. */
  public static final int TILE_HEIGHT = 8;

  private TilePaths() {}

  /** The {@code x001/x234/067} form of a tile index. */
  public static String encodeIndex(long index) {
    if (index < 0) {
      throw new TileException("tile index " + index + " is negative");
    }
    StringBuilder out = new StringBuilder(String.format("%03d", index % 1000));
    for (long n = index / 1000; n > 0; n /= 1000) {
      out.insert(0, String.format("x%03d/", n % 1000));
    }
    return out.toString();
  }

  /** {@code tile/<level>/<index>[.p/<width>]}. */
  public static String tile(int level, long index, int width) {
    return new Tile(level, index, width).path();
  }

  /** {@code tile/entries/<index>[.p/<width>]}. */
  public static String entryBundle(long index, int width) {
    checkWidth(width);
    return "tile/entries/" + encodeIndex(index) + suffix(width);
  }

  /** The path of the entry bundle holding entry {@code entryIndex} in a tree of {@code size}. */
  public static String entryBundleFor(long entryIndex, long treeSize) {
    if (entryIndex < 0 || entryIndex >= treeSize) {
      throw new TileException("entry " + entryIndex + " is not in a tree of size " + treeSize);
    }
    long bundle = entryIndex / TILE_WIDTH;
    return entryBundle(bundle, (int) Math.min(TILE_WIDTH, treeSize - bundle * TILE_WIDTH));
  }

  /**
   * Parses the level and index parts of a hash tile path ({@code "0"}, {@code
   * "x001/x234/067.p/89"}); a full tile has width {@value #TILE_WIDTH}.
   */
  public static Tile parseTile(String level, String index) {
    if (!level.matches("0|[1-9][0-9]?") || Integer.parseInt(level) > Tile.MAX_LEVEL) {
      throw new TileException(
          "tile level \"" + level + "\" is not a decimal in 0.." + Tile.MAX_LEVEL);
    }
    int width = TILE_WIDTH;
    String digits = index;
    int p = index.indexOf(".p/");
    if (p >= 0) {
      String w = index.substring(p + 3);
      if (!w.matches("[1-9][0-9]{0,2}") || Integer.parseInt(w) >= TILE_WIDTH) {
        throw new TileException(
            "partial width \"" + w + "\" in \"" + index + "\" is not a decimal in 1..255");
      }
      width = Integer.parseInt(w);
      digits = index.substring(0, p);
    }
    return new Tile(Integer.parseInt(level), parseIndex(digits, index), width);
  }

  /** Parses a full path {@code tile/<L>/<N>[.p/<W>]} (entry bundles are not hash tiles). */
  public static Tile parseTilePath(String path) {
    if (!path.startsWith("tile/")) {
      throw new TileException("tile path \"" + path + "\" does not start with tile/");
    }
    String rest = path.substring("tile/".length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw new TileException("tile path \"" + path + "\" has no index");
    }
    return parseTile(rest.substring(0, slash), rest.substring(slash + 1));
  }

  static String suffix(int width) {
    return width == TILE_WIDTH ? "" : ".p/" + width;
  }

  static void checkWidth(int width) {
    if (width < 1 || width > TILE_WIDTH) {
      throw new TileException("tile width " + width + " is not in 1.." + TILE_WIDTH);
    }
  }

  private static long parseIndex(String digits, String whole) {
    String[] groups = digits.split("/", -1);
    long value = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      boolean last = i == groups.length - 1;
      if (!(last ? g.matches("[0-9]{3}") : g.matches("x[0-9]{3}"))) {
        throw new TileException(
            "tile index \""
                + whole
                + "\": group \""
                + g
                + "\" is not "
                + (last ? "three digits" : "x and three digits"));
      }
      try {
        value =
            Math.addExact(
                Math.multiplyExact(value, 1000), Integer.parseInt(g.substring(last ? 0 : 1)));
      } catch (ArithmeticException e) {
        throw new TileException("tile index \"" + whole + "\" exceeds " + Long.MAX_VALUE, e);
      }
    }
    return value;
  }
}
