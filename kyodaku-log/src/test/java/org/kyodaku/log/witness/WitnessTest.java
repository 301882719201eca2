package org.kyodaku.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.checkpoint.VerifiedCheckpoint;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.note.Note;
import org.kyodaku.log.note.NoteSignature;
import org.kyodaku.log.note.SignerKey;

/** The tlog-witness rules of {@link Witness}, on real trees, keys and files. */
class WitnessTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String ORIGIN = "kyodaku.test/log";

  @TempDir Path dir;

  private final SignerKey log = SignerKey.ed25519(ORIGIN, seed(1));
  private final SignerKey impostor = SignerKey.ed25519(ORIGIN, seed(2));
  private final SignerKey otherLog = SignerKey.ed25519("other.example/log", seed(6));
  private final SignerKey cosigner = SignerKey.cosigner("witness.example/w1", seed(3), CLOCK);
  private final MerkleTree tree = MerkleTree.ofEntries(entries(20, "a"));
  private final MerkleTree fork = MerkleTree.ofEntries(forked());

  private static byte[] seed(int b) {
    byte[] s = new byte[32];
    s[0] = (byte) b;
    return s;
  }

  private static List<byte[]> entries(int n, String tag) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add((tag + i).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The same first 10 entries, then others: consistent up to 10, a fork after. */
  private static List<byte[]> forked() {
    List<byte[]> out = new ArrayList<>(entries(20, "a").subList(0, 10));
    out.addAll(entries(10, "b"));
    return out;
  }

  private Witness witness() {
    return Witness.open(dir, cosigner, List.of(log.verifierKey(), otherLog.verifierKey()));
  }

  private static String checkpoint(SignerKey by, MerkleTree t, long size) {
    return Note.sign(Checkpoint.of(by.name(), size, t.root(size)).text(), List.of(by)).format();
  }

  private AddCheckpointRequest request(long old, MerkleTree t, long size) {
    List<Hash> proof = old == 0 || old == size ? List.of() : t.consistencyProof(old, size).hashes();
    return new AddCheckpointRequest(old, proof, checkpoint(log, t, size));
  }

  private static WitnessException.Reason reason(Throwable e) {
    return ((WitnessException) e).reason();
  }

  @Test
  void add_firstCheckpointFromOldZero_isCosignedAndHeldAcrossRestarts() {
    Witness w = witness();
    List<NoteSignature> lines = w.add(request(0, tree, 5));
    assertThat(lines).hasSize(1);
    assertThat(lines.getFirst().name()).isEqualTo("witness.example/w1");
    // The answer appended to the checkpoint is a cosigned checkpoint (the spec's client recipe).
    String cosigned = checkpoint(log, tree, 5) + lines.getFirst().line() + "\n";
    VerifiedCheckpoint v = CheckpointVerifier.forLog(log.verifierKey()).withWitnesses(List.of(cosigner.verifierKey()), 1).verify(cosigned);
    assertThat(v.cosignatures().getFirst().time()).contains(NOW);
    assertThat(witness().held(ORIGIN)).map(Checkpoint::size).contains(5L);
  }

  @Test
  void add_consistentGrowthWithProof_isCosigned() {
    Witness w = witness();
    w.add(request(0, tree, 5));
    w.add(request(5, tree, 13));
    w.add(request(13, tree, 13));
    assertThat(w.add(request(13, tree, 20))).hasSize(1);
    assertThat(w.held(ORIGIN)).map(Checkpoint::size).contains(20L);
  }

  @Test
  void add_oldSizeNotTheHeldOne_isRefusedNamingTheHeldSize() {
    Witness w = witness();
    w.add(request(0, tree, 7));
    assertThatThrownBy(() -> w.add(request(0, tree, 9)))
        .isInstanceOf(WitnessException.class)
        .hasMessage("old size 0, but this witness holds a checkpoint of size 7 for kyodaku.test/log")
        .satisfies(e -> assertThat(reason(e)).isEqualTo(WitnessException.Reason.OLD_SIZE_MISMATCH))
        .satisfies(e -> assertThat(((WitnessException) e).witnessSize()).hasValue(7));
  }

  @Test
  void add_olderCheckpoint_isNeverCosigned() {
    Witness w = witness();
    w.add(request(0, tree, 12));
    // Claiming the held size as old: old > new size is malformed; any other old is not the held one.
    assertThatThrownBy(() -> w.add(new AddCheckpointRequest(12, List.of(), checkpoint(log, tree, 8))))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(WitnessException.Reason.MALFORMED))
        .hasMessage("old size 12 is larger than the checkpoint's size 8");
    assertThatThrownBy(() -> w.add(request(4, tree, 8)))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(WitnessException.Reason.OLD_SIZE_MISMATCH));
    assertThat(w.held(ORIGIN)).map(Checkpoint::size).contains(12L);
  }

  @Test
  void add_forkAtTheHeldSize_isAConflictAndKeptAsEvidence() throws Exception {
    Witness w = witness();
    w.add(request(0, tree, 15));
    assertThatThrownBy(() -> w.add(request(15, fork, 15)))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(WitnessException.Reason.CONFLICT))
        .hasMessageContaining("signed root " + fork.root(15).base64() + " for size 15, but this witness holds root "
            + tree.root(15).base64() + " for that size: the log forked");
    try (var files = Files.list(dir.resolve("evidence"))) {
      assertThat(files.toList()).hasSize(1);
    }
  }

  @Test
  void add_proofToAFork_isRefusedAsABadProof() {
    Witness w = witness();
    w.add(request(0, tree, 12));
    // The fork shares only the first 10 entries: no proof from the held 12 reaches its root.
    AddCheckpointRequest bad = new AddCheckpointRequest(12, tree.consistencyProof(12, 20).hashes(), checkpoint(log, fork, 20));
    assertThatThrownBy(() -> w.add(bad))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(WitnessException.Reason.BAD_PROOF))
        .hasMessageContaining("the consistency proof from size 12 to 20 of kyodaku.test/log does not verify");
    assertThat(w.held(ORIGIN)).map(Checkpoint::size).contains(12L);
    // The genuine tree still goes on.
    assertThat(w.add(request(12, tree, 20))).hasSize(1);
  }

  @Test
  void add_manyBadProofsForOneSignedCheckpoint_keepOneEvidenceFileOfTheLogsStatementOnly() throws Exception {
    Witness w = witness();
    w.add(request(0, tree, 12));
    String cp = checkpoint(log, tree, 20);
    // A stranger replays the public checkpoint with ever different junk proofs.
    for (int i = 0; i < 50; i++) {
      List<Hash> junk = List.of(tree.root(1 + i % 9), tree.root(1 + (i / 9) % 9), fork.root(1 + i % 7));
      assertThatThrownBy(() -> w.add(new AddCheckpointRequest(12, junk, cp)))
          .satisfies(e -> assertThat(reason(e)).isEqualTo(WitnessException.Reason.BAD_PROOF));
    }
    try (var files = Files.list(dir.resolve("evidence"))) {
      List<java.nio.file.Path> kept = files.toList();
      assertThat(kept).hasSize(1);
      assertThat(Files.readString(kept.getFirst())).isEqualTo(cp);
    }
  }

  @Test
  void add_proofFromOldZeroOrToTheSameSize_mustBeEmpty() {
    Witness w = witness();
    List<Hash> oneHash = List.of(tree.root(1));
    assertThatThrownBy(() -> w.add(new AddCheckpointRequest(0, oneHash, checkpoint(log, tree, 3))))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(WitnessException.Reason.BAD_PROOF))
        .hasMessage("the consistency proof from size 0 must be empty, found 1 hash(es)");
    w.add(request(0, tree, 3));
    assertThatThrownBy(() -> w.add(new AddCheckpointRequest(3, oneHash, checkpoint(log, tree, 3))))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(WitnessException.Reason.BAD_PROOF));
  }

  @Test
  void add_unknownOriginOrNotTheLogsSignature_isRefused() {
    Witness w = witness();
    SignerKey stranger = SignerKey.ed25519("stranger.example/log", seed(9));
    assertThatThrownBy(() -> w.add(new AddCheckpointRequest(0, List.of(), checkpoint(stranger, tree, 3))))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(WitnessException.Reason.UNKNOWN_LOG))
        .hasMessageContaining("does not witness the log \"stranger.example/log\"");
    assertThatThrownBy(() -> w.add(new AddCheckpointRequest(0, List.of(), checkpoint(impostor, tree, 3))))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(WitnessException.Reason.NOT_OUR_CHECKPOINT))
        .hasMessageContaining("not signed by the key of kyodaku.test/log");
    assertThat(w.held(ORIGIN)).isEmpty();
    // Each log has its own state.
    w.add(new AddCheckpointRequest(0, List.of(), checkpoint(otherLog, tree, 4)));
    assertThat(w.held("other.example/log")).map(Checkpoint::size).contains(4L);
    assertThat(w.held(ORIGIN)).isEmpty();
  }

  @Test
  void open_damagedState_refusesToStartFromZero() throws Exception {
    witness().add(request(0, tree, 6));
    try (var files = Files.list(dir)) {
      Path state = files.filter(Files::isRegularFile).findFirst().orElseThrow();
      Files.writeString(state, Files.readString(state).replace("\n6\n", "\n60\n"));
    }
    assertThatThrownBy(this::witness)
        .isInstanceOf(WitnessException.class)
        .hasMessageContaining("cannot be trusted")
        .hasMessageContaining("must not start again from zero");
  }

  @Test
  void open_ed25519KeyAsCosigner_isRefused() {
    assertThatThrownBy(() -> Witness.open(dir, log, List.of(log.verifierKey())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a cosignature/v1 key");
  }

  @Test
  void parse_formatRoundTripsAndMalformedBodiesAreRefused() {
    AddCheckpointRequest r = request(5, tree, 13);
    String body = r.format();
    assertThat(body).startsWith("old 5\n").contains("\n\n" + ORIGIN + "\n13\n");
    assertThat(AddCheckpointRequest.parse(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(r);
    String cp = checkpoint(log, tree, 3);
    String hash = tree.root(1).base64() + "\n";
    for (String[] bad : new String[][] {
        {"", "no \"old <size>\" line"},
        {"old 05\n\n" + cp, "line 1 must be \"old <size>\""},
        {"old -1\n\n" + cp, "line 1 must be \"old <size>\""},
        {"new 5\n\n" + cp, "line 1 must be \"old <size>\""},
        {"old 5\n" + hash + cp, "is not a base64 hash"},
        {"old 5\n" + hash, "no blank line"},
        {"old 5\n\n", "no checkpoint after the blank line"},
        {"old 5\n" + hash.repeat(64) + "\n" + cp, "more than 63 consistency proof lines"}}) {
      assertThatThrownBy(() -> AddCheckpointRequest.parse(bad[0].getBytes(StandardCharsets.UTF_8)))
          .as(bad[1])
          .isInstanceOf(WitnessException.class)
          .hasMessageContaining(bad[1])
          .satisfies(e -> assertThat(reason(e)).isEqualTo(WitnessException.Reason.MALFORMED));
    }
    assertThatThrownBy(() -> AddCheckpointRequest.parse(new byte[] {'o', 'l', 'd', ' ', '1', '\n', (byte) 0xff}))
        .hasMessageContaining("not UTF-8");
  }
}
