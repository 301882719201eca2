package org.kyodaku.log.tiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kyodaku.log.merkle.Hash;

/**
 * A hash tile's content: {@code width} consecutive 32-byte hashes, nothing else
 * (c2sp.org/tlog-tiles).
 */
public record HashTile(Tile tile, List<Hash> hashes) {
  public HashTile {
    hashes = List.copyOf(hashes);
    if (hashes.size() != tile.width()) {
      throw new TileException(
          tile.path() + " has " + hashes.size() + " hashes, expected " + tile.width());
    }
  }

  /** Parses tile bytes, which must be exactly {@code 32 * width} long. */
  public static HashTile parse(Tile tile, byte[] data) {
    int expected = tile.width() * Hash.LENGTH;
    if (data.length != expected) {
      throw new TileException(
          tile.path()
              + " has "
              + data.length
              + " bytes, expected "
              + expected
              + " ("
              + tile.width()
              + " hashes)");
    }
    List<Hash> hashes = new ArrayList<>(tile.width());
    for (int at = 0; at < data.length; at += Hash.LENGTH) {
      hashes.add(new Hash(Arrays.copyOfRange(data, at, at + Hash.LENGTH)));
    }
    return new HashTile(tile, hashes);
  }

  /** The tile's bytes. */
  public byte[] toBytes() {
    byte[] out = new byte[hashes.size() * Hash.LENGTH];
    for (int i = 0; i < hashes.size(); i++) {
      System.arraycopy(hashes.get(i).bytes(), 0, out, i * Hash.LENGTH, Hash.LENGTH);
    }
    return out;
  }
}
