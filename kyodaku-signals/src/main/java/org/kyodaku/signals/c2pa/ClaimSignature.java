package org.kyodaku.signals.c2pa;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a C2PA claim signature and the binding of an assertion to the claim, with the JDK's
 * providers only.
 *
 * <p><b>Claim signature</b> (C2PA §"Digital signatures", RFC 9052 §4.4). The {@code c2pa.signature}
 * box holds a {@code COSE_Sign1} (tag 18, or untagged): {@code [protected: bstr, unprotected: map,
 * payload: nil (detached) or bstr, signature: bstr]}. The protected header (a CBOR map) names the
 * algorithm (label 1): ES256 (-7), ES384 (-35), ES512 (-36) — raw {@code r||s}, verified as IEEE
 * P1363 —, PS256 (-37), PS384 (-38), PS512 (-39) — RSASSA-PSS, MGF1 with the same hash, salt the
 * hash length —, EdDSA (-8, Ed25519). The certificate chain is {@code x5chain} (label 33, a bstr or
 * an array of bstr, leaf first) in the protected header, or in the unprotected one (C2PA 1.x).
 * The signed bytes are {@code Sig_structure = ["Signature1", protected, h'', claim]}, the claim
 * being the content of the claim's {@code cbor} box (the detached payload). Steps: the signature
 * verifies with the leaf's public key; each certificate of the chain verifies with the next one's
 * key.
 *
 * <p><b>Not checked</b>: anchoring the chain in a trust list (none is configured, so no signer is
 * trusted), certificate validity periods and revocation (they need the signing time, which only an
 * RFC 3161 token would prove), and the hard binding of the manifest to the asset's bytes. A
 * verified signature therefore shows that the claim was not altered since someone holding the
 * leaf key signed it, not who that someone is.
 *
 * <p><b>Assertion binding</b>: the claim lists each assertion as a hashed URI ({@code
 * assertions}, or {@code created_assertions}/{@code gathered_assertions} in claim v2) whose {@code
 * url} ends in {@code c2pa.assertions/<label>} and whose {@code hash} is the digest ({@code alg}
 * of the entry or of the claim, default SHA-256) of the assertion superbox without its 8-byte
 * header.
 */
final class ClaimSignature {
  private ClaimSignature() {}

  /** The outcome of one check, with why. */
  record Result(boolean verified, String detail) {
    @Override
    public String toString() {
      return (verified ? "verified" : "not verified") + " (" + detail + ")";
    }
  }

  /** Verifies {@code coseSign1} (the signature box's CBOR) over {@code claim} (the claim box's CBOR). */
  static Result verify(byte[] claim, byte[] coseSign1) {
    Object decoded;
    try {
      decoded = Cbor.decode(coseSign1);
    } catch (CborException e) {
      return new Result(false, "signature box is not CBOR: " + e.getMessage());
    }
    if (!(decoded instanceof List<?> cose) || cose.size() != 4) {
      return new Result(false, "signature box is not a COSE_Sign1 array of 4");
    }
    if (!(cose.get(0) instanceof byte[] protectedBytes) || !(cose.get(3) instanceof byte[] signature)) {
      return new Result(false, "COSE_Sign1 protected header or signature is not a byte string");
    }
    Map<?, ?> unprotected = cose.get(1) instanceof Map<?, ?> m ? m : Map.of();
    Object payload = cose.get(2);
    if (payload instanceof byte[] attached && !MessageDigest.isEqual(attached, claim)) {
      return new Result(false, "COSE_Sign1 carries a payload that is not the claim");
    }
    Map<?, ?> header;
    try {
      header = protectedBytes.length == 0 ? Map.of() : (Cbor.decode(protectedBytes) instanceof Map<?, ?> h ? h : null);
    } catch (CborException e) {
      return new Result(false, "protected header is not CBOR: " + e.getMessage());
    }
    if (header == null) {
      return new Result(false, "protected header is not a CBOR map");
    }
    @Nullable Object alg = get(header, 1);
    if (!(alg instanceof Long a)) {
      return new Result(false, "no algorithm (label 1) in the protected header");
    }
    Optional<Algorithm> algorithm = Algorithm.of(a);
    if (algorithm.isEmpty()) {
      return new Result(false, "unsupported COSE algorithm " + a);
    }
    @Nullable Object x5 = get(header, 33);
    String where = "protected";
    if (x5 == null) {
      x5 = get(unprotected, 33);
      where = "unprotected";
    }
    List<X509Certificate> chain;
    try {
      chain = certificates(x5);
    } catch (CertificateException | IllegalArgumentException e) {
      return new Result(false, "x5chain is not readable: " + e.getMessage());
    }
    if (chain.isEmpty()) {
      return new Result(false, "no x5chain (label 33) certificate");
    }
    byte[] toBeSigned = sigStructure(protectedBytes, claim);
    X509Certificate leaf = chain.getFirst();
    try {
      if (!algorithm.get().verify(leaf.getPublicKey(), toBeSigned, signature)) {
        return new Result(false, algorithm.get() + " signature does not match the claim for "
            + leaf.getSubjectX500Principal().getName());
      }
    } catch (GeneralSecurityException e) {
      return new Result(false, algorithm.get() + " signature cannot be checked with the leaf key: " + e.getMessage());
    }
    for (int i = 0; i + 1 < chain.size(); i++) {
      try {
        chain.get(i).verify(chain.get(i + 1).getPublicKey());
      } catch (GeneralSecurityException e) {
        return new Result(false, "certificate " + (i + 1) + " of x5chain is not signed by certificate " + (i + 2)
            + ": " + e.getMessage());
      }
    }
    X509Certificate top = chain.getLast();
    return new Result(true, algorithm.get() + " by " + leaf.getSubjectX500Principal().getName()
        + "; x5chain (" + where + ") of " + chain.size() + " consistent up to issuer "
        + top.getIssuerX500Principal().getName()
        + "; not anchored in a trust list, validity and hard binding not checked");
  }

