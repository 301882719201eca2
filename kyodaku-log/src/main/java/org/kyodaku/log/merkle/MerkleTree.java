package org.kyodaku.log.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Roots and proofs of an RFC 9162 Merkle tree over a {@link HashSource}.
 *
 * <p>Definitions (RFC 9162 §2.1.1, §2.1.3.1, §2.1.4.1), for {@code n > 1} leaves and {@code k} the
 * largest power of two strictly below {@code n}:
 *
 * <pre>
 *   MTH(D[0:n])          = H(0x01 || MTH(D[0:k]) || MTH(D[k:n]))
 *   PATH(m, D[0:n])      = m &lt; k ? PATH(m, D[0:k]) ++ [MTH(D[k:n])]
 *                                 : PATH(m - k, D[k:n]) ++ [MTH(D[0:k])]
 *   SUBPROOF(m, D[0:n], b), m &lt; n:
 *                        = m &lt;= k ? SUBPROOF(m, D[0:k], b) ++ [MTH(D[k:n])]
 *                                  : SUBPROOF(m - k, D[k:n], false) ++ [MTH(D[0:k])]
 *   SUBPROOF(m, D[0:m], true) = []     SUBPROOF(m, D[0:m], false) = [MTH(D[0:m])]
 * </pre>
 *
 * Every range {@code D[a:b]} these recursions visit has {@code a} aligned to the next power of two
 * at or above {@code b - a}, so its root is a fold of perfect subtrees, each one {@link
 * HashSource#node} call; nothing is hashed twice per call. Sizes are {@code long}; recursion depth
 * is at most 64.
 */
public final class MerkleTree {
  private final HashSource source;

  private MerkleTree(HashSource source) {
    this.source = source;
  }

  /** A tree reading its hashes from {@code source}. */
  public static MerkleTree over(HashSource source) {
    return new MerkleTree(source);
  }

  /** A tree over raw entries held in memory. */
  public static MerkleTree ofEntries(List<byte[]> entries) {
    return new MerkleTree(HashSource.ofEntries(entries));
  }

  /** The number of leaves in the source. */
  public long size() {
    return source.size();
  }

  /** The root of all leaves in the source. */
  public Hash root() {
    return root(source.size());
  }

  /** The root of the first {@code size} leaves ({@link MerkleHasher#EMPTY_ROOT} for 0). */
  public Hash root(long size) {
    checkSize("tree size", size);
    return size == 0 ? MerkleHasher.EMPTY_ROOT : rangeRoot(0, size);
  }

  /** The inclusion proof of leaf {@code index} in the tree of the first {@code size} leaves. */
  public InclusionProof inclusionProof(long index, long size) {
    checkSize("tree size", size);
    if (index < 0 || index >= size) {
      throw new MerkleException("leaf index " + index + " is not below tree size " + size);
    }
    List<Hash> path = new ArrayList<>(64);
    long start = 0;
    long end = size;
    // Walk down from the root, recording the sibling at each split; reverse for bottom-up order.
    while (end - start > 1) {
      long k = Long.highestOneBit(end - start - 1);
      if (index - start < k) {
        path.add(rangeRoot(start + k, end));
        end = start + k;
      } else {
        path.add(rangeRoot(start, start + k));
        start += k;
      }
    }
    Collections.reverse(path);
    return new InclusionProof(index, size, path);
  }

  /**
   * The consistency proof from the first {@code size1} leaves to the first {@code size2}. {@code
   * size1} must be positive: consistency with the empty tree proves nothing (RFC 9162 §2.1.4).
   */
  public ConsistencyProof consistencyProof(long size1, long size2) {
    checkSize("second tree size", size2);
    if (size1 <= 0 || size1 > size2) {
      throw new MerkleException(
          "first tree size " + size1 + " must be in [1, " + size2 + "] for a consistency proof");
    }
    List<Hash> path = new ArrayList<>(64);
    long start = 0;
    long end = size2;
    boolean complete = true;
    // Walk down while the old tree is not exactly the current range; its root is then either
    // implied (complete: the verifier holds it) or recorded.
    while (end != size1) {
      long k = Long.highestOneBit(end - start - 1);
      if (size1 - start <= k) {
        path.add(rangeRoot(start + k, end));
        end = start + k;
      } else {
        path.add(rangeRoot(start, start + k));
        start += k;
        complete = false;
      }
    }
    if (!complete) {
      path.add(rangeRoot(start, end));
    }
    Collections.reverse(path);
    return new ConsistencyProof(size1, size2, path);
  }

  /** MTH(D[start:end]) for a range aligned as described in the class comment. */
  private Hash rangeRoot(long start, long end) {
    long n = end - start;
    if (Long.bitCount(n) == 1) {
      int level = Long.numberOfTrailingZeros(n);
      return source.node(level, start >>> level);
    }
    long k = Long.highestOneBit(n - 1);
    return MerkleHasher.nodeHash(rangeRoot(start, start + k), rangeRoot(start + k, end));
  }

  private void checkSize(String what, long size) {
    if (size < 0 || size > source.size()) {
      throw new MerkleException(
          what + " " + size + " is outside the " + source.size() + " leaves available");
    }
  }
}
