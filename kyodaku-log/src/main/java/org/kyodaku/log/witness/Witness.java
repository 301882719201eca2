package org.kyodaku.log.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointException;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.checkpoint.SignedCheckpoint;
import org.kyodaku.log.checkpoint.VerifiedCheckpoint;
import org.kyodaku.log.merkle.ConsistencyProof;
import org.kyodaku.log.merkle.MerkleException;
import org.kyodaku.log.merkle.MerkleVerifier;
import org.kyodaku.log.note.KeyType;
import org.kyodaku.log.note.Note;
import org.kyodaku.log.note.NoteSignature;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.note.VerifiedSignature;
import org.kyodaku.log.note.VerifierKey;
import org.kyodaku.log.sequencer.DurableFiles;

/**
 * A c2sp.org/tlog-witness witness: for each log it knows (by origin, the log key's name), it keeps
 * the latest checkpoint it cosigned, and cosigns a new one only when it is consistent with it.
 *
 * <p>{@link #add} follows the spec's {@code add-checkpoint} steps, each refusal a {@link
 * WitnessException} whose reason the HTTP layer maps to the spec's status:
 *
 * <ol>
 *   <li>the checkpoint parses (else {@code MALFORMED}, 400) and its origin is a known log (else
 *       {@code UNKNOWN_LOG}, 404);
 *   <li>it is signed by that log's key; signatures by other keys are ignored (else {@code
 *       NOT_OUR_CHECKPOINT}, 403);
 *   <li>the old size is at most the checkpoint's size (else {@code MALFORMED}, 400);
 *   <li>the old size is the size of the checkpoint held, 0 if none (else {@code OLD_SIZE_MISMATCH},
 *       409 with the held size, so the client can retry);
 *   <li>from an old size of 0 the proof is empty; for the held size itself the proof is empty and
 *       the roots are equal (else {@code CONFLICT}, 409: the log forked); otherwise the RFC 6962
 *       consistency proof takes the held root to the new one (else {@code BAD_PROOF}, 422).
 * </ol>
 *
 * Then, under the same per-log lock as the checks (the spec's race: a smaller checkpoint checked
 * before a larger one must not be stored after it), the new checkpoint is written durably (temporary
 * file, fsync, rename, directory fsync) and only then cosigned (cosignature/v1, timestamped by the
 * cosigner key's clock). So the witness never cosigns a checkpoint older than, or inconsistent
 * with, one it cosigned before, across restarts too.
 *
 * <p>State: {@code <dir>/<hex SHA-256 of the origin>} holds the latest checkpoint as the log signed
 * it. A state file that does not verify under the log key refuses {@link #open}: a witness that
 * lost its memory must not start again from zero. A checkpoint that the log signed but that this
 * witness refused (another root for the held size, or a proof that does not reach it) is kept in
 * {@code <dir>/evidence/}, as the log signed it and nothing more (named by its SHA-256): it may prove
 * the log's misbehaviour. Only the log's own signed statements are kept, never the requester's
 * proof lines or extra signatures, so the folder cannot grow beyond what the log itself signed
 * however many requests strangers send.
 */
public final class Witness {
  private final Path dir;
  private final SignerKey cosigner;
  private final Map<String, Log> logs;

  /** One witnessed log: its verifier and, guarded by this object's lock, the checkpoint held. */
  private static final class Log {
    final String origin;
    final CheckpointVerifier verifier;
    final Path file;
    Optional<Checkpoint> held;

    Log(String origin, CheckpointVerifier verifier, Path file, Optional<Checkpoint> held) {
      this.origin = origin;
      this.verifier = verifier;
      this.file = file;
      this.held = held;
    }
  }

  private Witness(Path dir, SignerKey cosigner, Map<String, Log> logs) {
    this.dir = dir;
    this.cosigner = cosigner;
    this.logs = logs;
  }

  /**
   * Opens (creating) the witness state in {@code dir} for the logs signed by {@code logKeys} (the
   * origin of each is its key's name), cosigning with {@code cosigner} (a cosignature/v1 key).
   *
   * @throws IllegalArgumentException if the cosigner is not a cosignature/v1 key or two log keys
   *     share a name
   * @throws WitnessException ({@code STORAGE}) if a state file cannot be read or does not verify
   */
  public static Witness open(Path dir, SignerKey cosigner, List<VerifierKey> logKeys) {
    if (cosigner.type() != KeyType.COSIGNATURE_V1) {
      throw new IllegalArgumentException(
          "witness key " + cosigner.name() + " is of type " + cosigner.type() + ", expected a cosignature/v1 key");
    }
    if (logKeys.isEmpty()) {
      throw new IllegalArgumentException("a witness needs at least one log key");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new WitnessException(WitnessException.Reason.STORAGE, "cannot create " + dir + ": " + e.getMessage(), e);
    }
    Map<String, Log> logs = new LinkedHashMap<>();
    for (VerifierKey key : logKeys) {
      if (logs.containsKey(key.name())) {
        throw new IllegalArgumentException("two log keys for the origin " + key.name());
      }
      CheckpointVerifier verifier = CheckpointVerifier.forLog(key);
      Path file = dir.resolve(fileName(key.name()));
      Optional<Checkpoint> held = Optional.empty();
      if (Files.exists(file)) {
        try {
          held = Optional.of(verifier.verify(Files.readString(file, StandardCharsets.UTF_8)).checkpoint());
        } catch (IOException | CheckpointException e) {
          throw new WitnessException(
              WitnessException.Reason.STORAGE,
              "the witness state " + file + " of " + key.name() + " cannot be trusted (" + e.getMessage()
                  + "); a witness that lost its state must not start again from zero: restore the file or"
                  + " retire this witness key",
              e);
        }
      }
      logs.put(key.name(), new Log(key.name(), verifier, file, held));
    }
    return new Witness(dir, cosigner, logs);
  }

