package org.kyodaku.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.registry.NearMatcher;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.log.checkpoint.CheckpointException;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.checkpoint.VerifiedCheckpoint;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.note.VerifierKey;
import org.kyodaku.log.registry.LogKeys;
import org.kyodaku.log.registry.RegistryLog;
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.log.witness.AddCheckpointRequest;
import org.kyodaku.log.witness.CosignatureStore;
import org.kyodaku.log.witness.Witness;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/**
 * The log as a tlog-witness client, end to end over real HTTP: a registry server whose acts go to
 * the log, two witness servers on their own ports, and the client between them; the cosigned
 * checkpoint appears at {@code GET /log/cosigned-checkpoint}.
 */
class WitnessClientTest {
  private static final WitnessClient.Timing FAST =
      new WitnessClient.Timing(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(400));

  @TempDir Path dir;
  private SignerKey key;
  private RegistryLog log;
  private Sequencer sequencer;
  private JdbcRegistryStore store;
  private KyodakuServer server;
  private ApiClient admin;
  private final SignerKey w1 = SignerKey.cosigner("witness.example/w1", seed(1), Clock.systemUTC());
  private final SignerKey w2 = SignerKey.cosigner("witness.example/w2", seed(2), Clock.systemUTC());
  private final List<AutoCloseable> closing = new java.util.ArrayList<>();
  private CosignatureStore cosignatures;

  private static byte[] seed(int b) {
    byte[] s = new byte[32];
    s[0] = (byte) b;
    return s;
  }

  @BeforeEach
  void start() throws Exception {
    key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(5));
    log = RegistryLog.open(dir.resolve("log"), SequencerConfig.of(key), Clock.systemUTC());
    sequencer = log.sequencer();
    store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("db")), 2));
    RegistryService registry =
        new RegistryService(store, NearMatcher.NONE, log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
    String token = registry.bootstrapAdmin().orElseThrow().token();
    cosignatures = CosignatureStore.open(
        dir.resolve("cosignatures"), key.name(), key.verifierKey(), List.of(w1.verifierKey(), w2.verifierKey()), Clock.systemUTC());
    server = KyodakuServer.start(
        registry, new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY),
        Optional.of(new LogPublication(sequencer.directory(), key.verifierKey().vkey(), Optional.of(cosignatures))));
    admin = new ApiClient(server.baseUrl()).as(token);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
    server.close();
    log.close();
    store.close();
  }

  private Witness witness(SignerKey cosigner, String name) {
    return Witness.open(dir.resolve(name), cosigner, List.of(key.verifierKey()));
  }

  private WitnessServer serve(Witness witness, int port) {
    WitnessServer s = WitnessServer.start(witness, new ServerConfig("127.0.0.1", port, WitnessServer.MAX_BODY));
    closing.add(s);
    return s;
  }

  private void client(List<WitnessClient.Target> targets) {
    closing.add(WitnessClient.start(targets, sequencer::checkpoint, sequencer.reader(), cosignatures, FAST));
  }

  private void act(String name) {
    ApiClient.Reply r = admin.post("/parties", "{\"kind\":\"creator\",\"name\":\"" + name + "\"}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
  }

  /** Waits until the served cosigned checkpoint is the log's latest with {@code quorum} of the witnesses. */
  private VerifiedCheckpoint awaitCosigned(List<VerifierKey> witnesses, int quorum) throws InterruptedException {
    CheckpointVerifier verifier = CheckpointVerifier.forLog(key.verifierKey()).withWitnesses(witnesses, quorum);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      ApiClient.Reply r = admin.get("/log/cosigned-checkpoint");
      last = r.toString();
      if (r.status() == 200) {
        try {
          VerifiedCheckpoint v = verifier.verify(r.text());
          if (v.checkpoint().size() == sequencer.size()) {
            return v;
          }
        } catch (CheckpointException e) {
          // Not yet all of them.
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no cosigned checkpoint of size " + sequencer.size() + " by " + quorum + " witnesses; last answer: " + last);
  }

  @Test
  void newCheckpoints_areCosignedByEveryWitnessAndServed() throws Exception {
    WitnessServer one = serve(witness(w1, "w1"), 0);
    WitnessServer two = serve(witness(w2, "w2"), 0);
    client(List.of(
        new WitnessClient.Target(URI.create(one.baseUrl()), w1.verifierKey()),
        new WitnessClient.Target(URI.create(two.baseUrl() + "/"), w2.verifierKey())));
    act("北斎");
    VerifiedCheckpoint first = awaitCosigned(List.of(w1.verifierKey(), w2.verifierKey()), 2);
    // The log grows; the witnesses follow with consistency proofs from what they hold.
    for (int i = 0; i < 5; i++) {
      act("作者 " + i);
    }
    VerifiedCheckpoint later = awaitCosigned(List.of(w1.verifierKey(), w2.verifierKey()), 2);
    assertThat(later.checkpoint().size()).isGreaterThan(first.checkpoint().size());
    // The served checkpoint carries them too.
    CheckpointVerifier.forLog(key.verifierKey()).withWitnesses(List.of(w1.verifierKey(), w2.verifierKey()), 2)
        .verify(admin.get("/log/checkpoint").text());
  }

  @Test
  void witnessHoldingALaterSize_answers409_andTheClientGoesOnFromIt() throws Exception {
    act("one");
    act("two");
    Witness w = witness(w1, "w1");
    // The witness already cosigned the current checkpoint (another log process, an earlier run).
    w.add(new AddCheckpointRequest(0, List.of(), sequencer.checkpoint()));
    long seeded = sequencer.size();
    act("three");
    WitnessServer one = serve(w, 0);
    client(List.of(new WitnessClient.Target(URI.create(one.baseUrl()), w1.verifierKey())));
    VerifiedCheckpoint v = awaitCosigned(List.of(w1.verifierKey()), 1);
    assertThat(v.checkpoint().size()).isGreaterThan(seeded);
    assertThat(w.held("kyodaku.test/log")).map(c -> c.size()).contains(v.checkpoint().size());
  }

  @Test
  void witnessDownAtFirst_appendsGoOnAndTheClientRetriesUntilItIsUp() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    client(List.of(new WitnessClient.Target(URI.create("http://127.0.0.1:" + port), w1.verifierKey())));
    act("while the witness is down");
    act("still down");
    Thread.sleep(300);
    assertThat(admin.get("/log/cosigned-checkpoint").status()).isEqualTo(404);
    serve(witness(w1, "w1"), port);
    awaitCosigned(List.of(w1.verifierKey()), 1);
  }

  @Test
  void witnessAnsweringWithAnotherKey_isNotKept() throws Exception {
    SignerKey stranger = SignerKey.cosigner("witness.example/w1", seed(9), Clock.systemUTC());
    WitnessServer liar = serve(witness(stranger, "liar"), 0);
    client(List.of(new WitnessClient.Target(URI.create(liar.baseUrl()), w1.verifierKey())));
    act("one");
    Thread.sleep(500);
    assertThat(admin.get("/log/cosigned-checkpoint").status()).isEqualTo(404);
    assertThat(admin.get("/log/checkpoint").text()).doesNotContain("witness.example/w1");
    // The log's own POST /log/cosignature route still refuses the stranger's line too.
    ApiClient.Reply posted = admin.send("POST", "/log/cosignature", HttpRequest.BodyPublishers.ofString(
        org.kyodaku.log.note.Note.parse(sequencer.checkpoint()).withSignatures(List.of(stranger)).format()));
    assertThat(posted.status()).isEqualTo(403);
  }
}
