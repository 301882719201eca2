package org.kyodaku.log.merkle;

import java.util.List;

/**
 * An RFC 9162 §2.1.4 consistency proof: the hashes showing that the tree of {@code size1} leaves is
 * a prefix of the tree of {@code size2} leaves.
 *
 * <p>Only the shape is checked here ({@code 0 <= size1 <= size2}); {@link MerkleVerifier} decides
 * whether the hashes prove anything (it refuses {@code size1 == 0}, see there).
 */
public record ConsistencyProof(long size1, long size2, List<Hash> hashes) {
  public ConsistencyProof {
    if (size1 < 0 || size2 < 0) {
      throw new MerkleException("tree sizes " + size1 + " and " + size2 + " must not be negative");
    }
    if (size2 < size1) {
      throw new MerkleException(
          "second tree size " + size2 + " is smaller than first tree size " + size1);
    }
    hashes = List.copyOf(hashes);
  }
}
