package org.kyodaku.log.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.log.TestData;
import org.kyodaku.log.merkle.MerkleHasher;

/**
 * {@code vectors/checkpoint.json} (C2SP examples, Go sumdb tree note, transparency-dev/formats
 * parse cases) and the sigstore-java Rekor checkpoints (ECDSA-signed: parsed, not verified).
 */
class CheckpointVectorsTest {
  private static final JsonNode V = TestData.json("vectors/checkpoint.json");

  /** Why each bad body is refused, by the vector's {@code why} (or note for the strict case). */
  private static final Map<String, String> BAD_BODY_MESSAGES =
      Map.of(
          "fewer than 3 lines", "checkpoint has 2 lines, expected at least 3 (origin, size, root)",
          "empty origin", "checkpoint origin (line 1) is empty",
          "missing final newline", "checkpoint does not end in a newline",
          "size not a number",
              "checkpoint tree size (line 2) \"bananas\" is not a decimal without leading zeros",
          "negative size",
              "checkpoint tree size (line 2) \"-34\" is not a decimal without leading zeros",
          "size overflows uint64",
              "checkpoint tree size (line 2) 3438945738945739845734895735 exceeds "
                  + Long.MAX_VALUE,
          "root not base64",
              "checkpoint root (line 3): hash \"ThisIsn'tBase64\" is not padded base64 (15 chars)");

  /** The sigstore-java fixtures, by file name: null if it must parse, else the message. */
  private static final Map<String, String> SIGSTORE =
      Map.of(
          "valid.txt", "",
          "valid_multi_sig.txt", "",
          "error_header_body_separator.txt",
              "signed checkpoint: malformed note: no blank line before the signatures",
          "error_header_count.txt",
              "checkpoint has 2 lines, expected at least 3 (origin, size, root)",
          "error_no_newline_after_signature.txt",
              "signed checkpoint: malformed note: last signature line does not end in a newline",
          "error_no_signatures.txt",
              "signed checkpoint: malformed note: no signature lines after the blank line",
          "error_not_a_number.txt",
              "checkpoint tree size (line 2) \"abcdefg\" is not a decimal without leading zeros",
          "error_signature_format_invalid.txt",
              "signed checkpoint: malformed note: signature line 1 does not start with",
          "error_signature_length_insufficient.txt",
              "signed checkpoint: malformed note: signature by rekor.sigstore.dev is not padded"
                  + " base64");

  static List<JsonNode> bodyParse() {
    List<JsonNode> out = new ArrayList<>();
    V.get("bodyParse").forEach(out::add);
    return out;
  }

  static List<String> sigstoreFiles() {
    return TestData.files("sigstore-java-checkpoints", ".txt");
  }

  @Test
  void parseSigned_c2spExample_fieldsAndRoundTrip() {
    JsonNode e = V.get("examples").get(0);
    SignedCheckpoint signed = SignedCheckpoint.parse(e.get("note").asText());
    assertThat(signed.checkpoint().origin()).isEqualTo(e.get("origin").asText());
    assertThat(signed.checkpoint().size()).isEqualTo(e.get("size").asLong());
    assertThat(signed.checkpoint().root().base64()).isEqualTo(e.get("rootB64").asText());
    assertThat(signed.checkpoint().extensions()).isEmpty();
    assertThat(signed.format()).isEqualTo(e.get("note").asText());
  }

  @Test
  void parseSigned_c2spCosignatureExample_twoSignaturesAndWitnessKeyId() {
    JsonNode e = V.get("examples").get(1);
    SignedCheckpoint signed = SignedCheckpoint.parse(e.get("note").asText());
    assertThat(signed.note().signatures()).hasSize(2);
    var witness = signed.note().signatures().get(1);
    assertThat(witness.name()).isEqualTo("witness.example.com/w1");
    assertThat(witness.keyIdHex()).isEqualTo("8d66cf3f");
    byte[] sig = witness.signature();
    long time = ByteBuffer.wrap(sig, 0, 8).getLong();
    assertThat(time).isEqualTo(1679315147L);
    assertThat(e.get("cosignedMessageForWitness").asText())
        .isEqualTo("cosignature/v1\ntime " + time + "\n" + signed.checkpoint().text());
  }

