package org.kyodaku.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.merkle.MerkleHasher;
import org.kyodaku.log.note.Note;
import org.kyodaku.log.note.SignerKey;

class CosignatureStoreTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  private final SignerKey log = SignerKey.ed25519("kyodaku.test/log", seed(1));
  private final SignerKey other = SignerKey.ed25519("kyodaku.test/log", seed(2));
  private final SignerKey w1 = SignerKey.cosigner("witness.example/w1", seed(3), CLOCK);
  private final SignerKey w2 = SignerKey.cosigner("witness.example/w2", seed(4), CLOCK);
  private final SignerKey stranger = SignerKey.cosigner("stranger.example/w", seed(5), CLOCK);

  private static byte[] seed(int b) {
    byte[] s = new byte[32];
    s[0] = (byte) b;
    return s;
  }

  private CosignatureStore store() {
    return CosignatureStore.open(dir, "kyodaku.test/log", log.verifierKey(), List.of(w1.verifierKey(), w2.verifierKey()), CLOCK);
  }

  private static String checkpoint(SignerKey by, long size) {
    return Note.sign(new Checkpoint("kyodaku.test/log", size, MerkleHasher.EMPTY_ROOT, List.of()).text(), List.of(by)).format();
  }

  private static String cosign(String checkpoint, SignerKey... witnesses) {
    return Note.parse(checkpoint).withSignatures(List.of(witnesses)).format();
  }

  @Test
  void add_cosignedByAWitness_isKeptAttachedAndLatest() {
    CosignatureStore store = store();
    String plain = checkpoint(log, 7);
    String merged = store.add(cosign(plain, w1), 7);
    assertThat(merged).startsWith(plain).contains("\u2014 witness.example/w1 ");
    assertThat(store.attach(plain)).isEqualTo(merged);
    assertThat(store.latest()).contains(merged);
    // A second witness joins; the first witness again adds nothing; a stranger's line is dropped.
    String both = store.add(cosign(plain, w2, stranger), 7);
    assertThat(both).contains("witness.example/w1").contains("witness.example/w2").doesNotContain("stranger");
    assertThat(store.add(cosign(plain, w1), 7)).isEqualTo(both);
    // Reopened, the store still has them.
    assertThat(store().attach(plain)).isEqualTo(both);
    assertThat(store.attach(checkpoint(log, 6))).isEqualTo(checkpoint(log, 6));
  }

  @Test
  void add_noConfiguredWitness_isRefused() {
    assertThatThrownBy(() -> store().add(cosign(checkpoint(log, 3), stranger), 3))
        .isInstanceOf(WitnessException.class)
        .hasMessageContaining("no cosignature by a configured witness ([witness.example/w1, witness.example/w2])")
        .satisfies(e -> assertThat(((WitnessException) e).reason()).isEqualTo(WitnessException.Reason.NO_WITNESS));
  }

  @Test
  void add_forgedCosignature_isRefused() {
    String cosigned = cosign(checkpoint(log, 3), w1);
    int at = cosigned.lastIndexOf(' ') + 20;
    String forged = cosigned.substring(0, at) + (cosigned.charAt(at) == 'A' ? 'B' : 'A') + cosigned.substring(at + 1);
    assertThatThrownBy(() -> store().add(forged, 3))
        .isInstanceOf(WitnessException.class)
        .satisfies(e -> assertThat(((WitnessException) e).reason()).isEqualTo(WitnessException.Reason.BAD_COSIGNATURE));
  }

  @Test
  void add_checkpointOfAnotherLogKey_isRefused() {
    assertThatThrownBy(() -> store().add(cosign(checkpoint(other, 3), w1), 3))
        .isInstanceOf(WitnessException.class)
        .hasMessageContaining("not a signed checkpoint of this log")
        .satisfies(e -> assertThat(((WitnessException) e).reason()).isEqualTo(WitnessException.Reason.NOT_OUR_CHECKPOINT));
  }

  @Test
  void add_sizeNotPublished_isRefused() {
    assertThatThrownBy(() -> store().add(cosign(checkpoint(log, 9), w1), 8))
        .isInstanceOf(WitnessException.class)
        .hasMessage("the log has published 8 entries, not 9");
  }

  @Test
  void add_cosignatureFromTheFuture_isRefused() {
    SignerKey early = SignerKey.cosigner("witness.example/w1", seed(3), Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
    assertThatThrownBy(() -> store().add(cosign(checkpoint(log, 3), early), 3))
        .isInstanceOf(WitnessException.class)
        .hasMessageContaining("has time 2026-11-28T13:00:00Z, after the log's clock 2026-11-28T12:00:00Z");
  }

  @Test
  void add_secondNoteForTheSameSize_mergesWithWhatAnEarlierStoreKept() {
    String plain = checkpoint(log, 7);
    store().add(cosign(plain, w1), 7);
    // Another store over the same directory (a restart): w2's note joins, w1's stays.
    String both = store().add(cosign(plain, w2), 7);
    assertThat(both).contains("witness.example/w1").contains("witness.example/w2");
    assertThat(store().attach(plain)).isEqualTo(both);
  }

  @Test
  void add_anotherCheckpointOfAKeptSize_isAConflictAndKeepsTheCosignatures() {
    String plain = checkpoint(log, 7);
    String kept = store().add(cosign(plain, w1), 7);
    String other = Note.sign(new Checkpoint("kyodaku.test/log", 7, MerkleHasher.leafHash(new byte[] {1}), List.of()).text(), List.of(log)).format();
    assertThatThrownBy(() -> store().add(cosign(other, w2), 7))
        .isInstanceOf(WitnessException.class)
        .hasMessageContaining("the log signed two different trees of one size")
        .satisfies(e -> assertThat(((WitnessException) e).reason()).isEqualTo(WitnessException.Reason.CONFLICT));
    assertThat(store().attach(plain)).isEqualTo(kept);
  }

  @Test
  void add_writesDurablyWithoutLeavingTemporaryFiles() throws Exception {
    store().add(cosign(checkpoint(log, 4), w1), 4);
    try (var files = java.nio.file.Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("4");
    }
  }

  @Test
  void damagedFile_isSkippedByAttachAndLatest_andMovedAsideByTheNextCosignature() throws Exception {
    CosignatureStore store = store();
    String three = store.add(cosign(checkpoint(log, 3), w1), 3);
    String plain = checkpoint(log, 5);
    store.add(cosign(plain, w1), 5);
    java.nio.file.Files.writeString(dir.resolve("5"), "not a note");
    // Also one whose witness line was altered: it must not reach the served checkpoint.
    String tampered = cosign(checkpoint(log, 6), w1);
    int at = tampered.lastIndexOf(' ') + 20;
    java.nio.file.Files.writeString(dir.resolve("6"), tampered.substring(0, at) + (tampered.charAt(at) == 'A' ? 'B' : 'A') + tampered.substring(at + 1));

    CosignatureStore reopened = store();
    assertThat(reopened.attach(plain)).isEqualTo(plain);
    assertThat(reopened.attach(checkpoint(log, 6))).isEqualTo(checkpoint(log, 6));
    assertThat(reopened.latest()).contains(three);

    String again = reopened.add(cosign(plain, w2), 5);
    assertThat(again).contains("witness.example/w2");
    assertThat(dir.resolve("5.corrupt")).hasContent("not a note");
    assertThat(store().latest()).contains(again);
  }
}
