package org.kyodaku.log.note;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 (RFC 8032, pure) with raw 32-byte keys on top of the JDK provider.
 *
 * <ul>
 *   <li>A raw public key becomes an X.509 SubjectPublicKeyInfo by prefixing the fixed DER header
 *       {@code 30 2a 30 05 06 03 2b 65 70 03 21 00} (RFC 8410 §4, OID 1.3.101.112).
 *   <li>A raw private key is the 32-byte seed ({@code EdECPrivateKeySpec}).
 *   <li>The JDK has no "public key of this seed" call; its key-pair generator draws exactly the 32
 *       seed bytes from its {@code SecureRandom} and derives the public key from them, so a
 *       generator fed the seed yields the matching public key (checked against the Go vectors).
 * </ul>
 */
final class Ed25519 {
  static final int KEY_LENGTH = 32;
  static final int SIGNATURE_LENGTH = 64;

  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private Ed25519() {}

  static byte[] publicKey(byte[] seed) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
      byte[] spki = generator.generateKeyPair().getPublic().getEncoded();
      return Arrays.copyOfRange(spki, spki.length - KEY_LENGTH, spki.length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK Ed25519 key generation failed", e);
    }
  }

  static byte[] sign(byte[] seed, byte[] message) {
    try {
      PrivateKey key =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK Ed25519 signing failed", e);
    }
  }

  /** False for any failure, including a public key that is not a curve point. */
  static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_LENGTH);
      System.arraycopy(publicKey, 0, spki, SPKI_PREFIX.length, KEY_LENGTH);
      PublicKey key =
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Hands out the seed as the generator's random bytes; see the class comment. */
  private static final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    SeedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException(
            "Ed25519 generator asked for " + bytes.length + " bytes, expected " + seed.length);
      }
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
    }
  }
}
