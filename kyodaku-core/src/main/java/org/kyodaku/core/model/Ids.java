package org.kyodaku.core.model;

import java.util.random.RandomGenerator;

/**
 * Makes the registry's identifiers: a one-to-three letter prefix naming the kind of record
 * ({@code p_} party, {@code w_} work, {@code g_} grant), an underscore, and 26 characters of
 * lowercase base32 carrying 130 random bits, so ids cannot be guessed or enumerated.
 */
public final class Ids {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final int LENGTH = 26;

  private final RandomGenerator random;

  public Ids(RandomGenerator random) {
    this.random = random;
  }

  public String next(String prefix) {
    StringBuilder id = new StringBuilder(prefix.length() + 1 + LENGTH).append(prefix).append('_');
    for (int i = 0; i < LENGTH; i++) {
      id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }

  /**
   * Validates that {@code value} has the shape of an id.
   *
   * @throws ValidationException when it does not
   */
  public static String check(String field, String value) {
    return Checks.id(field, value);
  }
}
