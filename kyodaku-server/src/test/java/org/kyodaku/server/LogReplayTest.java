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

  private final Party creator = new Party("p_creator00001", PartyKind.CREATOR, "作者", T);
  private final Party lab = new Party("p_lab000000001", PartyKind.LICENSEE, "Lab", T.plusSeconds(1));
  private final Party admin = new Party("p_admin0000001", PartyKind.ADMIN, "admin", T.plusSeconds(2));
  private final Fingerprint content = Fingerprint.sha256("a".repeat(64));
  private final Grant grant = new Grant("g_grant0000001", creator.id(), Optional.of(lab.id()), EnumSet.of(Use.TRAIN_AI), false,
      Set.of("w_work000000001"), T.plusSeconds(4), Optional.empty(), Set.of(), Optional.empty(), T.plusSeconds(4), Optional.empty());

  private RegistryLog openLog() throws Exception {
    return RegistryLog.open(dir.resolve("log"),
        SequencerConfig.of(LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(7))), Clock.systemUTC());
  }

  private JdbcRegistryStore openStore() {
    return new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("db")), 2));
  }

  /** Three parties, a work and a grant on it to the lab, each logged and stored with its index. */
  private void granted(ConsentLog acts, RegistryStore store) {
    for (Party p : List.of(creator, lab, admin)) {
      long i = acts.append(new ConsentLog.PartyCreated("registry", p));
      store.createParty(p, new Credential(org.kyodaku.core.registry.Tokens.hash(p.id()), p.id(), p.createdAt(), Optional.empty()), i);
    }
    Work work = new Work("w_work000000001", "波", WorkKind.IMAGE, creator.id(), T.plusSeconds(3));
    List<Asset> assets = List.of(new Asset(Optional.empty(), List.of(content)));
    store.createWork(work, assets, acts.append(new ConsentLog.WorkRegistered(work, assets)));
    store.createGrant(grant, acts.append(new ConsentLog.GrantIssued(grant)));
  }

  private boolean allowedAt(RegistryService registry, Instant at) {
    return registry.decide(new org.kyodaku.core.registry.Caller(admin),
        new RegistryService.BatchQuestion(lab.id(), Use.TRAIN_AI, Optional.of(at), Optional.empty()),
        new Subject.Content(List.of(content))).allowed();
  }

  @Test
  void replay_storeHoldsALaterRevocationThanTheLogsFirst_theLogsFirstReplacesIt() throws Exception {
    try (RegistryLog log = openLog(); JdbcRegistryStore store = openStore()) {
      ConsentLog acts = log.recorder();
      granted(acts, store);
      // The first revocation reached the log only (the store write failed); a second one, later,
      // reached both — the store now says "revoked at T+20", the log "revoked at T+10".
      Revocation first = new Revocation(T.plusSeconds(10), creator.id(), Optional.of("first"));
      Revocation second = new Revocation(T.plusSeconds(20), creator.id(), Optional.of("second"));
      long firstIndex = acts.append(new ConsentLog.GrantRevoked(grant.id(), first));
      long secondIndex = acts.append(new ConsentLog.GrantRevoked(grant.id(), second));
      assertThat(store.revokeGrant(grant.id(), second, secondIndex)).isTrue();
      RegistryService registry = new RegistryService(
          store, NearMatcher.NONE, log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
      assertThat(allowedAt(registry, T.plusSeconds(15))).isTrue(); // the store's view, before the replay

      LogReplay.Result replayed = LogReplay.replay(log, store, new SecureRandom());
      assertThat(replayed.applied()).isEqualTo(1);
      assertThat(store.findGrant(grant.id()).orElseThrow().revocation()).contains(first);
      assertThat(store.logIndexes(RegistryStore.Logged.REVOCATION, List.of(grant.id()))).containsEntry(grant.id(), firstIndex);
      assertThat(LogReplay.replay(log, store, new SecureRandom()).applied()).isZero();

      // Between the two, the store now denies, as the log (and the map) say; before, it allows.
      assertThat(allowedAt(registry, T.plusSeconds(15))).isFalse();
      assertThat(allowedAt(registry, T.plusSeconds(5))).isTrue();
    }
  }

  @Test
  void replay_storeHoldsTheLogsFirstRevocation_laterLoggedRevocationsChangeNothing() throws Exception {
    try (RegistryLog log = openLog(); JdbcRegistryStore store = openStore()) {
      ConsentLog acts = log.recorder();
      granted(acts, store);
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
