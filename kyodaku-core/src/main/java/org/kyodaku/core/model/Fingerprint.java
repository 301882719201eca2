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

  /** PDQ, Meta's 256-bit perceptual image hash (kyodaku-fingerprint), as 64 hex digits. */
  public static final String PDQ = "pdq-v1";

  /**
   * The algorithms the registry accepts, with the hex lengths each allows. ISCC units are stored
   * as their header and body (ISO 24138), 64 to 256 bits of body.
   */
  private static final java.util.Map<String, java.util.Set<Integer>> KNOWN =
      java.util.Map.ofEntries(
          java.util.Map.entry(SHA256, java.util.Set.of(64)),
          java.util.Map.entry(PDQ, java.util.Set.of(64)),
          java.util.Map.entry("iscc-meta-v0", isccLengths()),
          java.util.Map.entry("iscc-text-v0", isccLengths()),
          java.util.Map.entry("iscc-image-v0", isccLengths()),
          java.util.Map.entry("iscc-audio-v0", isccLengths()),
          java.util.Map.entry("iscc-video-v0", isccLengths()),
          java.util.Map.entry("iscc-mixed-v0", isccLengths()),
          java.util.Map.entry("iscc-data-v0", isccLengths()),
          java.util.Map.entry("iscc-instance-v0", isccLengths()),
          java.util.Map.entry("iscc-code-v0", java.util.Set.of(4 + 16, 4 + 32, 4 + 48, 4 + 64, 4 + 80, 4 + 96, 4 + 112, 4 + 128)));

  private static java.util.Set<Integer> isccLengths() {
    return java.util.Set.of(4 + 16, 4 + 24, 4 + 32, 4 + 40, 4 + 48, 4 + 56, 4 + 64);
  }

  /**
   * Checks that this fingerprint's algorithm is one the registry accepts and its value has a
   * length that algorithm produces.
   *
   * @throws ValidationException naming {@code field}, the algorithm and the known ones
   */
  public Fingerprint requireKnown(String field) {
    java.util.Set<Integer> lengths = KNOWN.get(algorithm);
    if (lengths == null) {
      throw new ValidationException(
          field,
          "unknown fingerprint algorithm \""
              + algorithm
              + "\"; known: "
              + String.join(", ", new java.util.TreeSet<>(KNOWN.keySet())));
    }
    if (!lengths.contains(value.length())) {
      throw new ValidationException(
          field,
          algorithm + " values have " + new java.util.TreeSet<>(lengths) + " hex digits, got " + value.length());
    }
    return this;
  }

  /** A SHA-256 fingerprint from its hex form. */
  public static Fingerprint sha256(String hex) {
    return new Fingerprint(SHA256, hex);
  }
}
