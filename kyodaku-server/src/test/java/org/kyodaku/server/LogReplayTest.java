package org.kyodaku.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.registry.Subject;
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
import org.kyodaku.core.registry.Credential;
import org.kyodaku.core.registry.NearMatcher;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.core.registry.RegistryStore;
import org.kyodaku.log.registry.LogKeys;
import org.kyodaku.log.registry.LogReplay;
import org.kyodaku.log.registry.RegistryLog;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/**
 * The replay makes the store agree with the log where they disagree about a revocation: the log's
 * first revocation of a grant is its revocation (ADR 0007), even when the store already holds a
 * later one. Real log, real H2 store.
 */
class LogReplayTest {
  @TempDir Path dir;

  private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(3600);

  @Test
  void replay_storeHoldsALaterRevocationThanTheLogsFirst_theLogsFirstReplacesIt() throws Exception {
    try (RegistryLog log = RegistryLog.open(dir.resolve("log"),
            SequencerConfig.of(LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(7))), Clock.systemUTC());
        JdbcRegistryStore store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("db")), 2))) {
      ConsentLog acts = log.recorder();
      Party creator = new Party("p_creator00001", PartyKind.CREATOR, "作者", T);
      Party lab = new Party("p_lab000000001", PartyKind.LICENSEE, "Lab", T.plusSeconds(1));
      Party admin = new Party("p_admin0000001", PartyKind.ADMIN, "admin", T.plusSeconds(2));
      for (Party p : List.of(creator, lab, admin)) {
        long i = acts.append(new ConsentLog.PartyCreated("registry", p));
        store.createParty(p, new Credential(p.id().replace('_', '0') + "0".repeat(64 - p.id().length()), p.id(), p.createdAt(), Optional.empty()), i);
      }
      Work work = new Work("w_work000000001", "波", WorkKind.IMAGE, creator.id(), T.plusSeconds(3));
      List<Asset> assets = List.of(new Asset(Optional.empty(), List.of(Fingerprint.sha256("a".repeat(64)))));
      store.createWork(work, assets, acts.append(new ConsentLog.WorkRegistered(work, assets)));
      Grant grant = new Grant("g_grant0000001", creator.id(), Optional.of(lab.id()), EnumSet.of(Use.TRAIN_AI), false,
          Set.of(work.id()), T.plusSeconds(4), Optional.empty(), Set.of(), Optional.empty(), T.plusSeconds(4), Optional.empty());
      store.createGrant(grant, acts.append(new ConsentLog.GrantIssued(grant)));

      // The first revocation reached the log only (the store write failed); a second one, later,
      // reached both — the store now says "revoked at T+20", the log "revoked at T+10".
      Revocation first = new Revocation(T.plusSeconds(10), creator.id(), Optional.of("first"));
      Revocation second = new Revocation(T.plusSeconds(20), creator.id(), Optional.of("second"));
      long firstIndex = acts.append(new ConsentLog.GrantRevoked(grant.id(), first));
      long secondIndex = acts.append(new ConsentLog.GrantRevoked(grant.id(), second));
      assertThat(store.revokeGrant(grant.id(), second, secondIndex)).isTrue();

      LogReplay.Result replayed = LogReplay.replay(log, store, new SecureRandom());
      assertThat(replayed.applied()).isEqualTo(1);
      assertThat(store.findGrant(grant.id()).orElseThrow().revocation()).contains(first);
      assertThat(store.logIndexes(RegistryStore.Logged.REVOCATION, List.of(grant.id()))).containsEntry(grant.id(), firstIndex);
      assertThat(LogReplay.replay(log, store, new SecureRandom()).applied()).isZero();

      // Between the two, the store used to allow; now it denies, as the log (and the map) say.
      RegistryService registry = new RegistryService(
          store, NearMatcher.NONE, log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
      var caller = new org.kyodaku.core.registry.Caller(admin);
      var between = registry.decide(caller,
          new RegistryService.BatchQuestion(lab.id(), Use.TRAIN_AI, Optional.of(T.plusSeconds(15)), Optional.empty()),
          new Subject.Content(List.of(Fingerprint.sha256("a".repeat(64)))));
      assertThat(between.allowed()).isFalse();
      var before = registry.decide(caller,
          new RegistryService.BatchQuestion(lab.id(), Use.TRAIN_AI, Optional.of(T.plusSeconds(5)), Optional.empty()),
          new Subject.Content(List.of(Fingerprint.sha256("a".repeat(64)))));
      assertThat(before.allowed()).isTrue();
    }
  }

  @Test
  void replay_storeHoldsTheLogsFirstRevocation_laterLoggedRevocationsChangeNothing() throws Exception {
    try (RegistryLog log = RegistryLog.open(dir.resolve("log"),
            SequencerConfig.of(LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(7))), Clock.systemUTC());
        JdbcRegistryStore store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("db")), 2))) {
      ConsentLog acts = log.recorder();
      Party creator = new Party("p_creator00001", PartyKind.CREATOR, "作者", T);
      store.createParty(creator, new Credential("c".repeat(64), creator.id(), T, Optional.empty()),
          acts.append(new ConsentLog.PartyCreated("registry", creator)));
      Work work = new Work("w_work000000001", "波", WorkKind.IMAGE, creator.id(), T.plusSeconds(3));
      List<Asset> assets = List.of(new Asset(Optional.empty(), List.of(Fingerprint.sha256("b".repeat(64)))));
      store.createWork(work, assets, acts.append(new ConsentLog.WorkRegistered(work, assets)));
      Grant grant = new Grant("g_grant0000001", creator.id(), Optional.empty(), EnumSet.of(Use.SEARCH), false,
          Set.of(work.id()), T.plusSeconds(4), Optional.empty(), Set.of(), Optional.empty(), T.plusSeconds(4), Optional.empty());
      store.createGrant(grant, acts.append(new ConsentLog.GrantIssued(grant)));
      Revocation first = new Revocation(T.plusSeconds(10), creator.id(), Optional.empty());
      long firstIndex = acts.append(new ConsentLog.GrantRevoked(grant.id(), first));
      assertThat(store.revokeGrant(grant.id(), first, firstIndex)).isTrue();
      acts.append(new ConsentLog.GrantRevoked(grant.id(), new Revocation(T.plusSeconds(20), creator.id(), Optional.empty())));

      assertThat(LogReplay.replay(log, store, new SecureRandom()).applied()).isZero();
      assertThat(store.findGrant(grant.id()).orElseThrow().revocation()).contains(first);
      assertThat(store.logIndexes(RegistryStore.Logged.REVOCATION, List.of(grant.id()))).containsEntry(grant.id(), firstIndex);
    }
  }
}
