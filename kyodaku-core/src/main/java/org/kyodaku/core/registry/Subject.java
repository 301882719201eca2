package org.kyodaku.core.registry;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.ValidationException;

/** What a decision is about: a piece of content known by its fingerprints, or a registered work. */
public sealed interface Subject {
  /**
   * Content, known by fingerprints of different algorithms and, for a video, its frame hashes:
   * {@code sha256} finds the registered files it is an exact copy of; perceptual fingerprints and
   * frame hashes find works it resembles.
   */
  record Content(List<Fingerprint> fingerprints, Optional<FrameHashes> video) implements Subject {
    public Content {
      fingerprints = List.copyOf(fingerprints);
      if (fingerprints.isEmpty() && video.isEmpty()) {
        throw new ValidationException(
            "fingerprints", "content needs at least one fingerprint or its frame hashes");
      }
      Set<String> seen = new HashSet<>();
      for (Fingerprint f : fingerprints) {
        if (!seen.add(f.algorithm())) {
          throw new ValidationException("fingerprints", "two " + f.algorithm() + " fingerprints for one item");
        }
      }
    }

    /** Content known by fingerprints alone. */
    public Content(List<Fingerprint> fingerprints) {
      this(fingerprints, Optional.empty());
    }

    /** Content known by one fingerprint. */
    public Content(Fingerprint fingerprint) {
      this(List.of(fingerprint));
    }

    /** Its SHA-256, if given. */
    public Optional<Fingerprint> sha256() {
      return fingerprints.stream().filter(f -> f.algorithm().equals(Fingerprint.SHA256)).findFirst();
    }
  }

  /** A registered work, named by id. */
  record WorkRef(String workId) implements Subject {}
}