  /** The witness's cosigner verifier key (what verifiers of its cosignatures configure). */
  public VerifierKey verifierKey() {
    return cosigner.verifierKey();
  }

  /** The origins of the logs this witness knows. */
  public List<String> origins() {
    return List.copyOf(logs.keySet());
  }

  /** The checkpoint held for {@code origin}: the latest this witness cosigned. */
  public Optional<Checkpoint> held(String origin) {
    Log log = logs.get(origin);
    if (log == null) {
      return Optional.empty();
    }
    synchronized (log) {
      return log.held;
    }
  }

  /**
   * Checks {@code request} (see the class comment), records its checkpoint as the latest and
   * returns the cosignature line(s) the witness answers with.
   */
  public List<NoteSignature> add(AddCheckpointRequest request) {
    SignedCheckpoint parsed;
    try {
      parsed = SignedCheckpoint.parse(request.checkpoint());
    } catch (CheckpointException e) {
      throw new WitnessException(WitnessException.Reason.MALFORMED, "add-checkpoint body: not a signed checkpoint: " + e.getMessage(), e);
    }
    String origin = parsed.checkpoint().origin();
    Log log = logs.get(origin);
    if (log == null) {
      throw new WitnessException(
          WitnessException.Reason.UNKNOWN_LOG, "this witness does not witness the log \"" + origin + "\" (it knows " + logs.keySet() + ")");
    }
    VerifiedCheckpoint verified;
    try {
      verified = log.verifier.verify(request.checkpoint());
    } catch (CheckpointException e) {
      throw new WitnessException(
          WitnessException.Reason.NOT_OUR_CHECKPOINT, "the checkpoint is not signed by the key of " + origin + ": " + e.getMessage(), e);
    }
    Checkpoint cp = verified.checkpoint();
    if (request.oldSize() > cp.size()) {
      throw new WitnessException(
          WitnessException.Reason.MALFORMED, "old size " + request.oldSize() + " is larger than the checkpoint's size " + cp.size());
    }
    // The text as the log signed it, with the log's own signature(s) only: the state file is the
    // log's statement, nothing else, and the cosignature must cover exactly the signed bytes.
    Note logSigned =
        new Note(verified.note().note().text(), verified.note().verified().stream().map(VerifiedSignature::signature).toList());
    synchronized (log) {
      long heldSize = log.held.map(Checkpoint::size).orElse(0L);
      if (request.oldSize() != heldSize) {
        throw WitnessException.oldSizeMismatch(
            "old size " + request.oldSize() + ", but this witness holds a checkpoint of size " + heldSize + " for " + origin,
            heldSize);
      }
      check(log, request, cp, heldSize, logSigned);
      if (log.held.isEmpty() || !log.held.get().equals(cp)) {
        try {
          DurableFiles.writeAtomically(log.file, logSigned.format().getBytes(StandardCharsets.UTF_8));
          DurableFiles.syncDirectory(dir);
        } catch (IOException e) {
          throw new WitnessException(
              WitnessException.Reason.STORAGE, "cannot record the checkpoint of " + origin + " in " + log.file + ": " + e.getMessage(), e);
        }
        log.held = Optional.of(cp);
      }
    }
    List<NoteSignature> signatures = logSigned.withSignatures(List.of(cosigner)).signatures();
    return List.of(signatures.getLast());
  }

  /** Step 5 of the class comment; a refusal of a log-signed checkpoint keeps it as evidence. */
  private void check(Log log, AddCheckpointRequest request, Checkpoint cp, long heldSize, Note logSigned) {
    List<org.kyodaku.log.merkle.Hash> proof = request.proof();
    if (log.held.isPresent() && cp.size() == heldSize) {
      if (!proof.isEmpty()) {
        throw new WitnessException(
            WitnessException.Reason.BAD_PROOF, "the consistency proof from size " + heldSize + " to itself must be empty, found " + proof.size() + " hash(es)");
      }
      if (!cp.root().equals(log.held.get().root())) {
        keepEvidence(logSigned);
        throw new WitnessException(
            WitnessException.Reason.CONFLICT,
            "the log " + log.origin + " signed root " + cp.root().base64() + " for size " + cp.size()
                + ", but this witness holds root " + log.held.get().root().base64() + " for that size: the log forked");
      }
    } else if (heldSize == 0) {
      if (!proof.isEmpty()) {
        throw new WitnessException(
            WitnessException.Reason.BAD_PROOF, "the consistency proof from size 0 must be empty, found " + proof.size() + " hash(es)");
      }
    } else {
      try {
        MerkleVerifier.verifyConsistency(new ConsistencyProof(heldSize, cp.size(), proof), log.held.orElseThrow().root(), cp.root());
      } catch (MerkleException e) {
        keepEvidence(logSigned);
        throw new WitnessException(
            WitnessException.Reason.BAD_PROOF,
            "the consistency proof from size " + heldSize + " to " + cp.size() + " of " + log.origin + " does not verify: " + e.getMessage(),
            e);
      }
    }
  }

  private void keepEvidence(Note logSigned) {
    byte[] body = logSigned.format().getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("evidence").resolve(HexFormat.of().formatHex(sha256(body)));
    try {
      if (!Files.exists(file)) {
        DurableFiles.writeAtomically(file, body);
      }
    } catch (IOException e) {
      // The refusal stands either way; losing the copy only loses a piece of evidence.
      System.getLogger(Witness.class.getName())
          .log(System.Logger.Level.WARNING, "cannot keep the refused checkpoint as evidence in " + file + ": " + e.getMessage());
    }
  }

  private static String fileName(String origin) {
    return HexFormat.of().formatHex(sha256(origin.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
