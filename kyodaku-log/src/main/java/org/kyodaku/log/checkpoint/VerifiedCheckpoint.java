package org.kyodaku.log.checkpoint;

import java.util.List;
import org.kyodaku.log.note.VerifiedNote;
import org.kyodaku.log.note.VerifiedSignature;

/**
 * A checkpoint whose origin was the expected one, signed by the log's key, with {@code
 * cosignatures} holding the witnesses' verified signatures (at least the verifier's quorum).
 */
public record VerifiedCheckpoint(
    Checkpoint checkpoint, VerifiedNote note, List<VerifiedSignature> cosignatures) {
  public VerifiedCheckpoint {
    cosignatures = List.copyOf(cosignatures);
  }
}
