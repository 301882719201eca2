package org.kyodaku.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.registry.NearMatcher;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.core.registry.RegistryStore;
import org.kyodaku.core.registry.Subject;
import org.kyodaku.log.registry.LogReplay;
import org.kyodaku.log.registry.RegistryLog;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/**
 * ADR 0007's recovery with a real SIGKILL: a registry process is killed after its grant was
 * appended to the log and before the store recorded it; at the next start the replay stores the
 * grant with its log index, and the decision it supports is an allow again.
 */
class LogReplayCrashTest {
  @TempDir Path dir;

  @Test
  void replay_afterSigkillBetweenLogAndStore_storesTheLoggedGrant() throws Exception {
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            ReplayCrashChild.class.getName(),
            dir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String[] ids;
    String[] logged;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      ids = r.readLine().split(" ");
      logged = r.readLine().split(" ");
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(ids[0]).isEqualTo("ids");
    assertThat(logged[0]).isEqualTo("logged");
    String grant = logged[1];
    long index = Long.parseLong(logged[2]);

    try (RegistryLog log = RegistryLog.open(dir.resolve("log"), SequencerConfig.of(ReplayCrashChild.key(dir)), Clock.systemUTC());
        JdbcRegistryStore store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("db")), 2))) {
      assertThat(log.sequencer().size()).isGreaterThan(index);
      assertThat(store.findGrant(grant)).isEmpty();

      LogReplay.Result replayed = LogReplay.replay(log, store, new SecureRandom());
      assertThat(replayed.applied()).isEqualTo(1);
      assertThat(store.findGrant(grant)).isPresent();
      assertThat(store.logIndexes(RegistryStore.Logged.GRANT, List.of(grant))).containsEntry(grant, index);
      assertThat(LogReplay.replay(log, store, new SecureRandom()).applied()).isZero();

      RegistryService registry = new RegistryService(
          store, NearMatcher.NONE, log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
      var decision = registry.decide(
          registry.authenticate(ids[1]),
          new RegistryService.BatchQuestion(ids[2], Use.TRAIN_AI, Optional.empty(), Optional.empty()),
          new Subject.Content(List.of(Fingerprint.sha256("a".repeat(64)))));
      assertThat(decision.allowed()).isTrue();
      assertThat(decision.grant()).contains(grant);
      assertThat(Set.of(ids[3])).contains(decision.work().orElseThrow());
    }
  }
}
