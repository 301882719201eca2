package org.kyodaku.log.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs. Fail-closed: every
 * method returns normally only for a proof that verifies, and otherwise raises {@link
 * MerkleException} naming the leaf or sizes and quoting the expected and the computed value.
 *
 * <p><b>Proof length first.</b> Before hashing, the number of hashes is checked against the only
 * length a valid proof can have (as transparency-dev/merkle does), which gives a precise message
 * for truncated or padded proofs. With {@code inner = bitlen(index XOR (size - 1))} (levels where
 * the path runs inside the tree) and {@code border = popcount(index >> inner)} (levels on the right
 * border, where a subtree has no right sibling):
 *
 * <ul>
 *   <li>inclusion of leaf {@code i} in size {@code n}: {@code inner + border} with {@code index =
 *       i};
 *   <li>consistency {@code m -> n}, {@code 0 < m < n}: {@code index = m - 1}, {@code shift =
 *       ctz(m)}; {@code (inner - shift) + border}, plus one if {@code m} is not a power of two
 *       (then the proof carries the old root's largest complete subtree; otherwise the verifier
 *       supplies the old root itself).
 * </ul>
 *
 * <p><b>Then the RFC's iterative walk</b> (§2.1.3.2 / §2.1.4.2): {@code fn} and {@code sn} are the
 * node positions of the leaf (or old tree's last leaf) and of the last leaf, shifted right one
 * level per proof hash; a hash goes on the left when {@code fn} is a right child or is on the right
 * edge ({@code fn == sn}), where the levels with no sibling are skipped. Success needs {@code sn ==
 * 0} at the end and the computed roots equal to the given ones.
 *
 * <p><b>Refusals beyond the arithmetic</b>, matching transparency-dev/merkle's probes: leaf index
 * not below tree size; consistency from size 0 (it would prove nothing, RFC 9162 §2.1.4); equal
 * sizes with a non-empty proof or different roots. (The C2SP witness protocol accepts {@code old
 * 0}; a witness handles that before calling here.)
 */
public final class MerkleVerifier {
  private MerkleVerifier() {}

  /**
   * Returns normally iff {@code proof} proves {@code leafHash} is in the tree with {@code root}.
   */
  public static void verifyInclusion(Hash leafHash, InclusionProof proof, Hash root) {
    Hash computed = rootFromInclusionProof(leafHash, proof);
    if (!computed.equals(root)) {
      throw new MerkleException(
          "root mismatch for leaf "
              + proof.leafIndex()
              + " of "
              + proof.treeSize()
              + ": expected "
              + root
              + ", computed "
              + computed);
    }
  }

  /**
   * The root that {@code proof} implies for {@code leafHash}; raises {@link MerkleException} if the
   * proof has the wrong number of hashes for its leaf index and tree size.
   */
  public static Hash rootFromInclusionProof(Hash leafHash, InclusionProof proof) {
    long index = proof.leafIndex();
    long size = proof.treeSize();
    int expected = inclusionProofLength(index, size);
    List<Hash> path = proof.hashes();
    if (path.size() != expected) {
      throw new MerkleException(
          "proof has "
              + path.size()
              + " hashes, expected "
              + expected
              + " for leaf "
              + index
              + " of "
              + size);
    }
    long fn = index;
    long sn = size - 1;
    Hash r = leafHash;
    for (Hash p : path) {
      if (sn == 0) {
        throw tooLong("leaf " + index + " of " + size);
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHasher.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = MerkleHasher.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new MerkleException(
          "proof for leaf " + index + " of " + size + " does not reach the root");
    }
    return r;
  }

  /**
   * Returns normally iff {@code proof} proves the tree with {@code root1} ({@code size1} leaves) is
   * a prefix of the tree with {@code root2} ({@code size2} leaves).
   */
  public static void verifyConsistency(ConsistencyProof proof, Hash root1, Hash root2) {
    long size1 = proof.size1();
    long size2 = proof.size2();
    List<Hash> given = proof.hashes();
    if (size1 == 0) {
      throw new MerkleException(
          "consistency from the empty tree (size 0) to size " + size2 + " proves nothing");
    }
    if (size1 == size2) {
      if (!given.isEmpty()) {
        throw new MerkleException(
            "proof has " + given.size() + " hashes, expected 0 for equal sizes " + size1);
      }
      if (!root1.equals(root2)) {
        throw new MerkleException(
            "root mismatch for equal sizes " + size1 + ": expected " + root1 + ", got " + root2);
      }
      return;
    }
    int expected = consistencyProofLength(size1, size2);
    if (given.size() != expected) {
      throw new MerkleException(
          "proof has "
              + given.size()
              + " hashes, expected "
              + expected
              + " for sizes "
              + size1
              + " -> "
              + size2);
    }
    List<Hash> path = new ArrayList<>(given.size() + 1);
    if (Long.bitCount(size1) == 1) {
      path.add(root1);
    }
    path.addAll(given);
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    Hash fr = path.get(0);
    Hash sr = path.get(0);
    for (Hash c : path.subList(1, path.size())) {
      if (sn == 0) {
        throw tooLong("sizes " + size1 + " -> " + size2);
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHasher.nodeHash(c, fr);
        sr = MerkleHasher.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = MerkleHasher.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new MerkleException(
          "proof for sizes " + size1 + " -> " + size2 + " does not reach the root");
    }
    if (!fr.equals(root1)) {
      throw new MerkleException(
          "first root mismatch for size " + size1 + ": expected " + root1 + ", computed " + fr);
    }
    if (!sr.equals(root2)) {
      throw new MerkleException(
          "second root mismatch for size " + size2 + ": expected " + root2 + ", computed " + sr);
    }
  }

  /** The only valid inclusion proof length for leaf {@code index} of {@code size}. */
  static int inclusionProofLength(long index, long size) {
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    int border = Long.bitCount(index >>> inner);
    return inner + border;
  }

  /** The only valid consistency proof length for {@code 0 < size1 < size2}. */
  static int consistencyProofLength(long size1, long size2) {
    long index = size1 - 1;
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (size2 - 1));
    int border = Long.bitCount(index >>> inner);
    int shift = Long.numberOfTrailingZeros(size1);
    int seed = Long.bitCount(size1) == 1 ? 0 : 1;
    return seed + (inner - shift) + border;
  }

  private static MerkleException tooLong(String what) {
    return new MerkleException("proof for " + what + " reaches the root before its last hash");
  }
}
