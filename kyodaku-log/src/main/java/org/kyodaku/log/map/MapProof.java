package org.kyodaku.log.map;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.kyodaku.log.merkle.Hash;

/**
 * A compact proof of what the map holds for one key: the value digest (or absence), a 256-bit
 * bitmap whose bit {@code h} says whether the sibling at height {@code h} is non-empty, and the
 * non-empty siblings, lowest (the leaf's sibling) first.
 *
 * <p>Bitmap bit {@code h} is bit {@code 7 - (h mod 8)} of byte {@code ⌊h / 8⌋} (most significant
 * first, like the key). Binary form ({@link #toBytes}, {@link #parse}):
 *
 * <pre>
 *   key (32) || 0x00 absent | 0x01 present || [value (32)] || bitmap (32) || siblings (32 each)
 * </pre>
 *
 * Only the shape is checked here; whether the bitmap and the siblings agree, and what root they
 * imply, is {@link MapVerifier}'s job, so a proof read off the wire can be refused precisely.
 */
public final class MapProof {
  /** Bytes in the bitmap: one bit per level. */
  public static final int BITMAP_LENGTH = MapHasher.DEPTH / 8;

  private final Hash key;
  private final Optional<Hash> value;
  private final byte[] bitmap;
  private final List<Hash> siblings;

  private MapProof(Hash key, Optional<Hash> value, byte[] bitmap, List<Hash> siblings) {
    this.key = key;
    this.value = value;
    this.bitmap = bitmap;
    this.siblings = siblings;
  }

  /** A proof from its parts (copied); at most 256 siblings and a 32-byte bitmap. */
  public static MapProof of(Hash key, Optional<Hash> value, byte[] bitmap, List<Hash> siblings) {
    if (bitmap.length != BITMAP_LENGTH) {
      throw new MapException(
          "map proof bitmap has " + bitmap.length + " bytes, expected " + BITMAP_LENGTH);
    }
    if (siblings.size() > MapHasher.DEPTH) {
      throw new MapException(
          "map proof has " + siblings.size() + " siblings, at most " + MapHasher.DEPTH);
    }
    return new MapProof(key, value, bitmap.clone(), List.copyOf(siblings));
  }

  /** Parses the binary form (see the class comment). */
  public static MapProof parse(byte[] data) {
    int min = Hash.LENGTH + 1 + BITMAP_LENGTH;
    if (data.length < min) {
      throw new MapException("map proof has " + data.length + " bytes, expected at least " + min);
    }
    Hash key = new Hash(Arrays.copyOfRange(data, 0, 32));
    int at = 32;
    Optional<Hash> value;
    switch (data[at++]) {
      case 0 -> value = Optional.empty();
      case 1 -> {
        if (data.length < min + Hash.LENGTH) {
          throw new MapException(
              "map proof of a present key has "
                  + data.length
                  + " bytes, expected at least "
                  + (min + Hash.LENGTH));
        }
        value = Optional.of(new Hash(Arrays.copyOfRange(data, at, at + 32)));
        at += 32;
      }
      default ->
          throw new MapException(
              "map proof presence byte is 0x"
                  + String.format("%02x", data[32])
                  + ", expected 0x00 (absent) or 0x01 (present)");
    }
    byte[] bitmap = Arrays.copyOfRange(data, at, at + BITMAP_LENGTH);
    at += BITMAP_LENGTH;
    int rest = data.length - at;
    if (rest % Hash.LENGTH != 0) {
      throw new MapException(
          "map proof ends with " + rest + " bytes of siblings, not a whole number of 32-byte hashes");
    }
    List<Hash> siblings = new ArrayList<>();
    for (; at < data.length; at += Hash.LENGTH) {
      siblings.add(new Hash(Arrays.copyOfRange(data, at, at + Hash.LENGTH)));
    }
    return of(key, value, bitmap, siblings);
  }

  /** The key this proof is about. */
  public Hash key() {
    return key;
  }

  /** The value digest the map holds for the key, or empty if the key is absent. */
  public Optional<Hash> value() {
    return value;
  }

  /** A copy of the 32-byte bitmap. */
  public byte[] bitmap() {
    return bitmap.clone();
  }

  /** Whether the sibling at {@code height} is non-empty, per the bitmap. */
  public boolean hasSibling(int height) {
    return MapHasher.bit(bitmap, height) == 1;
  }

  /** The non-empty siblings, lowest first. */
  public List<Hash> siblings() {
    return siblings;
  }

  /** The binary form (see the class comment). */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(key.bytes());
    out.write(value.isPresent() ? 1 : 0);
    value.ifPresent(v -> out.writeBytes(v.bytes()));
    out.writeBytes(bitmap);
    for (Hash s : siblings) {
      out.writeBytes(s.bytes());
    }
    return out.toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapProof p
        && key.equals(p.key)
        && value.equals(p.value)
        && Arrays.equals(bitmap, p.bitmap)
        && siblings.equals(p.siblings);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + siblings.hashCode();
  }

  @Override
  public String toString() {
    return "MapProof[key " + key + ", " + value.map(v -> "value " + v).orElse("absent") + ", "
        + siblings.size() + " siblings]";
  }
}
