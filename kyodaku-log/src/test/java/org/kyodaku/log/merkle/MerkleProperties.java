package org.kyodaku.log.merkle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * For random tree sizes: every generated proof verifies, and flipping any single bit of a proof
 * hash, a root or the leaf makes verification fail with {@link MerkleException}.
 */
class MerkleProperties {
  private static List<byte[]> entries(int n) {
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new byte[] {(byte) i, (byte) (i >>> 8), 42});
    }
    return out;
  }

  private static Hash flip(Hash h, int bit) {
    byte[] b = h.bytes();
    b[(bit / 8) % Hash.LENGTH] ^= (byte) (1 << (bit % 8));
    return new Hash(b);
  }

  @Property(tries = 200)
  void inclusionProof_anySize_verifies(
      @ForAll @IntRange(min = 1, max = 600) int size, @ForAll @IntRange(min = 0, max = 599) int i) {
    Assume.that(i < size);
    MerkleTree tree = MerkleTree.ofEntries(entries(size));
    InclusionProof proof = tree.inclusionProof(i, size);
    Hash leaf = MerkleHasher.leafHash(entries(size).get(i));
    assertThatCode(() -> MerkleVerifier.verifyInclusion(leaf, proof, tree.root()))
        .doesNotThrowAnyException();
  }

  @Property(tries = 200)
  void inclusionProof_singleBitFlip_fails(
      @ForAll @IntRange(min = 1, max = 600) int size,
      @ForAll @IntRange(min = 0, max = 599) int i,
      @ForAll @IntRange(min = 0, max = 255) int bit,
      @ForAll @IntRange(min = 0, max = 70) int target) {
    Assume.that(i < size);
    MerkleTree tree = MerkleTree.ofEntries(entries(size));
    InclusionProof proof = tree.inclusionProof(i, size);
    Hash leaf = MerkleHasher.leafHash(entries(size).get(i));
    Hash root = tree.root();
    int n = proof.hashes().size();
    int which = target % (n + 2);
    if (which == n) {
      leaf = flip(leaf, bit);
    } else if (which == n + 1) {
      root = flip(root, bit);
    } else {
      List<Hash> hashes = new ArrayList<>(proof.hashes());
      hashes.set(which, flip(hashes.get(which), bit));
      proof = new InclusionProof(i, size, hashes);
    }
    Hash finalLeaf = leaf;
    Hash finalRoot = root;
    InclusionProof finalProof = proof;
    assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(finalLeaf, finalProof, finalRoot))
        .isInstanceOf(MerkleException.class)
        .hasMessageStartingWith("root mismatch for leaf " + i + " of " + size);
  }

  @Property(tries = 200)
  void consistencyProof_anySizes_verifies(
      @ForAll @IntRange(min = 1, max = 600) int size1,
      @ForAll @IntRange(min = 1, max = 600) int size2) {
    Assume.that(size1 <= size2);
    MerkleTree tree = MerkleTree.ofEntries(entries(size2));
    ConsistencyProof proof = tree.consistencyProof(size1, size2);
    assertThatCode(
            () -> MerkleVerifier.verifyConsistency(proof, tree.root(size1), tree.root(size2)))
        .doesNotThrowAnyException();
  }

  @Property(tries = 200)
  void consistencyProof_singleBitFlip_fails(
      @ForAll @IntRange(min = 1, max = 600) int size1,
      @ForAll @IntRange(min = 1, max = 600) int size2,
      @ForAll @IntRange(min = 0, max = 255) int bit,
      @ForAll @IntRange(min = 0, max = 70) int target) {
    Assume.that(size1 <= size2);
    MerkleTree tree = MerkleTree.ofEntries(entries(size2));
    ConsistencyProof proof = tree.consistencyProof(size1, size2);
    Hash root1 = tree.root(size1);
    Hash root2 = tree.root(size2);
    int n = proof.hashes().size();
    int which = target % (n + 2);
    if (which == n) {
      root1 = flip(root1, bit);
    } else if (which == n + 1) {
      root2 = flip(root2, bit);
    } else {
      List<Hash> hashes = new ArrayList<>(proof.hashes());
      hashes.set(which, flip(hashes.get(which), bit));
      proof = new ConsistencyProof(size1, size2, hashes);
    }
    Hash r1 = root1;
    Hash r2 = root2;
    ConsistencyProof p = proof;
    assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(p, r1, r2))
        .isInstanceOf(MerkleException.class)
        .hasMessageContaining("root mismatch");
  }
}
