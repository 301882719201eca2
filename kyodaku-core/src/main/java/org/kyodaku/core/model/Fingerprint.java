package org.kyodaku.core.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What identifies content without holding it: an algorithm name with its version, and the value
 * that algorithm computed, as lowercase hex.
 *
 * <p>Only {@value #SHA256} is defined here; perceptual algorithms ({@code pdq-v1}, {@code
 * iscc-image-v0}, ...) join with the fingerprint module and are told apart by this name, so
 * fingerprints of different algorithms or versions are never compared with each other.
 */
public record Fingerprint(String algorithm, String value) {
  /** The exact-content fingerprint: SHA-256 of the file's bytes (FIPS 180-4). */
  public static final String SHA256 = "sha256";

  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern HEX = Pattern.compile("([0-9a-f]{2})+");
  private static final int MAX_HEX = 2048;

  public Fingerprint {
    if (!ALGORITHM.matcher(algorithm).matches() || algorithm.length() > 40) {
      throw new ValidationException(
          "algorithm", "not an algorithm name: \"" + Checks.abbreviate(algorithm) + "\"");
    }
    value = value.strip().toLowerCase(Locale.ROOT);
    if (value.length() > MAX_HEX || !HEX.matcher(value).matches()) {
      throw new ValidationException(
          algorithm, "not a hex fingerprint: \"" + Checks.abbreviate(value) + "\"");
    }
    if (algorithm.equals(SHA256) && value.length() != 64) {
      throw new ValidationException(
          SHA256, "must be 64 hex digits (32 bytes), got " + value.length() + " digits");
    }
  }

  /** A SHA-256 fingerprint from its hex form. */
  public static Fingerprint sha256(String hex) {
    return new Fingerprint(SHA256, hex);
  }
}
