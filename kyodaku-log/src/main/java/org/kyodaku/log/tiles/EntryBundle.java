package org.kyodaku.log.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.MerkleHasher;

/**
 * An entry bundle (c2sp.org/tlog-tiles): up to 256 consecutive log entries, each written as {@code
 * uint16_be(length) || entry}, so an entry holds at most {@value #MAX_ENTRY} bytes. Entry {@code i}
 * of bundle {@code N} is log entry {@code N * 256 + i}; its leaf hash is hash {@code i} of level-0
 * tile {@code N}.
 *
 * <p>An immutable value; a class rather than a record only because it holds byte arrays, which go
 * in and out as copies.
 */
public final class EntryBundle {
  /** The largest entry a bundle can carry: {@code 2^16 - 1} bytes. */
  public static final int MAX_ENTRY = 0xffff;

  private final List<byte[]> entries;

  private EntryBundle(List<byte[]> entries) {
    this.entries = entries;
  }

  /** A bundle of {@code entries} (1 to 256, each at most {@value #MAX_ENTRY} bytes), copied. */
  public static EntryBundle of(List<byte[]> entries) {
    if (entries.isEmpty() || entries.size() > TilePaths.TILE_WIDTH) {
      throw new TileException(
          "entry bundle has " + entries.size() + " entries, expected 1.." + TilePaths.TILE_WIDTH);
    }
    List<byte[]> copy = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      byte[] e = entries.get(i);
      if (e.length > MAX_ENTRY) {
        throw new TileException(
            "entry " + i + " has " + e.length + " bytes, at most " + MAX_ENTRY + " fit a bundle");
      }
      copy.add(e.clone());
    }
    return new EntryBundle(List.copyOf(copy));
  }

  /** Parses bundle bytes; every byte must belong to an entry. */
  public static EntryBundle parse(byte[] data) {
    List<byte[]> entries = new ArrayList<>();
    int at = 0;
    while (at < data.length) {
      if (data.length - at < 2) {
        throw new TileException(
            "entry bundle truncated: 1 byte left at offset " + at + ", expected a 2-byte length");
      }
      int length = ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
      at += 2;
      if (data.length - at < length) {
        throw new TileException(
            "entry bundle truncated: entry "
                + entries.size()
                + " declares "
                + length
                + " bytes, "
                + (data.length - at)
                + " remain");
      }
      byte[] entry = new byte[length];
      System.arraycopy(data, at, entry, 0, length);
      entries.add(entry);
      at += length;
    }
    return of(entries);
  }

  /** Parses bundle bytes that must hold exactly {@code width} entries. */
  public static EntryBundle parse(byte[] data, int width) {
    EntryBundle bundle = parse(data);
    if (bundle.size() != width) {
      throw new TileException("entry bundle has " + bundle.size() + " entries, expected " + width);
    }
    return bundle;
  }

  /** The number of entries. */
  public int size() {
    return entries.size();
  }

  /** Entry {@code i} (a copy). */
  public byte[] entry(int i) {
    return entries.get(i).clone();
  }

  /** All entries (copies). */
  public List<byte[]> entries() {
    List<byte[]> out = new ArrayList<>(entries.size());
    for (byte[] e : entries) {
      out.add(e.clone());
    }
    return out;
  }

  /** The RFC 9162 leaf hash of every entry, in order: the matching level-0 tile's content. */
  public List<Hash> leafHashes() {
    List<Hash> out = new ArrayList<>(entries.size());
    for (byte[] e : entries) {
      out.add(MerkleHasher.leafHash(e));
    }
    return List.copyOf(out);
  }

  /** The bundle's bytes. */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] e : entries) {
      out.write(e.length >>> 8);
      out.write(e.length & 0xff);
      out.writeBytes(e);
    }
    return out.toByteArray();
  }
}
