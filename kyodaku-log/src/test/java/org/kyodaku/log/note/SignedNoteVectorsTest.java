package org.kyodaku.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.log.TestData;

/**
 * {@code vectors/signed-note.json}: Go's sumdb/note test keys and notes, the C2SP example and
 * Tessera's test key; bad verifier keys and malformed notes must be refused as Go refuses them.
 */
class SignedNoteVectorsTest {
  private static final JsonNode V = TestData.json("vectors/signed-note.json");

  private static final Map<String, String> MALFORMED_MESSAGES =
      Map.of(
          "text only, no separator",
          "malformed note: no blank line before the signatures",
          "separator but no signatures",
          "malformed note: no signature lines after the blank line",
          "signature line without final newline",
          "malformed note: last signature line does not end in a newline",
          "control character in text",
          "malformed note: control character U+0001 at offset 0",
          "key name with space",
          "malformed note: last signature line does not end in a newline",
          "non-signature line after signatures",
          "malformed note: signature line 2 does not start with \"\u2014 \": \"Unexpected line.\"",
          "invalid signature from known key (4 chars 'ABCD' inserted at offset 60 of the"
              + " signature line): must reject",
          "invalid signature by known key PeterNeumann+c74f20a3");

  static List<JsonNode> keys() {
    return list(V.get("keys"));
  }

  static List<JsonNode> keysWithPrivateKey() {
    return keys().stream().filter(k -> k.has("skey")).toList();
  }

  static List<JsonNode> badVkeys() {
    return list(V.get("badVkeys"));
  }

  static List<JsonNode> malformedNotes() {
    return list(V.get("malformedNotes"));
  }

  static List<JsonNode> signedNotes() {
    return list(V.get("signedNotes"));
  }

  private static VerifierKey key(String name) {
    for (JsonNode k : V.get("keys")) {
      if (k.get("name").asText().equals(name)) {
        return VerifierKey.parse(k.get("vkey").asText());
      }
    }
    throw new AssertionError("no key " + name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void parseVerifierKey_vectorKey_nameIdAndTextRoundTrip(JsonNode k) {
    VerifierKey key = VerifierKey.parse(k.get("vkey").asText());
    assertThat(key.name()).isEqualTo(k.get("name").asText());
    assertThat(KeyText.keyIdHex(key.keyId())).isEqualTo(k.get("keyIdHex").asText());
    assertThat(key.type()).isEqualTo(KeyType.ED25519);
    assertThat(key.vkey()).isEqualTo(k.get("vkey").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keysWithPrivateKey")
  void parseSignerKey_vectorKey_derivesMatchingVerifierKey(JsonNode k) {
    SignerKey signer = SignerKey.parse(k.get("skey").asText());
    assertThat(signer.verifierKey().vkey()).isEqualTo(k.get("vkey").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badVkeys")
  void parseVerifierKey_badVectorKey_refused(JsonNode k) {
    String why = k.get("why").asText();
    assertThatThrownBy(() -> VerifierKey.parse(k.get("vkey").asText()))
        .isInstanceOf(NoteException.class)
        .hasMessage(
            why.startsWith("wrong key length")
                ? "verifier key PeterNeumann has a 36-byte public key, expected 32"
                : "verifier key PeterNeumann has unknown signature type 0x65, expected 0x01 or"
                      + " 0x04");
  }

  @Test
  void sign_peterNeumannSeed_reproducesGoSignatureByteForByte() {
    JsonNode v = signedNotes().get(0);
    SignerKey signer = SignerKey.parse(V.get("keys").get(0).get("skey").asText());
    Note note = Note.sign(v.get("text").asText(), List.of(signer));
    assertThat(note.format()).isEqualTo(v.get("note").asText());
    assertThat(note.signatures().get(0).line()).isEqualTo(v.get("signatureLines").get(0).asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signedNotes")
  void verify_vectorNoteWithAllKeysKnown_everySignatureVerifies(JsonNode v) {
    List<VerifierKey> all = new ArrayList<>();
    keys().forEach(k -> all.add(VerifierKey.parse(k.get("vkey").asText())));
    VerifiedNote verified = new NoteVerifier(all).verify(v.get("note").asText());
    assertThat(verified.note().text()).isEqualTo(v.get("text").asText());
    assertThat(verified.verified()).hasSize(verified.note().signatures().size());
    assertThat(verified.unverified()).isEmpty();
    assertThat(verified.note().format()).isEqualTo(v.get("note").asText());
  }

  @Test
  void verify_goOpenNoteWithOnlyPeterNeumannKnown_enochRootUnverified() {
    String note = signedNotes().get(1).get("note").asText();
    VerifiedNote verified = new NoteVerifier(List.of(key("PeterNeumann"))).verify(note);
    assertThat(verified.verified())
        .extracting(s -> s.signature().name())
        .containsExactly("PeterNeumann");
    assertThat(verified.unverified()).extracting(NoteSignature::name).containsExactly("EnochRoot");
    assertThat(verified.unverified().get(0).keyIdHex()).isEqualTo("af0cfe78");
  }

  @Test
  void verify_goOpenNoteWithNoKeyKnown_noVerifiableSignatures() {
    String note = signedNotes().get(1).get("note").asText();
    assertThatThrownBy(() -> new NoteVerifier(List.of(key("example.com/foo"))).verify(note))
        .isInstanceOf(NoteException.class)
        .hasMessage(
            "note has no verifiable signatures: 2 signature line(s), none by the 1 known key(s)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedNotes")
  void verify_malformedVectorNote_refused(JsonNode v) {
    NoteVerifier verifier = new NoteVerifier(List.of(key("PeterNeumann")));
    assertThatThrownBy(() -> verifier.verify(v.get("note").asText()))
        .isInstanceOf(NoteException.class)
        .hasMessage(MALFORMED_MESSAGES.get(v.get("why").asText()));
  }

  @Test
  void verify_utf8Bytes_sameAsString() {
    String note = signedNotes().get(2).get("note").asText();
    VerifiedNote verified =
        new NoteVerifier(List.of(key("example.com/foo")))
            .verify(note.getBytes(StandardCharsets.UTF_8));
    assertThat(verified.note().text()).isEqualTo("This is an example message.\n");
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
