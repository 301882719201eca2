package org.kyodaku.log.note;

import java.util.List;

/**
 * A note that verified: at least one signature by a known key, every signature by a known key
 * valid. {@code unverified} holds the signatures by keys the verifier did not know (ignored, as the
 * spec requires), without repeats.
 */
public record VerifiedNote(
    Note note, List<VerifiedSignature> verified, List<NoteSignature> unverified) {
  public VerifiedNote {
    verified = List.copyOf(verified);
    unverified = List.copyOf(unverified);
    if (verified.isEmpty()) {
      throw new NoteException("a verified note needs at least one verified signature");
    }
  }

  /** Whether {@code key} is among the keys that verified. */
  public boolean isSignedBy(VerifierKey key) {
    return verified.stream()
        .anyMatch(v -> v.key().name().equals(key.name()) && v.key().keyId() == key.keyId());
  }
}
