package org.kyodaku.signals.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kyodaku.signals.embed.EmbeddedTest.box;
import static org.kyodaku.signals.embed.EmbeddedTest.cborMap;
import static org.kyodaku.signals.embed.EmbeddedTest.concat;
import static org.kyodaku.signals.embed.EmbeddedTest.head;
import static org.kyodaku.signals.embed.EmbeddedTest.image;
import static org.kyodaku.signals.embed.EmbeddedTest.insertAfterSoi;
import static org.kyodaku.signals.embed.EmbeddedTest.superbox;
import static org.kyodaku.signals.embed.EmbeddedTest.text;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Fixtures;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;

/**
 * The C2PA claim signature and assertion binding: c2pa-rs's signed test images (valid and broken
 * signature), and manifests we sign here with a key from the JDK's keytool.
 */
class C2paSignatureTest {
  @TempDir static Path dir;
  static PrivateKey key;
  static X509Certificate cert;

  @BeforeAll
  static void makeKey() throws Exception {
    Path store = dir.resolve("signer.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
        "-dname", "CN=Kyodaku Test Signer", "-validity", "2", "-alias", "s", "-keystore", store.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    key = (PrivateKey) ks.getKey("s", "changeit".toCharArray());
    cert = (X509Certificate) ks.getCertificate("s");
  }

  static String c2paValues(Signals s) {
    return String.join("\n", s.evidence().stream().map(Evidence::value).toList());
  }

  @Test
  void read_c2paRsSignedImage_signatureVerified() throws Exception {
    Signals s = EmbeddedReader.read(Fixtures.bytes(Fixtures.dir("c2pa").resolve("c2pa-rs_CA.jpg")), "CA.jpg");
    assertThat(c2paValues(s)).contains("signature verified (PS256 by ")
        .contains("CN=C2PA Signer").contains("x5chain (protected) of 2 consistent up to issuer")
        .contains("not anchored in a trust list");
    assertThat(s.verdicts()).doesNotContainValue(Preference.ALLOWED);
  }

  @Test
  void read_c2paRsBrokenSignature_notVerifiedWithReason() throws Exception {
    Signals s = EmbeddedReader.read(Fixtures.bytes(Fixtures.dir("c2pa").resolve("c2pa-rs_E-sig-CA.jpg")), "E.jpg");
    assertThat(c2paValues(s)).contains("signature not verified (PS256 signature does not match the claim for");
  }

  // ---- manifests signed here ---------------------------------------------------------------

  static byte[] bstr(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head(out, 2, b.length);
    out.writeBytes(b);
    return out.toByteArray();
  }

  /** A manifest store with one training-mining assertion, its claim signed ES256 over {@code claimAssertion}. */
  static byte[] store(byte[] assertionCbor, byte[] signedAssertionCbor, boolean breakChainInProtected) throws Exception {
    byte[] signedBox = superbox("cawg.training-mining", box("cbor", signedAssertionCbor));
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(signedBox, 8, signedBox.length));
    ByteArrayOutputStream claim = new ByteArrayOutputStream();
    head(claim, 5, 3);
    text(claim, "alg");
    text(claim, "sha256");
    text(claim, "assertions");
    head(claim, 4, 1);
    head(claim, 5, 2);
    text(claim, "url");
    text(claim, "self#jumbf=c2pa.assertions/cawg.training-mining");
    text(claim, "hash");
    claim.writeBytes(bstr(hash));
    text(claim, "signature");
    text(claim, "self#jumbf=c2pa.signature");
    byte[] claimBytes = claim.toByteArray();

    ByteArrayOutputStream prot = new ByteArrayOutputStream();
    head(prot, 5, 2);
    prot.write(0x01);
    prot.write(0x26); // -7: ES256
    prot.write(0x18);
    prot.write(33); // x5chain
    prot.writeBytes(bstr(breakChainInProtected ? new byte[] {1, 2, 3} : cert.getEncoded()));
    byte[] protectedBytes = prot.toByteArray();

    ByteArrayOutputStream sigStructure = new ByteArrayOutputStream();
    sigStructure.write(0x84);
    text(sigStructure, "Signature1");
    sigStructure.writeBytes(bstr(protectedBytes));
    sigStructure.writeBytes(bstr(new byte[0]));
    sigStructure.writeBytes(bstr(claimBytes));
    Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
    signer.initSign(key);
    signer.update(sigStructure.toByteArray());
    byte[] signature = signer.sign();

    ByteArrayOutputStream cose = new ByteArrayOutputStream();
    cose.write(0xd2); // tag 18, COSE_Sign1
    cose.write(0x84);
    cose.writeBytes(bstr(protectedBytes));
    cose.write(0xa0);
    cose.write(0xf6); // detached payload
    cose.writeBytes(bstr(signature));

    return superbox("c2pa", superbox("urn:uuid:1",
        superbox("c2pa.assertions", superbox("cawg.training-mining", box("cbor", assertionCbor))),
        superbox("c2pa.claim", box("cbor", claimBytes)),
        superbox("c2pa.signature", box("cbor", cose.toByteArray()))));
  }

