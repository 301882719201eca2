package org.kyodaku.server;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.PartyKind;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.Caller;
import org.kyodaku.core.registry.NearMatcher;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.core.registry.RegistryStore;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.registry.LogKeys;
import org.kyodaku.log.registry.RegistryLog;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/**
 * The registry process {@link LogReplayCrashTest} kills with SIGKILL: in {@code args[0]} it
 * creates a creator, a licensee and a work, then issues a grant whose store write never returns —
 * the grant is already in the log (appended first, ADR 0007). It prints {@code ids <admin token>
 * <licensee> <work>} and, once the grant is logged, {@code logged <grant id> <log index>}, then
 * waits to be killed.
 */
public final class ReplayCrashChild {
  static SignerKey key(Path dir) throws Exception {
    return LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(17));
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    RegistryLog log = RegistryLog.open(dir.resolve("log"), SequencerConfig.of(key(dir)), Clock.systemUTC());
    JdbcRegistryStore store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("db")), 2));
    RegistryStore hanging = (RegistryStore) Proxy.newProxyInstance(
        RegistryStore.class.getClassLoader(),
        new Class<?>[] {RegistryStore.class},
        (proxy, method, a) -> {
          if (method.getName().equals("createGrant") && a.length == 2) {
            out.println("logged " + ((Grant) a[0]).id() + " " + a[1]);
            Thread.sleep(Long.MAX_VALUE); // the crash comes here: logged, never stored
          }
          try {
            return method.invoke(store, a);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    RegistryService registry = new RegistryService(
        hanging, NearMatcher.NONE, log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
    String adminToken = registry.bootstrapAdmin().orElseThrow().token();
    Caller admin = registry.authenticate(adminToken);
    var creator = registry.createParty(admin, PartyKind.CREATOR, "作者", Optional.empty());
    var lab = registry.createParty(admin, PartyKind.LICENSEE, "Lab", Optional.empty());
    Caller c = registry.authenticate(creator.token());
    var work = registry.registerWork(c, "波", WorkKind.IMAGE,
        List.of(new Asset(Optional.empty(), List.of(Fingerprint.sha256("a".repeat(64))))));
    out.println("ids " + adminToken + " " + lab.party().id() + " " + work.work().id());
    registry.grant(c, new RegistryService.GrantRequest(Optional.of(lab.party().id()), EnumSet.of(Use.TRAIN_AI), false,
        Set.of(work.work().id()), Optional.empty(), Optional.empty(), Set.of(), Optional.empty()));
  }
}
