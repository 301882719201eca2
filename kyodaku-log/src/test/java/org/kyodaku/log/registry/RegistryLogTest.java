package org.kyodaku.log.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Party;
import org.kyodaku.core.model.PartyKind;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.ConsentLog;
import org.kyodaku.core.registry.ReceiptSource;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.entry.EntryParser;
import org.kyodaku.log.entry.SignedEntry;
import org.kyodaku.log.map.MapCommitment;
import org.kyodaku.log.map.MapHasher;
import org.kyodaku.log.map.MapProof;
import org.kyodaku.log.map.MapVerifier;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.proof.TlogProof;
import org.kyodaku.log.proof.TlogProofVerifier;
import org.kyodaku.log.entry.EntryWriter;
import org.kyodaku.log.entry.SignedBy;
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.log.sequencer.SequencerException;

/** The map of grant sets wired to the sequencer: sealed into every checkpoint, rebuilt on open. */
class RegistryLogTest {
  static final Instant T = Instant.parse("2026-04-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(T.plusSeconds(60), ZoneOffset.UTC);

  @TempDir Path dir;

  private final Party creator = new Party("p_creator00001", PartyKind.CREATOR, "作者", T);
  private final Work first = work("w_work000000001", 1);
  private final Work second = work("w_work000000002", 5);

  private Work work(String id, int second) {
    return new Work(id, id, WorkKind.IMAGE, creator.id(), T.plusSeconds(second));
  }

  private Grant grant(String id, boolean allWorks, Set<String> works, int second) {
    return new Grant(id, creator.id(), Optional.of("p_lab000000001"), EnumSet.of(Use.TRAIN_AI), allWorks, works,
        T.plusSeconds(second), Optional.empty(), Set.of(), Optional.empty(), T.plusSeconds(second), Optional.empty());
  }

  private static ConsentLog.WorkRegistered registered(Work w) {
    return new ConsentLog.WorkRegistered(w, List.of(new Asset(Optional.empty(), List.of(Fingerprint.sha256(
        String.format("%064x", w.id().hashCode() & 0xffffffffL))))));
  }

  private SequencerConfig config(SignerKey key) {
    return SequencerConfig.of(key).withBatching(1, java.time.Duration.ZERO);
  }

  @Test
  void append_eachBatch_isSealedWithTheMapRootOfTheEntriesBeforeIt() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(3));
    try (RegistryLog log = RegistryLog.open(dir.resolve("log"), config(key), CLOCK)) {
      ConsentLog acts = log.recorder();
      assertThat(acts.append(new ConsentLog.PartyCreated("registry", creator))).isEqualTo(0);
      assertThat(acts.append(registered(first))).isEqualTo(2);
      assertThat(acts.append(new ConsentLog.GrantIssued(grant("g_grant00000001", false, Set.of(first.id()), 2)))).isEqualTo(4);
      assertThat(log.sequencer().size()).isEqualTo(6);

      ReceiptSource.LogView view = log.receipts().view();
      ReceiptSource.GrantMap map = view.grantMap().orElseThrow();
      ReceiptSource.ProvedEntry root = map.root();
      assertThat(root.index()).isEqualTo(5);
      SignedEntry rootEntry = EntryParser.parse(root.entry().getBytes(StandardCharsets.UTF_8));
      assertThat(rootEntry.entry().type()).isEqualTo("map-root");
      assertThat(rootEntry.entry().body()).containsEntry("logSize", 5L).containsEntry("keys", 1L);
      new TlogProofVerifier(CheckpointVerifier.forLog(key.verifierKey()))
          .verify(TlogProof.parse(root.proof()), root.entry().getBytes(StandardCharsets.UTF_8));

      ReceiptSource.GrantSet set = map.grantSet(first.id());
      assertThat(set.grants()).containsExactly(java.util.Map.entry("g_grant00000001", 4L));
      MapProof proof = MapProof.parse(Base64.getDecoder().decode(set.proof()));
      MapVerifier.verifyPresent(MapCommitment.fromEntry(rootEntry.entry()).root(), MapHasher.keyOf(first.id()),
          MapHasher.grantSetDigest(set.grants().keySet()), proof);
      ReceiptSource.GrantSet none = map.grantSet(second.id());
      assertThat(none.grants()).isEmpty();
      MapVerifier.verifyAbsent(MapCommitment.fromEntry(rootEntry.entry()).root(), MapHasher.keyOf(second.id()),
          MapProof.parse(Base64.getDecoder().decode(none.proof())));
    }
  }

  @Test
  void open_existingLog_replaysAllWorksGrantsAndRevocations() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(3));
    Grant all = grant("g_allworks0001", true, Set.of(), 2);
    try (RegistryLog log = RegistryLog.open(dir.resolve("log"), config(key), CLOCK)) {
      ConsentLog acts = log.recorder();
      acts.append(new ConsentLog.PartyCreated("registry", creator));
      acts.append(registered(first));
      acts.append(new ConsentLog.GrantIssued(all));
      acts.append(registered(second)); // a later work joins the all-works grant
    }
    try (RegistryLog log = RegistryLog.open(dir.resolve("log"), config(key), CLOCK)) {
      ReceiptSource.GrantMap map = log.receipts().view().grantMap().orElseThrow();
      assertThat(map.grantSet(first.id()).grants()).containsOnlyKeys(all.id());
      assertThat(map.grantSet(second.id()).grants()).containsOnlyKeys(all.id());
      log.recorder().append(new ConsentLog.GrantRevoked(all.id(), new Revocation(T.plusSeconds(9), creator.id(), Optional.empty())));
      ReceiptSource.GrantMap after = log.receipts().view().grantMap().orElseThrow();
      assertThat(after.grantSet(first.id()).grants()).isEmpty();
      assertThat(after.grantSet(second.id()).grants()).isEmpty();
      assertThat(EntryParser.parse(after.root().entry().getBytes(StandardCharsets.UTF_8)).entry().body())
          .containsEntry("keys", 0L);
      // The older view's state is still provable: receipts read a checkpoint, then prove against it.
      assertThat(map.grantSet(first.id()).grants()).containsOnlyKeys(all.id());
    }
  }

  @Test
  void repeatedWorkId_namingAnotherOwner_doesNotTakeThatOwnersAllWorksGrants() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(3));
    Party other = new Party("p_other0000001", PartyKind.CREATOR, "別の作者", T);
    Grant othersAll = new Grant("g_othersall001", other.id(), Optional.of("p_lab000000001"),
        EnumSet.of(Use.TRAIN_AI), true, Set.of(), T.plusSeconds(2), Optional.empty(), Set.of(),
        Optional.empty(), T.plusSeconds(2), Optional.empty());
    Work claimed = new Work(first.id(), first.title(), first.kind(), other.id(), T.plusSeconds(3));
    try (RegistryLog log = RegistryLog.open(dir.resolve("log"), config(key), CLOCK)) {
      ConsentLog acts = log.recorder();
      acts.append(new ConsentLog.PartyCreated("registry", creator));
      acts.append(new ConsentLog.PartyCreated("registry", other));
      acts.append(registered(first));
      acts.append(new ConsentLog.GrantIssued(othersAll));
      acts.append(registered(claimed)); // the same work id again, now naming the other party
      ReceiptSource.GrantMap map = log.receipts().view().grantMap().orElseThrow();
      assertThat(map.grantSet(first.id()).grants()).isEmpty();
    }
    try (RegistryLog log = RegistryLog.open(dir.resolve("log"), config(key), CLOCK)) {
      assertThat(log.receipts().view().grantMap().orElseThrow().grantSet(first.id()).grants()).isEmpty();
    }
  }

  @Test
  void open_mapRootThatDoesNotReplay_isRefusedNamingBothRoots() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(3));
    // A log whose batches were sealed by a sealer that knew nothing of grants: each map-root
    // claims the empty map, which the replay of a grant contradicts.
    SequencerConfig lying =
        config(key)
            .withSealer(
                (start, entries) ->
                    Optional.of(
                        EntryWriter.write(
                            new MapCommitment(MapHasher.empty(MapHasher.DEPTH), 0)
                                .toEntry(T, start + entries.size())
                                .sign(key, SignedBy.REGISTRY))));
    try (Sequencer s = Sequencer.open(dir.resolve("log"), lying)) {
      LogRecorder acts = new LogRecorder(s, key);
      acts.append(registered(first));
      acts.append(new ConsentLog.GrantIssued(grant("g_grant00000001", false, Set.of(first.id()), 2)));
    }
    assertThatThrownBy(() -> RegistryLog.open(dir.resolve("log"), config(key), CLOCK))
        .isInstanceOf(SequencerException.class)
        .hasMessageContaining("map-root entry 3 commits 0 keys")
        .hasMessageContaining("replaying the log gives 1 keys");
  }

  /**
   * A party, then 100 works each granted right after its registration: 402 entries, so the state
   * after the 10th grant (log size 41) is far older than the 64 kept states.
   */
  private RegistryLog hundredGrantedWorks(SignerKey key, int maxRebuildUpdates) throws Exception {
    RegistryLog log = RegistryLog.open(dir.resolve("log"), config(key), CLOCK, maxRebuildUpdates);
    ConsentLog acts = log.recorder();
    acts.append(new ConsentLog.PartyCreated("registry", creator));
    for (int i = 0; i < 100; i++) {
      Work w = new Work(String.format("w_work%09d", i), "w" + i, WorkKind.IMAGE, creator.id(), T.plusSeconds(10 + 2 * i));
      acts.append(registered(w));
      acts.append(new ConsentLog.GrantIssued(grant(String.format("g_grant%08d", i), false, Set.of(w.id()), 11 + 2 * i)));
    }
    assertThat(log.sequencer().size()).isEqualTo(402);
    return log;
  }

  /** Between the 10th grant (T+29 s) and the 11th work (T+30 s). */
  private static final Instant AFTER_TEN = T.plusSeconds(29).plusMillis(500);

  @Test
  void grantMapAt_stateOlderThanTheKeptOnes_isRebuiltWithoutReadingTheLogWithinTheBoundAndCached() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(3));
    try (RegistryLog log = hundredGrantedWorks(key, GrantSets.MAX_REBUILD_UPDATES)) {
      GrantSets sets = log.grantSets();
      assertThat(sets.state(41)).isEmpty(); // not among the kept states
      ReceiptSource.GrantMap past = log.receipts().view().grantMapAt(AFTER_TEN).orElseThrow();
      assertThat(past.root().index()).isEqualTo(41);
      assertThat(past.next().orElseThrow().entry()).contains("\"type\":\"work\"").contains("w_work000000010");
      var rootEntry = MapCommitment.fromEntry(EntryParser.parse(past.root().entry().getBytes(StandardCharsets.UTF_8)).entry());
      assertThat(rootEntry.keys()).isEqualTo(10);
      ReceiptSource.GrantSet granted = past.grantSet("w_work000000009");
      assertThat(granted.grants()).containsOnlyKeys("g_grant00000009");
      MapVerifier.verifyPresent(rootEntry.root(), MapHasher.keyOf("w_work000000009"),
          MapHasher.grantSetDigest(granted.grants().keySet()), MapProof.parse(Base64.getDecoder().decode(granted.proof())));
      ReceiptSource.GrantSet later = past.grantSet("w_work000000050");
      assertThat(later.grants()).isEmpty();
      MapVerifier.verifyAbsent(rootEntry.root(), MapHasher.keyOf("w_work000000050"),
          MapProof.parse(Base64.getDecoder().decode(later.proof())));

      // Before: the state was rebuilt by parsing and applying every entry up to the root (42 here,
      // the whole log up to T in general). Now: one map update per work whose set changed between
      // it and the oldest kept state (grants 10..67 here), and no entry read.
      long spent = sets.rebuildUpdates();
      assertThat(spent).isBetween(1L, 100L);
      // Asked again (another receipt about the same instant): cached, nothing spent.
      log.receipts().view().grantMapAt(AFTER_TEN).orElseThrow().grantSet("w_work000000009");
      assertThat(sets.rebuildUpdates()).isEqualTo(spent);
    }
  }

  @Test
  void grantMapAt_fewerWorksThenThanChangesSince_buildsTheOldMapAfresh() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(3));
    // 58 works changed since; 10 had a set then: with a bound of 12 the map is built from those 10.
    try (RegistryLog log = hundredGrantedWorks(key, 12)) {
      ReceiptSource.GrantMap past = log.receipts().view().grantMapAt(AFTER_TEN).orElseThrow();
      var rootEntry = MapCommitment.fromEntry(EntryParser.parse(past.root().entry().getBytes(StandardCharsets.UTF_8)).entry());
      ReceiptSource.GrantSet granted = past.grantSet("w_work000000003");
      MapVerifier.verifyPresent(rootEntry.root(), MapHasher.keyOf("w_work000000003"),
          MapHasher.grantSetDigest(granted.grants().keySet()), MapProof.parse(Base64.getDecoder().decode(granted.proof())));
      assertThat(log.grantSets().rebuildUpdates()).isEqualTo(10);
    }
  }

  @Test
  void grantMapAt_stateBeyondTheRebuildBound_hasNoMapEvidence() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(3));
    try (RegistryLog log = hundredGrantedWorks(key, 5)) {
      ReceiptSource.LogView view = log.receipts().view();
      assertThat(view.grantMapAt(AFTER_TEN)).isEmpty();
      assertThat(log.grantSets().rebuildUpdates()).isZero();
      // A kept state needs no rebuild, whatever the bound.
      assertThat(view.grantMapAt(T.plusSeconds(10 + 2 * 99 + 1))).isPresent();
      assertThat(view.grantMap()).isPresent();
    }
  }
}
