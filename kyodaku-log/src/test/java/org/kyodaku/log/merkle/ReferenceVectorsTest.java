package org.kyodaku.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.log.TestData;

/**
 * {@code vectors/merkle-reference.json} (transparency-dev/merkle's 8-leaf reference tree) and the
 * self-generated {@code vectors/tessera-log-derived.json} (every proof over the 15-entry Tessera
 * log): roots, node hashes, and generated proofs equal to the published ones, which verify.
 */
class ReferenceVectorsTest {
  private static final JsonNode REFERENCE = TestData.json("vectors/merkle-reference.json");
  private static final JsonNode DERIVED = TestData.json("vectors/tessera-log-derived.json");

  private static MerkleTree referenceTree() {
    List<byte[]> leaves = new ArrayList<>();
    REFERENCE.get("leafInputsHex").forEach(h -> leaves.add(HexFormat.of().parseHex(h.asText())));
    return MerkleTree.ofEntries(leaves);
  }

  private static MerkleTree tesseraTree() {
    List<byte[]> entries = new ArrayList<>();
    DERIVED
        .get("entries")
        .forEach(e -> entries.add(e.asText().getBytes(StandardCharsets.US_ASCII)));
    return MerkleTree.ofEntries(entries);
  }

  static IntStream sizes() {
    return IntStream.rangeClosed(0, 8);
  }

  @ParameterizedTest(name = "size {0}")
  @MethodSource("sizes")
  void root_referenceTree_matchesPublishedRoot(int size) {
    assertThat(referenceTree().root(size).hex())
        .isEqualTo(REFERENCE.get("rootHashesHexBySize").get(size).asText());
  }

  @Test
  void emptyRootAndEmptyLeaf_match_knownConstants() {
    assertThat(MerkleHasher.EMPTY_ROOT.hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(MerkleHasher.leafHash(new byte[0]).hex())
        .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  }

  @Test
  void node_referenceTree_matchesEveryPublishedNodeHash() {
    HashSource source = HashSource.ofEntries(leafInputs());
    JsonNode levels = REFERENCE.get("nodeHashesHexByLevel");
    int checked = 0;
    for (int level = 0; level < levels.size(); level++) {
      for (int i = 0; i < levels.get(level).size(); i++) {
        assertThat(source.node(level, i).hex()).isEqualTo(levels.get(level).get(i).asText());
        checked++;
      }
    }
    assertThat(checked).isEqualTo(15);
  }

  static List<JsonNode> derivedInclusion() {
    List<JsonNode> out = new ArrayList<>();
    DERIVED.get("inclusion").forEach(out::add);
    return out;
  }

  static List<JsonNode> derivedConsistency() {
    List<JsonNode> out = new ArrayList<>();
    DERIVED.get("consistency").forEach(out::add);
    return out;
  }

  @Test
  void derivedVectors_count_120InclusionAnd105Consistency() {
    assertThat(derivedInclusion()).hasSize(120);
    assertThat(derivedConsistency()).hasSize(105);
  }

  @ParameterizedTest(name = "leaf {0}")
  @MethodSource("derivedInclusion")
  void inclusionProof_tesseraLog_equalsVectorAndVerifies(JsonNode v) {
    long index = v.get("leafIndex").asLong();
    long size = v.get("treeSize").asLong();
    MerkleTree tree = tesseraTree();
    InclusionProof proof = tree.inclusionProof(index, size);
    assertThat(proof.hashes()).containsExactlyElementsOf(b64(v.get("proofB64")));
    Hash root = Hash.fromBase64(v.get("rootB64").asText());
    assertThat(tree.root(size)).isEqualTo(root);
    MerkleVerifier.verifyInclusion(Hash.fromBase64(v.get("leafHashB64").asText()), proof, root);
  }

  @ParameterizedTest(name = "sizes {0}")
  @MethodSource("derivedConsistency")
  void consistencyProof_tesseraLog_equalsVectorAndVerifies(JsonNode v) {
    long size1 = v.get("size1").asLong();
    long size2 = v.get("size2").asLong();
    ConsistencyProof proof = tesseraTree().consistencyProof(size1, size2);
    assertThat(proof.hashes()).containsExactlyElementsOf(b64(v.get("proofB64")));
    MerkleVerifier.verifyConsistency(
        proof,
        Hash.fromBase64(v.get("root1B64").asText()),
        Hash.fromBase64(v.get("root2B64").asText()));
  }

  static List<String> inclusionHappyPaths() {
    return UpstreamProbesTest.inclusionProbes().stream()
        .filter(f -> f.endsWith("/happy-path.json"))
        .toList();
  }

  static List<String> consistencyHappyPaths() {
    return UpstreamProbesTest.consistencyProbes().stream()
        .filter(f -> f.endsWith("/happy-path.json"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inclusionHappyPaths")
  void inclusionProof_referenceTree_equalsUpstreamHappyPath(String file) {
    JsonNode p = TestData.json(file);
    InclusionProof proof =
        referenceTree().inclusionProof(p.get("leafIdx").asLong(), p.get("treeSize").asLong());
    List<Hash> expected = new ArrayList<>();
    if (!p.get("proof").isNull()) {
      p.get("proof").forEach(h -> expected.add(Hash.fromBase64(h.asText())));
    }
    assertThat(proof.hashes()).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("consistencyHappyPaths")
  void consistencyProof_referenceTree_equalsUpstreamHappyPath(String file) {
    JsonNode p = TestData.json(file);
    ConsistencyProof proof =
        referenceTree().consistencyProof(p.get("size1").asLong(), p.get("size2").asLong());
    assertThat(proof.hashes()).containsExactlyElementsOf(b64(p.get("proof")));
  }

  private static List<byte[]> leafInputs() {
    List<byte[]> leaves = new ArrayList<>();
    REFERENCE.get("leafInputsHex").forEach(h -> leaves.add(HexFormat.of().parseHex(h.asText())));
    return leaves;
  }

  private static List<Hash> b64(JsonNode array) {
    List<Hash> out = new ArrayList<>();
    if (array != null && !array.isNull()) {
      array.forEach(h -> out.add(Hash.fromBase64(h.asText())));
    }
    return out;
  }
}