  static Signals readJpeg(byte[] store) throws Exception {
    byte[] seg = concat(new byte[] {(byte) 0xff, (byte) 0xeb, 0, 0}, new byte[] {'J', 'P', 0, 1, 0, 0, 0, 1}, store);
    seg[2] = (byte) ((seg.length - 2) >>> 8);
    seg[3] = (byte) (seg.length - 2);
    return EmbeddedReader.read(insertAfterSoi(image("jpg"), seg), "signed.jpg");
  }

  static final byte[] ASSERTION = cborMap(Map.of("entries", Map.of(
      "cawg.ai_generative_training", Map.of("use", "notAllowed"),
      "cawg.data_mining", Map.of("use", "allowed"))));

  @Test
  void read_signedHere_verifiedBoundButAllowanceStillNotTaken() throws Exception {
    Signals s = readJpeg(store(ASSERTION, ASSERTION, false));
    assertThat(c2paValues(s)).contains("signature verified (ES256 by CN=Kyodaku Test Signer")
        .contains("signature verified, assertion verified (sha256 hash in the claim matches); signer not trusted");
    assertThat(s.get(Category.TRAIN_GENAI)).isEqualTo(Preference.DISALLOWED);
    assertThat(s.get(Category.TDM)).isEqualTo(Preference.DISALLOWED);
    assertThat(s.verdicts()).doesNotContainValue(Preference.ALLOWED);
  }

  @Test
  void read_assertionAlteredAfterSigning_bindingFailsRestrictionsStillCount() throws Exception {
    byte[] altered = cborMap(Map.of("entries", Map.of(
        "cawg.ai_generative_training", Map.of("use", "allowed"),
        "cawg.data_mining", Map.of("use", "notAllowed"))));
    Signals s = readJpeg(store(altered, ASSERTION, false));
    assertThat(c2paValues(s)).contains("signature verified (ES256")
        .contains("assertion not verified (sha256 hash in the claim does not match the assertion: altered after signing)");
    assertThat(s.get(Category.TDM)).isEqualTo(Preference.DISALLOWED);
  }

  @Test
  void read_unreadableCertificate_notVerified() throws Exception {
    Signals s = readJpeg(store(ASSERTION, ASSERTION, true));
    assertThat(c2paValues(s)).contains("signature not verified (x5chain is not readable");
    assertThat(s.get(Category.TRAIN_GENAI)).isEqualTo(Preference.DISALLOWED);
  }

  @Test
  void read_noClaim_notVerified() throws Exception {
    byte[] store = superbox("c2pa", superbox("urn:uuid:1",
        superbox("c2pa.assertions", superbox("cawg.training-mining", box("cbor", ASSERTION)))));
    assertThat(c2paValues(readJpeg(store))).contains("signature not verified (the active manifest lacks a claim or signature box)")
        .contains("assertion not verified (the claim does not reference cawg.training-mining)");
  }
}
