package org.kyodaku.core.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Bearer tokens: {@code kyo_} followed by 43 base64url characters (256 random bits).
 *
 * <p>The store keeps only SHA-256 of a token. A slow password hash (Argon2, bcrypt) protects
 * low-entropy secrets that people choose; these tokens are 256 random bits, so a fast hash is as
 * safe and lets every request be checked with one indexed lookup.
 */
public final class Tokens {
  static final String PREFIX = "kyo_";
  private static final int MAX_LENGTH = 200;

  private Tokens() {}

  /** A new token drawn from {@code random}, which must be cryptographically strong. */
  public static String newToken(RandomGenerator random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Lowercase hex SHA-256 of the token's UTF-8 bytes: what the store keeps and looks up. */
  public static String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Whether {@code token} has a token's shape; checked before any lookup. */
  static boolean plausible(String token) {
    return token.startsWith(PREFIX) && token.length() <= MAX_LENGTH;
  }
}