  @Test
  void parse_goSumdbTreeBody_sizeAndRoot() {
    JsonNode e = V.get("examples").get(2);
    Checkpoint cp = Checkpoint.parse(e.get("body").asText());
    assertThat(cp.origin()).isEqualTo("go.sum database tree");
    assertThat(cp.size()).isEqualTo(123456789012L);
    assertThat(cp.root())
        .isEqualTo(MerkleHasher.leafHash("hello world".getBytes(StandardCharsets.US_ASCII)));
    assertThat(cp.text()).isEqualTo(e.get("body").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodyParse")
  void parse_vectorBody_acceptedOrRefusedWithReason(JsonNode v) {
    String body = v.get("body").asText();
    if (v.get("ok").asBoolean()) {
      // transparency-dev/formats accepts any root length; a C2SP root is a 32-byte SHA-256 value,
      // so both "ok" bodies (7- and 37-byte roots) are refused here, on purpose. The extension
      // lines of the second are checked with a real root below.
      int rootBytes = TestData.base64(body.split("\n")[2]).length;
      assertThatThrownBy(() -> Checkpoint.parse(body))
          .isInstanceOf(CheckpointException.class)
          .hasMessage("checkpoint root (line 3): hash has " + rootBytes + " bytes, expected 32");
      if (v.has("extensionLines")) {
        String[] lines = body.split("\n", 4);
        String withRealRoot =
            lines[0] + "\n" + lines[1] + "\n" + MerkleHasher.EMPTY_ROOT.base64() + "\n" + lines[3];
        List<String> ext = new ArrayList<>();
        v.get("extensionLines").forEach(l -> ext.add(l.asText()));
        Checkpoint cp = Checkpoint.parse(withRealRoot);
        assertThat(cp.extensions()).isEqualTo(ext);
        assertThat(cp.text()).isEqualTo(withRealRoot);
      }
    } else {
      assertThatThrownBy(() -> Checkpoint.parse(body))
          .isInstanceOf(CheckpointException.class)
          .hasMessage(BAD_BODY_MESSAGES.get(v.get("why").asText()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sigstoreFiles")
  void parseSigned_sigstoreFixture_parsedOrRefused(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    String text = TestData.text(file);
    String expected = SIGSTORE.get(name);
    assertThat(expected).as("fixture %s has an expectation", name).isNotNull();
    if (expected.isEmpty()) {
      SignedCheckpoint signed = SignedCheckpoint.parse(text);
      assertThat(signed.checkpoint().origin())
          .isEqualTo("rekor.sigstore.dev - 2605736670972794746");
      assertThat(signed.checkpoint().size()).isEqualTo(37795272L);
      assertThat(signed.checkpoint().extensions())
          .containsExactly("Timestamp: 1697034484441201852");
      assertThat(signed.note().signatures().get(0).name()).isEqualTo("rekor.sigstore.dev");
      assertThat(signed.format()).isEqualTo(text);
    } else {
      assertThatThrownBy(() -> SignedCheckpoint.parse(text))
          .isInstanceOf(CheckpointException.class)
          .hasMessageStartingWith(expected);
    }
  }

  @Test
  void parse_leadingZeroSize_refused() {
    assertThatThrownBy(() -> Checkpoint.parse("o\n012\n" + "A".repeat(43) + "=\n"))
        .isInstanceOf(CheckpointException.class)
        .hasMessage("checkpoint tree size (line 2) \"012\" is not a decimal without leading zeros");
  }

  @Test
  void parse_emptyExtensionLine_refused() {
    assertThatThrownBy(() -> Checkpoint.parse("o\n12\n" + "A".repeat(43) + "=\n\n"))
        .isInstanceOf(CheckpointException.class)
        .hasMessage("extension line 4 must be non-empty and without newline");
  }
}
