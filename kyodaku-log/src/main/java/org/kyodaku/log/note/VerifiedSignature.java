package org.kyodaku.log.note;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A signature that verified under {@code key}. For a cosignature, {@link #timestamp()} is the time
 * the cosigner asserted (covered by its signature); empty for plain Ed25519.
 */
public record VerifiedSignature(NoteSignature signature, VerifierKey key, OptionalLong timestamp) {
  /** {@link #timestamp()} as an instant. */
  public Optional<Instant> time() {
    return timestamp.isPresent()
        ? Optional.of(Instant.ofEpochSecond(timestamp.getAsLong()))
        : Optional.empty();
  }
}
