package org.kyodaku.log.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.log.TestData;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.note.Note;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.note.VerifierKey;

/**
 * The 16 checkpoints Tessera signed for its test log ({@code tessera-log/checkpoint.N}, sizes
 * 0..15, and {@code checkpoint}), and the self-generated cosignature/v1 vector on the last one.
 */
class TesseraCheckpointsTest {
  static final String LOG_VKEY =
      "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";
  static final String LOG_SKEY =
      "PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg";
  private static final JsonNode DERIVED = TestData.json("vectors/tessera-log-derived.json");
  private static final JsonNode COSIG = DERIVED.get("cosignatureV1");

  private static MerkleTree tree() {
    List<byte[]> entries = new ArrayList<>();
    DERIVED
        .get("entries")
        .forEach(e -> entries.add(e.asText().getBytes(StandardCharsets.US_ASCII)));
    return MerkleTree.ofEntries(entries);
  }

  static IntStream sizes() {
    return IntStream.rangeClosed(0, 15);
  }

  @ParameterizedTest(name = "checkpoint.{0}")
  @MethodSource("sizes")
  void verify_tesseraCheckpoint_logSignatureAndRootOfFirstNEntries(int size) {
    VerifiedCheckpoint v =
        CheckpointVerifier.forLog(VerifierKey.parse(LOG_VKEY))
            .verify(TestData.text("tessera-log/checkpoint." + size));
    assertThat(v.checkpoint().origin()).isEqualTo("example.com/log/testdata");
    assertThat(v.checkpoint().size()).isEqualTo(size);
    assertThat(v.checkpoint().root()).isEqualTo(tree().root(size));
    assertThat(v.cosignatures()).isEmpty();
  }

  @Test
  void verify_latestCheckpoint_equalsCheckpoint15() {
    String latest = TestData.text("tessera-log/checkpoint");
    assertThat(latest).isEqualTo(TestData.text("tessera-log/checkpoint.15"));
    assertThat(
            CheckpointVerifier.forLog(VerifierKey.parse(LOG_VKEY))
                .verify(latest)
                .checkpoint()
                .size())
        .isEqualTo(15);
  }

  @Test
  void sign_tesseraKey_reproducesTesseraSignature() {
    String cp = TestData.text("tessera-log/checkpoint.15");
    SignerKey log = SignerKey.parse(LOG_SKEY);
    Note note = Note.sign(SignedCheckpoint.parse(cp).checkpoint().text(), List.of(log));
    assertThat(note.format()).isEqualTo(cp);
  }

  @Test
  void cosign_vectorSeedAndTime_reproducesCosignatureLine() {
    SignerKey witness =
        SignerKey.cosigner(
            COSIG.get("witnessName").asText(),
            HexFormat.of().parseHex(COSIG.get("witnessSeedHex").asText()),
            Clock.fixed(Instant.ofEpochSecond(COSIG.get("timestamp").asLong()), ZoneOffset.UTC));
    assertThat(witness.verifierKey().vkey()).isEqualTo(COSIG.get("witnessVkey").asText());
    Note cosigned =
        SignedCheckpoint.parse(TestData.text("tessera-log/checkpoint"))
            .note()
            .withSignatures(List.of(witness));
    assertThat(cosigned.signatures().get(1).line()).isEqualTo(COSIG.get("signatureLine").asText());
    assertThat(cosigned.format()).isEqualTo(COSIG.get("cosignedCheckpoint").asText());
  }

  @Test
  void verify_cosignedVector_quorumMetWithTimestamp() {
    VerifierKey witness = VerifierKey.parse(COSIG.get("witnessVkey").asText());
    VerifiedCheckpoint v =
        CheckpointVerifier.forLog(VerifierKey.parse(LOG_VKEY))
            .withWitnesses(List.of(witness), 1)
            .verify(COSIG.get("cosignedCheckpoint").asText());
    assertThat(v.cosignatures()).hasSize(1);
    assertThat(v.cosignatures().get(0).signature().keyIdHex())
        .isEqualTo(COSIG.get("keyIdHex").asText());
    assertThat(v.cosignatures().get(0).timestamp()).hasValue(COSIG.get("timestamp").asLong());
    assertThat(v.checkpoint().text()).isEqualTo(COSIG.get("checkpointBody").asText());
  }

  @Test
  void verify_quorumNotMet_refusedWithCounts() {
    VerifierKey witness = VerifierKey.parse(COSIG.get("witnessVkey").asText());
    assertThatThrownBy(
            () ->
                CheckpointVerifier.forLog(VerifierKey.parse(LOG_VKEY))
                    .withWitnesses(List.of(witness), 1)
                    .verify(TestData.text("tessera-log/checkpoint")))
        .isInstanceOf(CheckpointException.class)
        .hasMessage(
            "checkpoint of example.com/log/testdata has 0 valid witness cosignature(s), quorum is"
                + " 1 of 1");
  }

  @Test
  void verify_tamperedCosignatureTime_rejectsNote() {
    String cosigned = COSIG.get("cosignedCheckpoint").asText();
    // 'lMdu2gAAAABlU/EA' encodes key ID 94c76eda and time 1700000000; 'lMdu2gAAAABlU/EB' is +1s
    String tampered = cosigned.replace("lMdu2gAAAABlU/EA", "lMdu2gAAAABlU/EB");
    VerifierKey witness = VerifierKey.parse(COSIG.get("witnessVkey").asText());
    assertThatThrownBy(
            () ->
                CheckpointVerifier.forLog(VerifierKey.parse(LOG_VKEY))
                    .withWitnesses(List.of(witness), 1)
                    .verify(tampered))
        .isInstanceOf(CheckpointException.class)
        .hasMessage(
            "checkpoint of example.com/log/testdata: invalid signature by known key"
                + " witness.example/test+94c76eda");
  }

  @Test
  void verify_signedOnlyByWitness_refused() {
    VerifierKey witness = VerifierKey.parse(COSIG.get("witnessVkey").asText());
    String onlyWitness =
        COSIG.get("checkpointBody").asText() + "\n" + COSIG.get("signatureLine").asText() + "\n";
    assertThatThrownBy(
            () ->
                CheckpointVerifier.forLog(VerifierKey.parse(LOG_VKEY))
                    .withWitnesses(List.of(witness), 0)
                    .verify(onlyWitness))
        .isInstanceOf(CheckpointException.class)
        .hasMessage(
            "checkpoint of example.com/log/testdata has no signature by the log key " + LOG_VKEY);
  }

  @Test
  void verify_unexpectedOrigin_refused() {
    assertThatThrownBy(
            () ->
                CheckpointVerifier.forLog("example.com/other", VerifierKey.parse(LOG_VKEY))
                    .verify(TestData.text("tessera-log/checkpoint")))
        .isInstanceOf(CheckpointException.class)
        .hasMessage(
            "checkpoint origin \"example.com/log/testdata\", expected \"example.com/other\"");
  }

  @Test
  void verify_unknownLogKey_noVerifiableSignatures() {
    VerifierKey other =
        VerifierKey.parse("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
    assertThatThrownBy(
            () ->
                CheckpointVerifier.forLog("example.com/log/testdata", other)
                    .verify(TestData.text("tessera-log/checkpoint")))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("note has no verifiable signatures");
  }
}
