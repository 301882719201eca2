package org.kyodaku.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content fingerprints for benchmark data: SHA-256 of a label, so every run sees the same set. */
public final class Fixtures {
  private Fixtures() {}

  /** Lowercase hex SHA-256 of {@code label}'s UTF-8 bytes. */
  public static String sha256(String label) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(label.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The fingerprint of registered asset number {@code i}. */
  public static String registered(int i) {
    return sha256("kyodaku-bench/registered/" + i);
  }

  /** A fingerprint that no benchmark ever registers. */
  public static String unregistered(long i) {
    return sha256("kyodaku-bench/unregistered/" + i);
  }
}
