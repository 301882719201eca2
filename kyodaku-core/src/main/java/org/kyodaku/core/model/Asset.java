package org.kyodaku.core.model;

import java.util.List;
import java.util.Optional;

/**
 * One file of a work, known only by its fingerprints: the registry never keeps the file.
 *
 * @param file the file's name as the registrant gave it, if any (a label, never opened)
 * @param fingerprints at least one; exactly one SHA-256 among them
 * @param video a video's frame hashes (vPDQ), compared frame by frame; empty for other files
 */
public record Asset(Optional<String> file, List<Fingerprint> fingerprints, Optional<FrameHashes> video) {
  public Asset {
    file = file.map(f -> Checks.text("file", f));
    fingerprints = List.copyOf(fingerprints);
    long sha = fingerprints.stream().filter(f -> f.algorithm().equals(Fingerprint.SHA256)).count();
    if (sha != 1) {
      throw new ValidationException(
          "sha256", "an asset needs exactly one sha256 fingerprint, got " + sha);
    }
  }

  /** An asset known by {@code fingerprints} alone, without frame hashes. */
  public Asset(Optional<String> file, List<Fingerprint> fingerprints) {
    this(file, fingerprints, Optional.empty());
  }

  /** An asset known by its SHA-256 alone. */
  public static Asset ofSha256(Optional<String> file, String sha256Hex) {
    return new Asset(file, List.of(Fingerprint.sha256(sha256Hex)));
  }

  public Fingerprint sha256() {
    return fingerprints.stream()
        .filter(f -> f.algorithm().equals(Fingerprint.SHA256))
        .findFirst()
        .orElseThrow();
  }
}
