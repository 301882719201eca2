package org.kyodaku.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Named fixtures for note structure, Go's verification rules and cosignatures. */
class NoteTest {
  private static final byte[] SEED_A = HexFormat.of().parseHex("01".repeat(32));
  private static final byte[] SEED_B = HexFormat.of().parseHex("02".repeat(32));
  private static final SignerKey LOG = SignerKey.ed25519("example.com/log", SEED_A);
  private static final SignerKey OTHER = SignerKey.ed25519("example.com/other", SEED_B);
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

  @Test
  void parse_textWithBlankLines_splitsAtLastBlankLine() {
    Note signed = Note.sign("a\n\nb\n", List.of(LOG));
    Note parsed = Note.parse(signed.format());
    assertThat(parsed.text()).isEqualTo("a\n\nb\n");
    new NoteVerifier(List.of(LOG.verifierKey())).verify(parsed);
  }

  @Test
  void parse_moreThan100Signatures_refused() {
    Note one = Note.sign("t\n", List.of(LOG));
    String line = one.signatures().get(0).line() + "\n";
    String note = "t\n\n" + line.repeat(101);
    assertThatThrownBy(() -> Note.parse(note))
        .isInstanceOf(NoteException.class)
        .hasMessage("malformed note: more than 100 signature lines");
    assertThat(Note.parse("t\n\n" + line.repeat(100)).signatures()).hasSize(100);
  }

  @Test
  void parse_invalidUtf8_refused() {
    byte[] bad = {'t', (byte) 0xff, '\n', '\n'};
    assertThatThrownBy(() -> Note.parse(bad))
        .isInstanceOf(NoteException.class)
        .hasMessage("malformed note: not valid UTF-8");
  }

  @Test
  void parse_shortOrUnpaddedSignature_refused() {
    assertThatThrownBy(() -> Note.parse("t\n\n\u2014 name wNI9aj\n"))
        .isInstanceOf(NoteException.class)
        .hasMessage(
            "malformed note: signature by name is not padded base64 of a key ID and a signature:"
                + " \"wNI9aj\"");
    assertThatThrownBy(() -> Note.parse("t\n\n\u2014 name AAAAAA==\n"))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("not padded base64 of a key ID and a signature");
  }

  @Test
  void verify_repeatedSignatureByKnownKey_countedOnce() {
    Note signed = Note.sign("t\n", List.of(LOG));
    String line = signed.signatures().get(0).line() + "\n";
    VerifiedNote v = new NoteVerifier(List.of(LOG.verifierKey())).verify("t\n\n" + line + line);
    assertThat(v.verified()).hasSize(1);
  }

  @Test
  void verify_sameNameOtherKeyId_treatedAsUnknown() {
    SignerKey impostor = SignerKey.ed25519("example.com/log", SEED_B);
    Note signed = Note.sign("t\n", List.of(impostor, LOG));
    VerifiedNote v = new NoteVerifier(List.of(LOG.verifierKey())).verify(signed);
    assertThat(v.verified()).hasSize(1);
    assertThat(v.unverified()).extracting(NoteSignature::keyId).containsExactly(impostor.keyId());
  }

  @Test
  void verify_knownKeyBadSignature_rejectsWholeNote() {
    Note signed = Note.sign("t\n", List.of(OTHER, LOG));
    Note tampered = new Note("u\n", signed.signatures());
    assertThatThrownBy(
            () ->
                new NoteVerifier(List.of(LOG.verifierKey(), OTHER.verifierKey())).verify(tampered))
        .isInstanceOf(NoteException.class)
        .hasMessage(
            "invalid signature by known key example.com/other+" + KeyText.keyIdHex(OTHER.keyId()));
  }

  @Test
  void noteVerifier_duplicateKeys_refused() {
    assertThatThrownBy(() -> new NoteVerifier(List.of(LOG.verifierKey(), LOG.verifierKey())))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("two verifier keys share name example.com/log and key ID ");
  }

  @Test
  void cosigner_fixedClock_signsTimestampedMessageAndVerifies() {
    SignerKey witness = SignerKey.cosigner("witness.example/w", SEED_B, CLOCK);
    Note note = Note.sign("origin\n1\n" + "A".repeat(43) + "=\n", List.of(LOG));
    Note cosigned = note.withSignatures(List.of(witness));
    assertThat(cosigned.signatures()).hasSize(2);
    VerifiedNote v =
        new NoteVerifier(List.of(LOG.verifierKey(), witness.verifierKey()))
            .verify(cosigned.format());
    VerifiedSignature cosignature = v.verified().get(1);
    assertThat(cosignature.key().type()).isEqualTo(KeyType.COSIGNATURE_V1);
    assertThat(cosignature.time()).contains(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(cosignature.signature().signature()).hasSize(72);
    assertThat(v.verified().get(0).timestamp()).isEmpty();
  }

  @Test
  void withSignatures_sameKeyAgain_replacesOldSignature() {
    SignerKey witness = SignerKey.cosigner("witness.example/w", SEED_B, CLOCK);
    Note once = Note.sign("t\n", List.of(LOG)).withSignatures(List.of(witness));
    Note twice = once.withSignatures(List.of(witness));
    assertThat(twice.signatures()).hasSize(2);
  }

  @Test
  void sign_textWithoutFinalNewline_refused() {
    assertThatThrownBy(() -> Note.sign("t", List.of(LOG)))
        .isInstanceOf(NoteException.class)
        .hasMessage("malformed note: text does not end in a newline");
  }

  @Test
  void signerKey_invalidName_refused() {
    assertThatThrownBy(() -> SignerKey.ed25519("a+b", SEED_A))
        .isInstanceOf(NoteException.class)
        .hasMessage("invalid key name \"a+b\": empty, a space or a '+'");
    assertThatThrownBy(() -> SignerKey.ed25519("a\u00a0b", SEED_A))
        .isInstanceOf(NoteException.class);
  }

  @Test
  void parseSignerKey_tamperedKeyId_refused() {
    String skey = "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    assertThatThrownBy(() -> SignerKey.parse(skey))
        .isInstanceOf(NoteException.class)
        .hasMessage(
            "signer key PeterNeumann says key ID c74f20a4, its public key hashes to c74f20a3");
  }

  @Test
  void parseVerifierKey_tamperedKeyId_quotesBothIds() {
    assertThatThrownBy(
            () ->
                VerifierKey.parse(
                    "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .isInstanceOf(NoteException.class)
        .hasMessage("verifier key PeterNeumann says key ID c74f20a4, its key hashes to c74f20a3");
  }

  @Test
  void parseVerifierKey_signOrPrefixInKeyId_refusedLikeGo() {
    assertThatThrownBy(
            () ->
                VerifierKey.parse(
                    "PeterNeumann+-74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("malformed verifier key");
  }
}
