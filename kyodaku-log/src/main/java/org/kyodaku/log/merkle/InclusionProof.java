package org.kyodaku.log.merkle;

import java.util.List;

/**
 * An RFC 9162 §2.1.3 inclusion proof (audit path): the sibling hashes that lead from leaf {@code
 * leafIndex} to the root of the first {@code treeSize} leaves, ordered bottom-up (the leaf's
 * sibling first, a child of the root last).
 *
 * <p>Only the shape is checked here ({@code 0 <= leafIndex < treeSize}); whether the number of
 * hashes and their values are right is {@link MerkleVerifier}'s job, so a proof read off the wire
 * can be held and then rejected with a precise message.
 */
public record InclusionProof(long leafIndex, long treeSize, List<Hash> hashes) {
  public InclusionProof {
    if (leafIndex < 0 || treeSize < 0) {
      throw new MerkleException(
          "leaf index " + leafIndex + " and tree size " + treeSize + " must not be negative");
    }
    if (leafIndex >= treeSize) {
      throw new MerkleException("leaf index " + leafIndex + " is not below tree size " + treeSize);
    }
    hashes = List.copyOf(hashes);
  }
}
