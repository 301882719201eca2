package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.model.PartyKind;
import org.kyodaku.core.registry.NearMatcher;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.core.registry.RegistryStore;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.registry.LogKeys;
import org.kyodaku.log.registry.LogReplay;
import org.kyodaku.log.registry.RegistryLog;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/**
 * The first start dies after the first admin's creation reached the log and before the store
 * recorded it (ADR 0007's crash window, on the one act nobody else can redo): the next start's
 * replay stores the admin without a usable token, and the start issues it a new one in
 * DIR/admin.token. Real log, real H2 store, real files.
 */
class BootstrapRecoveryTest {
  @TempDir Path dir;

  private RegistryLog openLog() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(5));
    return RegistryLog.open(dir.resolve("log"), SequencerConfig.of(key), Clock.systemUTC());
  }

  private JdbcRegistryStore openStore() {
    return new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("db")), 2));
  }

  /** The store as the crashed process saw it: every write but the party's goes through. */
  private static RegistryStore dyingAtCreateParty(RegistryStore store) {
    return (RegistryStore) Proxy.newProxyInstance(
        RegistryStore.class.getClassLoader(),
        new Class<?>[] {RegistryStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("createParty")) {
            throw new IllegalStateException("the process dies here: logged, never stored");
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void start_afterCrashBetweenLoggingAndStoringTheFirstAdmin_issuesItANewToken() throws Exception {
    Path tokenFile = dir.resolve("admin.token");
    Text text = Text.from(Map.of());
    try (RegistryLog log = openLog(); JdbcRegistryStore store = openStore()) {
      RegistryService first = new RegistryService(
          dyingAtCreateParty(store), NearMatcher.NONE, log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
      LogReplay.Result nothing = LogReplay.replay(log, store, new SecureRandom());
      assertThatThrownBy(() -> ServeCommand.adminToken(first, nothing, tokenFile, new PrintWriter(new StringWriter()), text))
          .hasMessageContaining("the process dies here");
      assertThat(store.hasAdmin()).isFalse();
    }
    // The token was kept before the act, but its hash never reached the store.
    String lost = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();

    try (RegistryLog log = openLog(); JdbcRegistryStore store = openStore()) {
      LogReplay.Result replayed = LogReplay.replay(log, store, new SecureRandom());
      String adminId = replayed.bootstrapAdmin().orElseThrow();
      assertThat(store.findParty(adminId).orElseThrow().kind()).isEqualTo(PartyKind.ADMIN);
      RegistryService registry = new RegistryService(
          store, NearMatcher.NONE, log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
      assertThatThrownBy(() -> registry.authenticate(lost)).hasMessageContaining("the bearer token is unknown");

      StringWriter err = new StringWriter();
      ServeCommand.adminToken(registry, replayed, tokenFile, new PrintWriter(err, true), text);
      assertThat(err.toString()).contains("the first admin " + adminId + " was in the log but not in the store");
      String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      assertThat(token).isNotEqualTo(lost);
      var admin = registry.authenticate(token);
      assertThat(admin.id()).isEqualTo(adminId);
      assertThat(admin.kind()).isEqualTo(PartyKind.ADMIN);
      // The admin acts: the registry works again, with the same (logged) first admin.
      registry.createParty(admin, PartyKind.CREATOR, "作者", java.util.Optional.empty());
      assertThat(store.credentialsOf(adminId)).hasSize(2);
    }

    // A further start changes nothing: the admin has a usable token now.
    try (RegistryLog log = openLog(); JdbcRegistryStore store = openStore()) {
      String token = Files.readString(tokenFile, StandardCharsets.UTF_8);
      LogReplay.Result replayed = LogReplay.replay(log, store, new SecureRandom());
      assertThat(replayed.applied()).isZero();
      RegistryService registry = new RegistryService(
          store, NearMatcher.NONE, log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
      ServeCommand.adminToken(registry, replayed, tokenFile, new PrintWriter(new StringWriter()), text);
      assertThat(Files.readString(tokenFile, StandardCharsets.UTF_8)).isEqualTo(token);
      assertThat(registry.recoverBootstrapAdmin(replayed.bootstrapAdmin().orElseThrow())).isEmpty();
      assertThat(store.credentialsOf(replayed.bootstrapAdmin().orElseThrow())).hasSize(2);
    }
  }

  @Test
  void replay_loggedParty_getsACredentialThatExpiredAtItsCreation() throws Exception {
    try (RegistryLog log = openLog(); JdbcRegistryStore store = openStore()) {
      RegistryService first = new RegistryService(
          dyingAtCreateParty(store), NearMatcher.NONE, log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
      assertThatThrownBy(first::bootstrapAdmin).hasMessageContaining("the process dies here");
    }
    try (RegistryLog log = openLog(); JdbcRegistryStore store = openStore()) {
      String adminId = LogReplay.replay(log, store, new SecureRandom()).bootstrapAdmin().orElseThrow();
      List<org.kyodaku.core.registry.Credential> credentials = store.credentialsOf(adminId);
      assertThat(credentials).hasSize(1);
      assertThat(credentials.getFirst().expiresAt()).contains(credentials.getFirst().createdAt());
    }
  }
}
