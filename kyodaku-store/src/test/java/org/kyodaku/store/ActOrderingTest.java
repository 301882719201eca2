package org.kyodaku.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.decision.Basis;
import org.kyodaku.core.decision.Decision;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.PartyKind;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.ConsentLog;
import org.kyodaku.core.registry.NearMatcher;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.core.registry.RegistryService.BatchQuestion;
import org.kyodaku.core.registry.RegistryService.GrantRequest;
import org.kyodaku.core.registry.Subject;

/**
 * Decisions never wait for an act's log write, and still answer reproducibly: while a grant is
 * being written to the log, decisions answer as of just before it; once it is acknowledged, the
 * next decision sees it; asked again as of the earlier instant, the answer is unchanged.
 */
class ActOrderingTest {
  @TempDir Path dir;

  /** A log whose grant appends wait until released; other appends pass. */
  static final class GatedLog implements ConsentLog {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    long next;

    @Override
    public synchronized long append(Act act) {
      if (act instanceof GrantIssued) {
        entered.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return next++;
    }
  }

  @Test
  void decide_whileGrantIsBeingLogged_answersBeforeItWithoutWaiting() throws Exception {
    GatedLog log = new GatedLog();
    try (JdbcRegistryStore store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir), 4))) {
      RegistryService registry = new RegistryService(store, NearMatcher.NONE, log, Clock.systemUTC(), new SecureRandom());
      var admin = registry.authenticate(registry.bootstrapAdmin().orElseThrow().token());
      var creator = registry.authenticate(registry.createParty(admin, PartyKind.CREATOR, "作者", Optional.empty()).token());
      String lab = registry.createParty(admin, PartyKind.LICENSEE, "Lab", Optional.empty()).party().id();
      String sha = "c".repeat(64);
      var work = registry.registerWork(creator, "作品", WorkKind.IMAGE, List.of(Asset.ofSha256(Optional.empty(), sha))).work();
      BatchQuestion q = new BatchQuestion(lab, Use.TRAIN_AI, Optional.empty(), Optional.empty());
      Subject content = new Subject.Content(Fingerprint.sha256(sha));

      // Own threads: the common pool may have a single thread on a 2-core machine.
      var threads = java.util.concurrent.Executors.newFixedThreadPool(2);
      CompletableFuture<?> granting = CompletableFuture.runAsync(() -> registry.grant(creator,
          new GrantRequest(Optional.of(lab), EnumSet.of(Use.TRAIN_AI), false, Set.of(work.id()),
              Optional.empty(), Optional.empty(), Set.of(), Optional.empty())), threads);
      assertThat(log.entered.await(10, TimeUnit.SECONDS)).isTrue();

      Decision during = CompletableFuture.supplyAsync(() -> registry.decide(admin, q, content), threads).get(5, TimeUnit.SECONDS);
      assertThat(during.basis()).isEqualTo(Basis.NO_GRANT);

      log.release.countDown();
      granting.get(10, TimeUnit.SECONDS);
      Decision after = registry.decide(admin, q, content);
      assertThat(after.basis()).isEqualTo(Basis.GRANT);
      assertThat(after.question().at()).isAfter(during.question().at());

      Decision again = registry.decide(admin,
          new BatchQuestion(lab, Use.TRAIN_AI, Optional.of(during.question().at()), Optional.empty()), content);
      assertThat(again.basis()).isEqualTo(Basis.NO_GRANT);
      threads.shutdownNow();
    }
  }

  /** A log that, on a revocation, first makes the store refuse every new revocation row. */
  static final class SabotagingLog implements ConsentLog {
    final Database database;
    long next;

    SabotagingLog(Database database) {
      this.database = database;
    }

    @Override
    public synchronized long append(Act act) {
      if (act instanceof GrantRevoked) {
        try (var c = database.dataSource().getConnection(); var st = c.createStatement()) {
          st.execute("ALTER TABLE revocations ADD CONSTRAINT test_refuse CHECK (1 = 0)");
          c.commit();
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      }
      return next++;
    }
  }

  @Test
  void revoke_loggedButNotStored_decisionsAndActsFailClosedInsteadOfStillAllowing() throws Exception {
    Database database = Database.open(Database.embeddedUrl(dir), 4);
    try (JdbcRegistryStore store = new JdbcRegistryStore(database)) {
      RegistryService registry =
          new RegistryService(store, NearMatcher.NONE, new SabotagingLog(database), Clock.systemUTC(), new SecureRandom());
      var admin = registry.authenticate(registry.bootstrapAdmin().orElseThrow().token());
      var creator = registry.authenticate(registry.createParty(admin, PartyKind.CREATOR, "作者", Optional.empty()).token());
      String lab = registry.createParty(admin, PartyKind.LICENSEE, "Lab", Optional.empty()).party().id();
      String sha = "d".repeat(64);
      var work = registry.registerWork(creator, "作品", WorkKind.IMAGE, List.of(Asset.ofSha256(Optional.empty(), sha))).work();
      var grant = registry.grant(creator, new GrantRequest(Optional.of(lab), EnumSet.of(Use.TRAIN_AI), false,
          Set.of(work.id()), Optional.empty(), Optional.empty(), Set.of(), Optional.empty()));
      BatchQuestion q = new BatchQuestion(lab, Use.TRAIN_AI, Optional.empty(), Optional.empty());
      Subject content = new Subject.Content(Fingerprint.sha256(sha));
      assertThat(registry.decide(admin, q, content).basis()).isEqualTo(Basis.GRANT);

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.revoke(creator, grant.id(), Optional.empty()))
          .isInstanceOf(org.kyodaku.core.registry.RegistryException.class);

      // The store still holds the grant unrevoked; the log says revoked: no allow may come out.
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.decide(admin, q, content))
          .isInstanceOf(org.kyodaku.core.registry.RegistryException.class)
          .hasMessageContaining("restarts and replays the log");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.revoke(creator, grant.id(), Optional.empty()))
          .hasMessageContaining("restarts and replays the log");
    }
  }

  /**
   * A log that, on a revocation, lets "another server" store its own revocation of the same grant
   * first, half a second later than ours: the race the registry loses between its check and its
   * write.
   */
  static final class RacingLog implements ConsentLog {
    final JdbcRegistryStore store;
    java.time.Instant otherAt;
    long next;

    RacingLog(JdbcRegistryStore store) {
      this.store = store;
    }

    @Override
    public synchronized long append(Act act) {
      if (act instanceof GrantRevoked r) {
        otherAt = r.revocation().revokedAt().plusMillis(500);
        store.revokeGrant(r.grant(),
            new org.kyodaku.core.model.Revocation(otherAt, r.revocation().revokedBy(), Optional.of("other server")), 999);
      }
      return next++;
    }
  }

  @Test
  void revoke_lostRaceToALaterRevocation_theEarlierOneIsKeptSoNothingAllowsBetween() throws Exception {
    try (JdbcRegistryStore store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir), 4))) {
      RacingLog log = new RacingLog(store);
      RegistryService registry = new RegistryService(store, NearMatcher.NONE, log, Clock.systemUTC(), new SecureRandom());
      var admin = registry.authenticate(registry.bootstrapAdmin().orElseThrow().token());
      var creator = registry.authenticate(registry.createParty(admin, PartyKind.CREATOR, "作者", Optional.empty()).token());
      String lab = registry.createParty(admin, PartyKind.LICENSEE, "Lab", Optional.empty()).party().id();
      String sha = "e".repeat(64);
      var work = registry.registerWork(creator, "作品", WorkKind.IMAGE, List.of(Asset.ofSha256(Optional.empty(), sha))).work();
      var grant = registry.grant(creator, new GrantRequest(Optional.of(lab), EnumSet.of(Use.TRAIN_AI), false,
          Set.of(work.id()), Optional.empty(), Optional.empty(), Set.of(), Optional.empty()));
      Subject content = new Subject.Content(Fingerprint.sha256(sha));

      var revoked = registry.revoke(creator, grant.id(), Optional.empty());
      java.time.Instant ours = revoked.revocation().orElseThrow().revokedAt();

      assertThat(store.findGrant(grant.id()).flatMap(g -> g.revocation()).map(r -> r.revokedAt())).contains(ours);
      // Between our revocation and the other server's later one, the grant is revoked.
      Thread.sleep(600);
      Decision between = registry.decide(admin,
          new BatchQuestion(lab, Use.TRAIN_AI, Optional.of(ours.plusMillis(250)), Optional.empty()), content);
      assertThat(between.basis()).isEqualTo(Basis.NO_GRANT);
    }
  }
}
