package org.kyodaku.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Named fixtures for each refusal and its message, over a 12-leaf in-memory tree. */
class MerkleVerifierTest {
  private static final MerkleTree TREE = MerkleTree.ofEntries(entries(12));

  private static List<byte[]> entries(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(("entry " + i).getBytes(StandardCharsets.US_ASCII));
    }
    return out;
  }

  private static Hash leaf(int i) {
    return MerkleHasher.leafHash(("entry " + i).getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void verifyInclusion_truncatedProof_quotesCountsAndLeaf() {
    InclusionProof full = TREE.inclusionProof(5, 12);
    InclusionProof truncated = new InclusionProof(5, 12, full.hashes().subList(0, 3));
    assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(leaf(5), truncated, TREE.root()))
        .isInstanceOf(MerkleException.class)
        .hasMessage("proof has 3 hashes, expected 4 for leaf 5 of 12");
  }

  @Test
  void verifyInclusion_wrongLeaf_quotesExpectedAndComputedRoot() {
    InclusionProof proof = TREE.inclusionProof(5, 12);
    Hash computed = MerkleVerifier.rootFromInclusionProof(leaf(6), proof);
    assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(leaf(6), proof, TREE.root()))
        .isInstanceOf(MerkleException.class)
        .hasMessage(
            "root mismatch for leaf 5 of 12: expected " + TREE.root() + ", computed " + computed);
  }

  @Test
  void inclusionProof_indexNotBelowSize_refused() {
    assertThatThrownBy(() -> new InclusionProof(12, 12, List.of()))
        .isInstanceOf(MerkleException.class)
        .hasMessage("leaf index 12 is not below tree size 12");
    assertThatThrownBy(() -> TREE.inclusionProof(3, 3 + 10))
        .isInstanceOf(MerkleException.class)
        .hasMessage("tree size 13 is outside the 12 leaves available");
  }

  @Test
  void verifyInclusion_singleLeafTree_rootIsLeafHash() {
    MerkleTree one = MerkleTree.ofEntries(entries(1));
    InclusionProof proof = one.inclusionProof(0, 1);
    assertThat(proof.hashes()).isEmpty();
    MerkleVerifier.verifyInclusion(leaf(0), proof, leaf(0));
  }

  @Test
  void verifyConsistency_fromEmptyTree_refused() {
    assertThatThrownBy(
            () ->
                MerkleVerifier.verifyConsistency(
                    new ConsistencyProof(0, 12, List.of()), MerkleHasher.EMPTY_ROOT, TREE.root()))
        .isInstanceOf(MerkleException.class)
        .hasMessage("consistency from the empty tree (size 0) to size 12 proves nothing");
  }

  @Test
  void verifyConsistency_sizesDecrease_refused() {
    assertThatThrownBy(() -> new ConsistencyProof(5, 4, List.of()))
        .isInstanceOf(MerkleException.class)
        .hasMessage("second tree size 4 is smaller than first tree size 5");
  }

  @Test
  void verifyConsistency_equalSizesWithProof_refused() {
    assertThatThrownBy(
            () ->
                MerkleVerifier.verifyConsistency(
                    new ConsistencyProof(12, 12, List.of(TREE.root())), TREE.root(), TREE.root()))
        .isInstanceOf(MerkleException.class)
        .hasMessage("proof has 1 hashes, expected 0 for equal sizes 12");
  }

  @Test
  void verifyConsistency_equalSizesDifferentRoots_quotesBoth() {
    Hash other = TREE.root(11);
    assertThatThrownBy(
            () ->
                MerkleVerifier.verifyConsistency(
                    new ConsistencyProof(12, 12, List.of()), TREE.root(), other))
        .isInstanceOf(MerkleException.class)
        .hasMessage("root mismatch for equal sizes 12: expected " + TREE.root() + ", got " + other);
  }

  @Test
  void verifyConsistency_emptyProofForGrowth_quotesExpectedCount() {
    assertThatThrownBy(
            () ->
                MerkleVerifier.verifyConsistency(
                    new ConsistencyProof(6, 12, List.of()), TREE.root(6), TREE.root()))
        .isInstanceOf(MerkleException.class)
        .hasMessage("proof has 0 hashes, expected 4 for sizes 6 -> 12");
  }

  @Test
  void verifyConsistency_wrongOldRoot_quotesExpectedAndComputed() {
    ConsistencyProof proof = TREE.consistencyProof(6, 12);
    assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(proof, TREE.root(5), TREE.root()))
        .isInstanceOf(MerkleException.class)
        .hasMessage(
            "first root mismatch for size 6: expected "
                + TREE.root(5)
                + ", computed "
                + TREE.root(6));
  }

  @Test
  void verifyConsistency_wrongNewRoot_quotesExpectedAndComputed() {
    ConsistencyProof proof = TREE.consistencyProof(6, 12);
    assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(proof, TREE.root(6), TREE.root(11)))
        .isInstanceOf(MerkleException.class)
        .hasMessage(
            "second root mismatch for size 12: expected "
                + TREE.root(11)
                + ", computed "
                + TREE.root());
  }

  @Test
  void consistencyProof_fromSizeZero_refused() {
    assertThatThrownBy(() -> TREE.consistencyProof(0, 12))
        .isInstanceOf(MerkleException.class)
        .hasMessage("first tree size 0 must be in [1, 12] for a consistency proof");
  }

  @Test
  void hash_wrongLengthOrEncoding_refused() {
    assertThatThrownBy(() -> new Hash(new byte[31]))
        .isInstanceOf(MerkleException.class)
        .hasMessage("hash has 31 bytes, expected 32");
    assertThatThrownBy(() -> Hash.fromBase64("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU="))
        .isInstanceOf(MerkleException.class)
        .hasMessageContaining("is not base64");
    assertThatThrownBy(() -> Hash.fromBase64("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"))
        .isInstanceOf(MerkleException.class)
        .hasMessageContaining("is not padded base64 (43 chars)");
  }

  @Test
  void hash_bytes_areCopiedInAndOut() {
    byte[] raw = new byte[32];
    Hash h = new Hash(raw);
    raw[0] = 1;
    h.bytes()[1] = 1;
    assertThat(h).isEqualTo(new Hash(new byte[32]));
  }
}
