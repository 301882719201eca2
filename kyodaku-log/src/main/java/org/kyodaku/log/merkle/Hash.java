package org.kyodaku.log.merkle;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A SHA-256 value as used by the tree: a leaf hash, a node hash or a root. Always exactly {@value
 * #LENGTH} bytes; the array is copied in and out, so a {@code Hash} never changes.
 *
 * <p>Text forms: {@link #base64()} is RFC 4648 §4 base64 with padding (checkpoints, proofs); {@link
 * #hex()} and {@link #toString()} are lowercase hex (messages, reference vectors).
 */
public record Hash(byte[] bytes) {
  /** Bytes in a SHA-256 value. */
  public static final int LENGTH = 32;

  public Hash {
    if (bytes.length != LENGTH) {
      throw new MerkleException("hash has " + bytes.length + " bytes, expected " + LENGTH);
    }
    bytes = bytes.clone();
  }

  /**
   * Decodes standard padded base64; anything else (URL-safe alphabet, missing padding, a length
   * other than 32 bytes) raises {@link MerkleException}.
   */
  public static Hash fromBase64(String base64) {
    if (base64.length() % 4 != 0) {
      throw new MerkleException(
          "hash \""
              + abbreviate(base64)
              + "\" is not padded base64 ("
              + base64.length()
              + " chars)");
    }
    try {
      return new Hash(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new MerkleException(
          "hash \"" + abbreviate(base64) + "\" is not base64: " + e.getMessage());
    }
  }

  /** Decodes 64 hex digits (either case). */
  public static Hash fromHex(String hex) {
    try {
      return new Hash(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new MerkleException("hash \"" + abbreviate(hex) + "\" is not hex: " + e.getMessage());
    }
  }

  /** A copy of the 32 bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Standard padded base64 (44 characters). */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Lowercase hex (64 characters). */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** Feeds the bytes to a digest without copying them. */
  void updateDigest(MessageDigest digest) {
    digest.update(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hash h && MessageDigest.isEqual(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
