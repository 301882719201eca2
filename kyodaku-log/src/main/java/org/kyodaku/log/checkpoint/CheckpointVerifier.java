package org.kyodaku.log.checkpoint;

import java.util.ArrayList;
import java.util.List;
import org.kyodaku.log.note.NoteException;
import org.kyodaku.log.note.NoteVerifier;
import org.kyodaku.log.note.VerifiedNote;
import org.kyodaku.log.note.VerifiedSignature;
import org.kyodaku.log.note.VerifierKey;

/**
 * Verifies signed checkpoints of one log. Steps, each failing with {@link CheckpointException}:
 *
 * <ol>
 *   <li>the note verifies under the log key and the witness keys ({@link NoteVerifier}: unknown
 *       signers ignored, a known signer's bad signature rejects the note);
 *   <li>the log key is among the keys that verified (a checkpoint signed only by witnesses is not
 *       the log's);
 *   <li>the body parses and its origin is the expected one (by default the log key's name, as
 *       tlog-checkpoint recommends);
 *   <li>at least {@code quorum} of the witness keys verified (k-of-n; 0 by default).
 * </ol>
 *
 * Immutable; configure with {@link #forLog} and {@link #withWitnesses}.
 */
public final class CheckpointVerifier {
  private final String origin;
  private final VerifierKey logKey;
  private final List<VerifierKey> witnesses;
  private final int quorum;
  private final NoteVerifier notes;

  private CheckpointVerifier(
      String origin, VerifierKey logKey, List<VerifierKey> witnesses, int quorum) {
    if (quorum < 0 || quorum > witnesses.size()) {
      throw new CheckpointException(
          "witness quorum " + quorum + " must be in [0, " + witnesses.size() + "]");
    }
    this.origin = origin;
    this.logKey = logKey;
    this.witnesses = List.copyOf(witnesses);
    this.quorum = quorum;
    List<VerifierKey> all = new ArrayList<>(witnesses);
    all.add(0, logKey);
    try {
      this.notes = new NoteVerifier(all);
    } catch (NoteException e) {
      throw new CheckpointException(e.getMessage(), e);
    }
  }

  /** Checkpoints of the log whose origin is the name of {@code logKey}. */
  public static CheckpointVerifier forLog(VerifierKey logKey) {
    return new CheckpointVerifier(logKey.name(), logKey, List.of(), 0);
  }

  /** Checkpoints with {@code origin}, signed by {@code logKey}. */
  public static CheckpointVerifier forLog(String origin, VerifierKey logKey) {
    return new CheckpointVerifier(origin, logKey, List.of(), 0);
  }

  /** This verifier also requiring {@code quorum} cosignatures among {@code witnesses}. */
  public CheckpointVerifier withWitnesses(List<VerifierKey> witnesses, int quorum) {
    return new CheckpointVerifier(origin, logKey, witnesses, quorum);
  }

  /** Verifies a signed checkpoint (see the class comment). */
  public VerifiedCheckpoint verify(String signedCheckpoint) {
    VerifiedNote note;
    try {
      note = notes.verify(signedCheckpoint);
    } catch (NoteException e) {
      throw new CheckpointException("checkpoint of " + origin + ": " + e.getMessage(), e);
    }
    if (!note.isSignedBy(logKey)) {
      throw new CheckpointException(
          "checkpoint of " + origin + " has no signature by the log key " + logKey.vkey());
    }
    Checkpoint checkpoint = Checkpoint.parse(note.note().text());
    if (!checkpoint.origin().equals(origin)) {
      throw new CheckpointException(
          "checkpoint origin \"" + checkpoint.origin() + "\", expected \"" + origin + "\"");
    }
    List<VerifiedSignature> cosignatures = new ArrayList<>();
    for (VerifiedSignature v : note.verified()) {
      if (witnesses.stream()
          .anyMatch(w -> w.name().equals(v.key().name()) && w.keyId() == v.key().keyId())) {
        cosignatures.add(v);
      }
    }
    if (cosignatures.size() < quorum) {
      throw new CheckpointException(
          "checkpoint of "
              + origin
              + " has "
              + cosignatures.size()
              + " valid witness cosignature(s), quorum is "
              + quorum
              + " of "
              + witnesses.size());
    }
    return new VerifiedCheckpoint(checkpoint, note, cosignatures);
  }
}
