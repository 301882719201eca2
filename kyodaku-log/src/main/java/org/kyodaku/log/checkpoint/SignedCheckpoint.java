package org.kyodaku.log.checkpoint;

import org.kyodaku.log.note.Note;
import org.kyodaku.log.note.NoteException;

/**
 * A checkpoint together with the signed note that carries it, parsed but <em>not</em> verified: for
 * reading checkpoints whose keys are not at hand (or whose signature type this module does not
 * verify, such as Rekor v1's ECDSA). Use {@link CheckpointVerifier} to trust one.
 */
public record SignedCheckpoint(Checkpoint checkpoint, Note note) {
  public SignedCheckpoint {
    if (!checkpoint.text().equals(note.text())) {
      throw new CheckpointException("checkpoint does not match the text of its note");
    }
  }

  /** Parses a signed checkpoint: note structure, then checkpoint body. */
  public static SignedCheckpoint parse(String message) {
    Note note;
    try {
      note = Note.parse(message);
    } catch (NoteException e) {
      throw new CheckpointException("signed checkpoint: " + e.getMessage(), e);
    }
    return new SignedCheckpoint(Checkpoint.parse(note.text()), note);
  }

  /** The signed checkpoint as sent. */
  public String format() {
    return note.format();
  }
}
