package org.kyodaku.log.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kyodaku.log.TestData;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.checkpoint.VerifiedCheckpoint;
import org.kyodaku.log.merkle.InclusionProof;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.note.VerifierKey;

/**
 * The {@code c2sp.org/tlog-proof@v1} vector in {@code tessera-log-derived.json} (entry 7, "eit", of
 * the 15-entry Tessera log, with the log signature and one witness cosignature), written, parsed
 * and verified; then each part tampered with.
 */
class TlogProofTest {
  private static final JsonNode DERIVED = TestData.json("vectors/tessera-log-derived.json");
  private static final JsonNode VECTOR = DERIVED.get("tlogProof");
  private static final String PROOF = VECTOR.get("proof").asText();
  private static final VerifierKey LOG =
      VerifierKey.parse(
          "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx");
  private static final VerifierKey WITNESS =
      VerifierKey.parse(DERIVED.get("cosignatureV1").get("witnessVkey").asText());
  private static final TlogProofVerifier VERIFIER =
      new TlogProofVerifier(CheckpointVerifier.forLog(LOG).withWitnesses(List.of(WITNESS), 1));

  private static byte[] entry(String word) {
    return word.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void write_entry7FromTreeAndCheckpoint_equalsVectorDocument() {
    List<byte[]> entries = new ArrayList<>();
    DERIVED.get("entries").forEach(e -> entries.add(entry(e.asText())));
    InclusionProof inclusion = MerkleTree.ofEntries(entries).inclusionProof(7, 15);
    String checkpoint = DERIVED.get("cosignatureV1").get("cosignedCheckpoint").asText();
    TlogProof proof = TlogProof.of(7, inclusion.hashes(), checkpoint);
    assertThat(proof.format()).isEqualTo(PROOF);
  }

  @Test
  void parse_vector_fieldsAndRoundTrip() {
    TlogProof proof = TlogProof.parse(PROOF);
    assertThat(proof.index()).isEqualTo(VECTOR.get("leafIndex").asLong());
    assertThat(proof.extra()).isEmpty();
    assertThat(proof.inclusionPath()).hasSize(4);
    assertThat(proof.format()).isEqualTo(PROOF);
  }

  @Test
  void verify_vectorWithWitnessQuorum_returnsCheckpointAndCosignatureTime() {
    VerifiedCheckpoint v = VERIFIER.verify(PROOF, entry(VECTOR.get("entry").asText()));
    assertThat(v.checkpoint().size()).isEqualTo(15);
    assertThat(v.cosignatures())
        .singleElement()
        .satisfies(c -> assertThat(c.timestamp()).hasValue(1_700_000_000L));
  }

  @Test
  void verify_otherEntry_rootMismatchWithContext() {
    assertThatThrownBy(() -> VERIFIER.verify(PROOF, entry("eight")))
        .isInstanceOf(ProofException.class)
        .hasMessageStartingWith(
            "tlog-proof inclusion of entry 7 in example.com/log/testdata size 15: root mismatch"
                + " for leaf 7 of 15: expected ");
  }

  @Test
  void verify_indexBeyondCheckpoint_refused() {
    String moved = PROOF.replace("index 7\n", "index 15\n");
    assertThatThrownBy(() -> VERIFIER.verify(moved, entry("eit")))
        .isInstanceOf(ProofException.class)
        .hasMessage(
            "tlog-proof inclusion of entry 15 in example.com/log/testdata size 15: leaf index 15"
                + " is not below tree size 15");
  }

  @Test
  void verify_droppedProofLine_quotesCounts() {
    String shorter = PROOF.replace("zY1lN35vrXYAPixXSd59LsU29xUJtuW4o2dNNg5Y2Co=\n", "");
    assertThatThrownBy(() -> VERIFIER.verify(shorter, entry("eit")))
        .isInstanceOf(ProofException.class)
        .hasMessageEndingWith("proof has 3 hashes, expected 4 for leaf 7 of 15");
  }

  @Test
  void verify_missingWitness_quorumNotMet() {
    String logOnly = PROOF.substring(0, PROOF.lastIndexOf("\u2014 witness.example/test"));
    assertThatThrownBy(() -> VERIFIER.verify(logOnly, entry("eit")))
        .isInstanceOf(ProofException.class)
        .hasMessage(
            "tlog-proof checkpoint: checkpoint of example.com/log/testdata has 0 valid witness"
                + " cosignature(s), quorum is 1 of 1");
  }

  @Test
  void verify_tamperedCheckpointSize_logSignatureFails() {
    String tampered = PROOF.replace("\n15\n", "\n16\n");
    assertThatThrownBy(() -> VERIFIER.verify(tampered, entry("eit")))
        .isInstanceOf(ProofException.class)
        .hasMessage(
            "tlog-proof checkpoint: checkpoint of example.com/log/testdata: invalid signature by"
                + " known key example.com/log/testdata+33d7b496");
  }

  @Test
  void parse_extraLine_keptAndRoundTrips() {
    String withExtra = PROOF.replace("@v1\n", "@v1\nextra aGVsbG8=\n");
    TlogProof proof = TlogProof.parse(withExtra);
    assertThat(proof.extra()).contains("aGVsbG8=");
    assertThat(proof.extraBytes().map(String::new)).contains("hello");
    assertThat(proof.format()).isEqualTo(withExtra);
    VERIFIER.verify(proof, entry("eit"));
  }

  @Test
  void parse_badDocuments_refusedWithReason() {
    assertThatThrownBy(() -> TlogProof.parse(PROOF.replace("@v1", "@v2")))
        .isInstanceOf(ProofException.class)
        .hasMessage(
            "tlog-proof starts with \"c2sp.org/tlog-proof@v2\", expected"
                + " \"c2sp.org/tlog-proof@v1\"");
    assertThatThrownBy(() -> TlogProof.parse(PROOF.replace("index 7", "index 07")))
        .isInstanceOf(ProofException.class)
        .hasMessage("tlog-proof index \"07\" is not a decimal without leading zeros");
    assertThatThrownBy(() -> TlogProof.parse(PROOF.replace("index 7", "idx 7")))
        .isInstanceOf(ProofException.class)
        .hasMessage("tlog-proof line 2 is not \"index <n>\"");
    assertThatThrownBy(
            () ->
                TlogProof.parse(
                    PROOF.replace("2Q0P5jSR+TdkwdXWyx+GbBWX0KZbNZkWzCjyTPSozsw=", "AAAA")))
        .isInstanceOf(ProofException.class)
        .hasMessage("tlog-proof line 3, inclusion proof hash 0: hash has 3 bytes, expected 32");
    assertThatThrownBy(() -> TlogProof.parse(PROOF.substring(0, PROOF.indexOf("\n\n"))))
        .isInstanceOf(ProofException.class)
        .hasMessage("tlog-proof has no blank line before the checkpoint");
    assertThatThrownBy(() -> new TlogProof(Optional.of("abc"), 0, List.of(), PROOF))
        .isInstanceOf(ProofException.class)
        .hasMessage("extra data \"abc\" is not padded base64");
  }
}
