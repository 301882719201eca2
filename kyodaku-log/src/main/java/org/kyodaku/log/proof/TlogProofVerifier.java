package org.kyodaku.log.proof;

import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointException;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.checkpoint.VerifiedCheckpoint;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.InclusionProof;
import org.kyodaku.log.merkle.MerkleException;
import org.kyodaku.log.merkle.MerkleHasher;
import org.kyodaku.log.merkle.MerkleVerifier;

/**
 * Verifies tlog-proof documents, following the spec's steps:
 *
 * <ol>
 *   <li>the leaf hash is {@code SHA-256(0x00 || entry)} of the entry the caller holds (the
 *       application's step; the unauthenticated {@code extra} line is not used);
 *   <li>the checkpoint has the expected origin and the log's signature, and
 *   <li>enough witness cosignatures ({@link CheckpointVerifier} decides both);
 *   <li>the inclusion proof binds the leaf hash at {@code index} to the checkpoint's root and size
 *       (taken from the verified checkpoint, never from elsewhere).
 * </ol>
 */
public final class TlogProofVerifier {
  private final CheckpointVerifier checkpoints;

  /** A verifier trusting checkpoints that {@code checkpoints} accepts. */
  public TlogProofVerifier(CheckpointVerifier checkpoints) {
    this.checkpoints = checkpoints;
  }

  /** Parses and verifies a proof document for {@code entry}. */
  public VerifiedCheckpoint verify(String proofText, byte[] entry) {
    return verify(TlogProof.parse(proofText), entry);
  }

  /** Verifies {@code proof} for {@code entry}; returns the verified checkpoint the entry is in. */
  public VerifiedCheckpoint verify(TlogProof proof, byte[] entry) {
    return verifyLeafHash(proof, MerkleHasher.leafHash(entry));
  }

  /** Verifies {@code proof} for an entry whose leaf hash the caller computed. */
  public VerifiedCheckpoint verifyLeafHash(TlogProof proof, Hash leafHash) {
    VerifiedCheckpoint verified;
    try {
      verified = checkpoints.verify(proof.checkpoint());
    } catch (CheckpointException e) {
      throw new ProofException("tlog-proof checkpoint: " + e.getMessage(), e);
    }
    Checkpoint cp = verified.checkpoint();
    try {
      InclusionProof inclusion =
          new InclusionProof(proof.index(), cp.size(), proof.inclusionPath());
      MerkleVerifier.verifyInclusion(leafHash, inclusion, cp.root());
    } catch (MerkleException e) {
      throw new ProofException(
          "tlog-proof inclusion of entry "
              + proof.index()
              + " in "
              + cp.origin()
              + " size "
              + cp.size()
              + ": "
              + e.getMessage(),
          e);
    }
    return verified;
  }
}