  /** Whether the assertion superbox {@code a} is bound to {@code claim} (a decoded claim map). */
  static Result bound(byte[] jumbf, C2paReader.Box a, Map<?, ?> claim) {
    List<Object> refs = new ArrayList<>();
    for (String key : List.of("assertions", "created_assertions", "gathered_assertions")) {
      if (claim.get(key) instanceof List<?> l) {
        refs.addAll(l);
      }
    }
    String suffix = "c2pa.assertions/" + a.label();
    for (Object r : refs) {
      if (!(r instanceof Map<?, ?> ref) || !(ref.get("url") instanceof String url) || !url.endsWith(suffix)) {
        continue;
      }
      if (!(ref.get("hash") instanceof byte[] expected)) {
        return new Result(false, "the claim's reference to " + a.label() + " has no hash");
      }
      String alg = ref.get("alg") instanceof String s ? s : claim.get("alg") instanceof String s ? s : "sha256";
      String jdk = switch (alg) {
        case "sha256" -> "SHA-256";
        case "sha384" -> "SHA-384";
        case "sha512" -> "SHA-512";
        default -> "";
      };
      if (jdk.isEmpty()) {
        return new Result(false, "unsupported hash algorithm " + alg + " for " + a.label());
      }
      byte[] actual;
      try {
        MessageDigest md = MessageDigest.getInstance(jdk);
        md.update(jumbf, a.contentStart(), a.end() - a.contentStart());
        actual = md.digest();
      } catch (GeneralSecurityException e) {
        return new Result(false, jdk + " unavailable");
      }
      return MessageDigest.isEqual(expected, actual)
          ? new Result(true, alg + " hash in the claim matches")
          : new Result(false, alg + " hash in the claim does not match the assertion: altered after signing");
    }
    return new Result(false, "the claim does not reference " + a.label());
  }

  private static @Nullable Object get(Map<?, ?> m, long key) {
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (e.getKey() instanceof Long k && k == key) {
        return e.getValue();
      }
      if (e.getKey() instanceof BigInteger k && k.equals(BigInteger.valueOf(key))) {
        return e.getValue();
      }
    }
    return null;
  }

  private static List<X509Certificate> certificates(@Nullable Object x5) throws CertificateException {
    List<byte[]> der = new ArrayList<>();
    if (x5 instanceof byte[] one) {
      der.add(one);
    } else if (x5 instanceof List<?> many) {
      for (Object o : many) {
        if (!(o instanceof byte[] b)) {
          throw new IllegalArgumentException("x5chain holds a " + o.getClass().getSimpleName() + ", not a byte string");
        }
        der.add(b);
      }
    } else if (x5 != null) {
      throw new IllegalArgumentException("x5chain is a " + x5.getClass().getSimpleName());
    }
    CertificateFactory f = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    for (byte[] d : der) {
      out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(d)));
    }
    return out;
  }

  /** {@code ["Signature1", protected, h'', payload]} in CBOR (RFC 9052 §4.4). */
  static byte[] sigStructure(byte[] protectedBytes, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x84);
    byte[] context = "Signature1".getBytes(StandardCharsets.US_ASCII);
    head(out, 3, context.length);
    out.writeBytes(context);
    head(out, 2, protectedBytes.length);
    out.writeBytes(protectedBytes);
    head(out, 2, 0);
    head(out, 2, payload.length);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static void head(ByteArrayOutputStream out, int major, long n) {
    int mt = major << 5;
    if (n < 24) {
      out.write(mt | (int) n);
    } else if (n < 0x100) {
      out.write(mt | 24);
      out.write((int) n);
    } else if (n < 0x10000) {
      out.write(mt | 25);
      out.write((int) (n >> 8));
      out.write((int) n);
    } else {
      out.write(mt | 26);
      for (int s = 24; s >= 0; s -= 8) {
        out.write((int) (n >> s));
      }
    }
  }

  /** The COSE algorithms C2PA allows. */
  private enum Algorithm {
    ES256(-7, "SHA256withECDSAinP1363Format", null),
    ES384(-35, "SHA384withECDSAinP1363Format", null),
    ES512(-36, "SHA512withECDSAinP1363Format", null),
    PS256(-37, "RSASSA-PSS", new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1)),
    PS384(-38, "RSASSA-PSS", new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1)),
    PS512(-39, "RSASSA-PSS", new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1)),
    ED25519(-8, "Ed25519", null);

    private final long cose;
    private final String jdk;
    private final @Nullable PSSParameterSpec pss;

    Algorithm(long cose, String jdk, @Nullable PSSParameterSpec pss) {
      this.cose = cose;
      this.jdk = jdk;
      this.pss = pss;
    }

    static Optional<Algorithm> of(long cose) {
      for (Algorithm a : values()) {
        if (a.cose == cose) {
          return Optional.of(a);
        }
      }
      return Optional.empty();
    }

    boolean verify(PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
      Signature s = Signature.getInstance(jdk);
      if (pss != null) {
        s.setParameter(pss);
      }
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    }
  }
}
