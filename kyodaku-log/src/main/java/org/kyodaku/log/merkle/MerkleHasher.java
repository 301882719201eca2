package org.kyodaku.log.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 9162 §2.1.1 hashing with SHA-256 (FIPS 180-4), domain-separated so a leaf can never be passed
 * off as an interior node (second-preimage defence):
 *
 * <pre>
 *   MTH({})        = SHA-256()                          the empty tree
 *   leaf hash of d = SHA-256(0x00 || d)
 *   node hash      = SHA-256(0x01 || left || right)
 * </pre>
 *
 * The root of a list of leaves is computed by {@link MerkleTree}; this class only hashes.
 */
public final class MerkleHasher {
  /** Prefix byte of a leaf hash input (RFC 9162 §2.1.1). */
  public static final byte LEAF_PREFIX = 0x00;

  /** Prefix byte of an interior-node hash input (RFC 9162 §2.1.1). */
  public static final byte NODE_PREFIX = 0x01;

  /** The root of the empty tree, SHA-256 of no bytes ({@code e3b0c442...b855}). */
  public static final Hash EMPTY_ROOT = new Hash(newDigest().digest());

  private MerkleHasher() {}

  /** {@code SHA-256(0x00 || entry)}: the leaf hash of one log entry. */
  public static Hash leafHash(byte[] entry) {
    MessageDigest sha = newDigest();
    sha.update(LEAF_PREFIX);
    sha.update(entry);
    return new Hash(sha.digest());
  }

  /** {@code SHA-256(0x01 || left || right)}: the hash of an interior node. */
  public static Hash nodeHash(Hash left, Hash right) {
    MessageDigest sha = newDigest();
    sha.update(NODE_PREFIX);
    left.updateDigest(sha);
    right.updateDigest(sha);
    return new Hash(sha.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
