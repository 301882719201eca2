package org.kyodaku.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointException;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.checkpoint.VerifiedCheckpoint;
import org.kyodaku.log.merkle.ConsistencyProof;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.MerkleException;
import org.kyodaku.log.merkle.MerkleVerifier;
import org.kyodaku.log.note.NoteException;
import org.kyodaku.log.note.VerifiedSignature;
import org.kyodaku.log.note.VerifierKey;

/**
 * Checks that a receipt's tree was witnessed (docs/receipts.md, "Witnessed receipts"): a receipt's
 * {@code checkpoint} is signed by the log alone when the decision is made, so {@code kyodaku receipt
 * witness} later adds a {@code witnessed} member — a checkpoint the witnesses cosigned and the RFC
 * 9162 consistency proof from the receipt's tree to it. With witness keys and a quorum K:
 *
 * <ol>
 *   <li>the witnessed checkpoint (or, without a {@code witnessed} member, the receipt's own
 *       checkpoint if it carries cosignatures) is signed by the log key;
 *   <li>every cosignature on it by one of the given witnesses verifies (a tampered one refuses the
 *       receipt, it is not merely left uncounted) and at least K of them are there;
 *   <li>it is not older than the receipt's checkpoint, and the consistency proof takes the receipt's
 *       tree to it (equal sizes: an empty proof and the same root).
 * </ol>
 *
 * Then a verifier that trusts K of those witnesses knows the receipt's tree is the one everyone
 * was shown, not a fork made for them. The receipt's other checks are {@link ReceiptVerifier}'s.
 */
final class ReceiptWitnessVerifier {
  /** Where the witnessing of a receipt lives in it. */
  static final String MEMBER = "witnessed";

  /** What verified: the cosigned size and, per counted witness, its name and cosignature time. */
  record Witnessed(long size, int quorum, List<Cosignature> cosignatures) {}

  /** A counted cosignature; {@code time} is empty for an untimed (plain Ed25519) one. */
  record Cosignature(String witness, java.util.Optional<Instant> time) {}

  private final VerifierKey logKey;
  private final List<VerifierKey> witnesses;
  private final int quorum;

  ReceiptWitnessVerifier(VerifierKey logKey, List<VerifierKey> witnesses, int quorum) {
    if (witnesses.isEmpty() || quorum < 1 || quorum > witnesses.size()) {
      throw CliException.usage("witness.quorum-range", quorum, witnesses.size());
    }
    for (int i = 0; i < witnesses.size(); i++) {
      VerifierKey w = witnesses.get(i);
      if (w.vkey().equals(logKey.vkey()) || witnesses.subList(0, i).stream().anyMatch(o -> o.vkey().equals(w.vkey()))) {
        throw CliException.usage("witness.counted-twice", w.vkey());
      }
    }
    this.logKey = logKey;
    this.witnesses = List.copyOf(witnesses);
    this.quorum = quorum;
  }

  /** Verifies the witnessing of the receipt {@code text}, whose other parts verified already. */
  Witnessed verify(String text) {
    JsonNode receipt;
    try {
      receipt = new ObjectMapper().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw CliException.failure("receipt.not-json", e.getOriginalMessage());
    }
    String own = receipt.path("checkpoint").asText("");
    Checkpoint receiptTree = verifyLog(own, OWN).checkpoint();
    JsonNode w = receipt.get(MEMBER);
    if (w == null || w.isNull()) {
      VerifiedCheckpoint self = verifyWitnesses(own, OWN, true);
      return result(self);
    }
    if (!w.isObject() || !w.path("checkpoint").isTextual() || !w.path("consistency").isArray()) {
      throw CliException.failure("witness.member-incomplete", MEMBER);
    }
    String cosigned = w.path("checkpoint").asText();
    Checkpoint later = verifyLog(cosigned, WITNESSED).checkpoint();
    VerifiedCheckpoint verified = verifyWitnesses(cosigned, WITNESSED, false);
    List<Hash> proof = new ArrayList<>();
    for (JsonNode h : w.path("consistency")) {
      try {
        proof.add(Hash.fromBase64(h.asText("")));
      } catch (MerkleException e) {
        throw CliException.failure("witness.proof-not-base64", e.getMessage());
      }
    }
    if (later.size() < receiptTree.size()) {
      throw CliException.failure("witness.witnessed-older", later.size(), receiptTree.size());
    }
    try {
      if (receiptTree.size() > 0) {
        MerkleVerifier.verifyConsistency(
            new ConsistencyProof(receiptTree.size(), later.size(), proof), receiptTree.root(), later.root());
      }
    } catch (MerkleException e) {
      throw CliException.failure("witness.inconsistent", receiptTree.size(), later.size(), e.getMessage());
    }
    return result(verified);
  }

  /** @param what {@link #OWN} or {@link #WITNESSED}: which checkpoint, for messages */
  private VerifiedCheckpoint verifyLog(String signed, Message what) {
    try {
      return CheckpointVerifier.forLog(logKey).verify(signed);
    } catch (CheckpointException | NoteException e) {
      throw CliException.failure("witness.not-log-signed", what, logKey.name(), e.getMessage());
    }
  }

  private VerifiedCheckpoint verifyWitnesses(String signed, Message what, boolean own) {
    VerifiedCheckpoint v;
    try {
      v = CheckpointVerifier.forLog(logKey).withWitnesses(witnesses, 0).verify(signed);
    } catch (CheckpointException | NoteException e) {
      throw CliException.failure("witness.bad-cosignature", what, e.getMessage());
    }
    if (v.cosignatures().size() < quorum) {
      List<String> names = v.cosignatures().stream().map(s -> s.key().name()).toList();
      throw own
          ? CliException.failure("witness.too-few-own", what, v.cosignatures().size(), names, quorum, witnesses.size())
          : CliException.failure("witness.too-few", what, v.cosignatures().size(), names, quorum, witnesses.size());
    }
    return v;
  }

  private static final Message OWN = Message.of("witness.own-checkpoint");
  private static final Message WITNESSED = Message.of("witness.witnessed-checkpoint");

  private Witnessed result(VerifiedCheckpoint v) {
    List<Cosignature> list = new ArrayList<>();
    for (VerifiedSignature s : v.cosignatures()) {
      list.add(new Cosignature(s.key().name(), s.time()));
    }
    return new Witnessed(v.checkpoint().size(), quorum, list);
  }

  /** The {@code witnessed} member for {@code cosigned}, with {@code proof} from the receipt's tree. */
  static ObjectNode member(ObjectMapper json, String cosigned, List<Hash> proof) {
    ObjectNode w = json.createObjectNode().put("checkpoint", cosigned);
    var hashes = w.putArray("consistency");
    proof.forEach(h -> hashes.add(h.base64()));
    return w;
  }
}
