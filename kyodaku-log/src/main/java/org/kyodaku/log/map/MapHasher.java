package org.kyodaku.log.map;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.kyodaku.log.entry.EntryWriter;
import org.kyodaku.log.merkle.Hash;

/**
 * The hashes of the verifiable map (SHA-256, FIPS 180-4), with one prefix byte per kind of node so
 * that a leaf, an interior node and an empty subtree can never be taken for one another, and none
 * for an RFC 9162 log hash (which uses prefixes {@code 0x00} and {@code 0x01}):
 *
 * <pre>
 *   key             = SHA-256(UTF-8 work id)                         32 bytes, 256 bits
 *   leaf(k, v)      = SHA-256(0x4c 'L' || k || v)                     v: 32-byte value digest
 *   node(l, r)      = SHA-256(0x4e 'N' || l || r)                     at least one child non-empty
 *   empty(h)        = SHA-256(0x45 'E' || uint16_be(h))               empty subtree of height h, 0..256
 *   grant-set value = SHA-256(JCS(["g_…", …]))                        sorted, distinct grant ids
 * </pre>
 *
 * A node whose two children are both empty is not hashed with {@code node}: it <em>is</em> the
 * empty subtree one level up, {@code empty(h + 1)}. The 257 empty hashes are computed once.
 */
public final class MapHasher {
  /** Prefix of a leaf hash input. */
  public static final byte LEAF_PREFIX = 0x4c;

  /** Prefix of an interior-node hash input. */
  public static final byte NODE_PREFIX = 0x4e;

  /** Prefix of an empty-subtree hash input. */
  public static final byte EMPTY_PREFIX = 0x45;

  /** Levels of the tree: keys have 256 bits. */
  public static final int DEPTH = 256;

  private static final Hash[] EMPTY = new Hash[DEPTH + 1];

  static {
    for (int h = 0; h <= DEPTH; h++) {
      MessageDigest sha = sha256();
      sha.update(EMPTY_PREFIX);
      sha.update((byte) (h >>> 8));
      sha.update((byte) h);
      EMPTY[h] = new Hash(sha.digest());
    }
  }

  private MapHasher() {}

  /** The key of a work: SHA-256 of its id's UTF-8 bytes. */
  public static Hash keyOf(String workId) {
    return new Hash(sha256().digest(workId.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The value digest of a grant set: SHA-256 of the canonical JSON (RFC 8785) array of the grant
   * ids, sorted and without repeats. An empty set is not a value: remove the key instead.
   */
  public static Hash grantSetDigest(Collection<String> grantIds) {
    if (grantIds.isEmpty()) {
      throw new MapException("an empty grant set has no digest; remove the work's key instead");
    }
    List<String> sorted = List.copyOf(new TreeSet<>(grantIds));
    return new Hash(sha256().digest(EntryWriter.canonical(sorted)));
  }

  /** {@code SHA-256(0x4c || key || value)}. */
  public static Hash leaf(Hash key, Hash value) {
    MessageDigest sha = sha256();
    sha.update(LEAF_PREFIX);
    sha.update(key.bytes());
    sha.update(value.bytes());
    return new Hash(sha.digest());
  }

  /** {@code SHA-256(0x4e || left || right)}. */
  public static Hash node(Hash left, Hash right) {
    MessageDigest sha = sha256();
    sha.update(NODE_PREFIX);
    sha.update(left.bytes());
    sha.update(right.bytes());
    return new Hash(sha.digest());
  }

  /** The root of an empty subtree of {@code height} levels (0 = an empty leaf, 256 = empty map). */
  public static Hash empty(int height) {
    if (height < 0 || height > DEPTH) {
      throw new MapException("height " + height + " is not in 0.." + DEPTH);
    }
    return EMPTY[height];
  }

  /** Bit {@code i} of a key, most significant bit of byte 0 first: 0 goes left, 1 right. */
  static int bit(byte[] key, int i) {
    return (key[i >>> 3] >>> (7 - (i & 7))) & 1;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
