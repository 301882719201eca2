package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.registry.NearMatcher;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.log.checkpoint.SignedCheckpoint;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.registry.LogKeys;
import org.kyodaku.log.registry.RegistryLog;
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.log.witness.CosignatureStore;
import org.kyodaku.log.witness.Witness;
import org.kyodaku.server.KyodakuServer;
import org.kyodaku.server.LogPublication;
import org.kyodaku.server.ServerConfig;
import org.kyodaku.server.WitnessClient;
import org.kyodaku.server.WitnessServer;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/**
 * {@code kyodaku receipt witness} and {@code receipt verify --witness --quorum}: a registry with a
 * real log asks two real witness servers for cosignatures; receipts taken before they cosign get
 * their witnessing added later, and each way of faking it is refused.
 */
class WitnessedReceiptTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static RegistryLog log;
  static Sequencer sequencer;
  static JdbcRegistryStore store;
  static KyodakuServer server;
  static WitnessServer one;
  static WitnessServer two;
  static WitnessClient client;
  static ApiClient admin;
  static ApiClient creator;
  static String lab;
  static String key;
  static String w1;
  static String w2;
  static int files;

  @BeforeAll
  static void start() throws Exception {
    SignerKey logKey = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(13));
    key = logKey.verifierKey().vkey();
    // The witnesses' keys come from the CLI, as an operator makes them.
    var made1 = CliContractTest.kyodaku("witness", "keygen", "--name", "witness.example/w1", "--out", dir.resolve("w1.key").toString());
    assertThat(made1.exit()).as(made1.err()).isZero();
    w1 = made1.out().strip();
    assertThat(Files.readString(dir.resolve("w1.key.vkey")).strip()).isEqualTo(w1);
    w2 = CliContractTest.kyodaku("witness", "keygen", "--name", "witness.example/w2", "--out", dir.resolve("w2.key").toString()).out().strip();
    SignerKey c1 = LogKeys.load(dir.resolve("w1.key"), Clock.systemUTC());
    SignerKey c2 = LogKeys.load(dir.resolve("w2.key"), Clock.systemUTC());

    log = RegistryLog.open(dir.resolve("log"), SequencerConfig.of(logKey), Clock.systemUTC());
    sequencer = log.sequencer();
    store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("data")), 4));
    RegistryService registry = new RegistryService(
        store, NearMatcher.NONE, log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
    String token = registry.bootstrapAdmin().orElseThrow().token();
    CosignatureStore cosignatures = CosignatureStore.open(
        dir.resolve("cosignatures"), logKey.name(), logKey.verifierKey(), List.of(c1.verifierKey(), c2.verifierKey()), Clock.systemUTC());
    server = KyodakuServer.start(
        registry, new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY),
        Optional.of(new LogPublication(sequencer.directory(), key, Optional.of(cosignatures))));
    ServerConfig any = new ServerConfig("127.0.0.1", 0, WitnessServer.MAX_BODY);
    one = WitnessServer.start(Witness.open(dir.resolve("w1"), c1, List.of(logKey.verifierKey())), any);
    two = WitnessServer.start(Witness.open(dir.resolve("w2"), c2, List.of(logKey.verifierKey())), any);
    client = WitnessClient.start(
        List.of(new WitnessClient.Target(URI.create(one.baseUrl()), c1.verifierKey()),
            new WitnessClient.Target(URI.create(two.baseUrl()), c2.verifierKey())),
        sequencer::checkpoint, sequencer.reader(), cosignatures,
        new WitnessClient.Timing(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(400)));

    admin = new ApiClient(JSON, server.baseUrl(), Optional.of(token), false);
    JsonNode author = admin.post("/parties", JSON.createObjectNode().put("kind", "creator").put("name", "作者"));
    creator = new ApiClient(JSON, server.baseUrl(), Optional.of(author.path("token").asText()), false);
    lab = admin.post("/parties", JSON.createObjectNode().put("kind", "licensee").put("name", "Lab")).path("id").asText();
  }

  @AfterAll
  static void stop() {
    client.close();
    one.close();
    two.close();
    server.close();
    log.close();
    store.close();
  }

  /** A registered, granted work and an allow receipt for it, written to a file. */
  private static Path allowReceipt() throws Exception {
    String name = "art" + (++files);
    String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(name.getBytes()));
    ObjectNode work = JSON.createObjectNode().put("title", name);
    work.putArray("assets").addObject().put("sha256", sha);
    String id = creator.post("/works", work).path("id").asText();
    ObjectNode grant = JSON.createObjectNode().put("licensee", lab);
    grant.putArray("uses").add("train-ai");
    grant.putArray("works").add(id);
    creator.post("/grants", grant);
    JsonNode d = admin.post("/decisions",
        JSON.createObjectNode().put("licensee", lab).put("use", "train-ai").put("sha256", sha).put("receipt", true));
    assertThat(d.path("decision").asText()).isEqualTo("allow");
    return Files.writeString(dir.resolve(name + ".receipt.json"), d.path("receipt").toPrettyString());
  }

  /** Waits until both witnesses cosigned the log's current size. */
  private static void awaitWitnesses() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      var cp = new LogCommand.Remote(server.baseUrl()).text("checkpoint");
      if (SignedCheckpoint.parse(cp).checkpoint().size() == sequencer.size()
          && cp.contains("witness.example/w1") && cp.contains("witness.example/w2")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the witnesses did not cosign size " + sequencer.size());
  }

  private static CliContractTest.Run witness(Path receipt) {
    return CliContractTest.kyodaku("receipt", "witness", receipt.toString(), "--server", server.baseUrl(), "--key", key, "--json");
  }

  private static CliContractTest.Run verify(Path receipt, String... witnessArgs) {
    List<String> args = new java.util.ArrayList<>(List.of("receipt", "verify", receipt.toString(), "--key", key, "--json"));
    args.addAll(List.of(witnessArgs));
    return CliContractTest.kyodaku(args.toArray(String[]::new));
  }

  /** A receipt, more acts after it, then its witnessing: the proof has hashes. */
  private static Path witnessedReceipt() throws Exception {
    Path receipt = allowReceipt();
    allowReceipt();
    awaitWitnesses();
    var run = witness(receipt);
    assertThat(run.exit()).as(run.err()).isZero();
    return receipt;
  }

  private static Path write(String name, JsonNode receipt) throws Exception {
    return Files.writeString(dir.resolve(name), receipt.toPrettyString());
  }

  private static ObjectNode read(Path p) throws Exception {
    return (ObjectNode) JSON.readTree(Files.readString(p));
  }

  @Test
  void witnessedReceipt_verifiesWithTheQuorumOfBothWitnesses() throws Exception {
    Path receipt = allowReceipt();
    long receiptSize = SignedCheckpoint.parse(read(receipt).path("checkpoint").asText()).checkpoint().size();
    allowReceipt();
    awaitWitnesses();
    var added = witness(receipt);
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.single().path("from").asLong()).isEqualTo(receiptSize);
    assertThat(added.single().path("to").asLong()).isGreaterThan(receiptSize);
    assertThat(read(receipt).path("witnessed").path("consistency").size()).isPositive();

    var run = verify(receipt, "--witness", w1, "--witness", w2, "--quorum", "2");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode w = run.single().path("witnessed");
    assertThat(w.path("quorum").asInt()).isEqualTo(2);
    assertThat(w.path("cosignatures")).hasSize(2);
    assertThat(w.path("cosignatures").get(0).path("time").asText()).isNotEmpty();
    // Without witness keys a witnessed receipt verifies as before; --quorum defaults to all keys.
    assertThat(verify(receipt).exit()).isZero();
    assertThat(verify(receipt, "--witness", dir.resolve("w1.key.vkey").toString(), "--witness", w2).exit()).isZero();
    var text = CliContractTest.kyodaku("receipt", "verify", receipt.toString(), "--key", key, "--witness", w1, "--quorum", "1");
    assertThat(text.out()).contains("witnessed: 1 of the given witnesses (quorum 1) cosigned size");
  }

  @Test
  void receiptWithoutWitnessing_failsTheQuorum() throws Exception {
    Path receipt = allowReceipt();
    var run = verify(receipt, "--witness", w1, "--witness", w2);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("too few witnesses: the receipt's checkpoint has 0 valid cosignature(s)")
        .contains("kyodaku receipt witness");
  }

  @Test
  void tooFewOfTheGivenWitnesses_exitsOne() throws Exception {
    Path receipt = witnessedReceipt();
    String stranger = LogKeys.createCosigner(dir.resolve("stranger.key"), "stranger.example/w", new Random(3), Clock.systemUTC())
        .verifierKey().vkey();
    var run = verify(receipt, "--witness", w1, "--witness", stranger, "--quorum", "2");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("too few witnesses: the witnessed checkpoint has 1 valid cosignature(s) by the given witnesses [witness.example/w1], the quorum is 2 of 2");
  }

  @Test
  void tamperedCosignature_exitsOne() throws Exception {
    ObjectNode r = read(witnessedReceipt());
    ObjectNode w = (ObjectNode) r.path("witnessed");
    String cp = w.path("checkpoint").asText();
    int line = cp.indexOf("\u2014 witness.example/w2 ");
    int at = cp.indexOf(' ', line + 2) + 30;
    w.put("checkpoint", cp.substring(0, at) + (cp.charAt(at) == 'A' ? 'B' : 'A') + cp.substring(at + 1));
    var run = verify(write("tampered-cosignature.json", r), "--witness", w1, "--witness", w2, "--quorum", "1");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("a witness cosignature on the witnessed checkpoint does not verify (tampered or forged)");
  }

  @Test
  void inconsistentProof_exitsOne() throws Exception {
    ObjectNode r = read(witnessedReceipt());
    ArrayNode proof = (ArrayNode) r.path("witnessed").path("consistency");
    proof.set(0, JSON.getNodeFactory().textNode(proof.get(proof.size() - 1).asText().equals(proof.get(0).asText())
        ? "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" : proof.get(proof.size() - 1).asText()));
    var run = verify(write("inconsistent.json", r), "--witness", w1, "--witness", w2);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("inconsistent: the consistency proof from the receipt's tree (size");
  }

  @Test
  void witnessedCheckpointOlderThanTheReceipt_exitsOne() throws Exception {
    ObjectNode early = read(witnessedReceipt());
    allowReceipt();
    ObjectNode later = read(allowReceipt());
    later.set("witnessed", early.path("witnessed"));
    var run = verify(write("older-witness.json", later), "--witness", w1, "--witness", w2);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).containsPattern("the witnessed checkpoint has size \\d+, older than the receipt's checkpoint of size \\d+");
  }

  @Test
  void quorumOptions_badUsage_exitTwo() throws Exception {
    Path receipt = allowReceipt();
    var noWitness = verify(receipt, "--quorum", "1");
    assertThat(noWitness.exit()).isEqualTo(2);
    assertThat(noWitness.err()).contains("--quorum needs the witnesses it counts");
    var tooMany = verify(receipt, "--witness", w1, "--witness", w2, "--quorum", "3");
    assertThat(tooMany.exit()).isEqualTo(2);
    assertThat(tooMany.err()).contains("--quorum 3 must be between 1 and the number of --witness keys (2)");
  }

  @Test
  void witnessCommand_foreignKeyOrServer_refusesAndLeavesTheReceiptAlone() throws Exception {
    Path receipt = allowReceipt();
    String before = Files.readString(receipt);
    String otherKey = LogKeys.loadOrCreate(dir.resolve("other-log.key"), "kyodaku.test/log", new Random(77)).verifierKey().vkey();
    var run = CliContractTest.kyodaku("receipt", "witness", receipt.toString(), "--server", server.baseUrl(), "--key", otherKey);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("not signed by the log key");
    assertThat(Files.readString(receipt)).isEqualTo(before);
    var keygenAgain = CliContractTest.kyodaku("witness", "keygen", "--name", "witness.example/w1", "--out", dir.resolve("w1.key").toString());
    assertThat(keygenAgain.exit()).isEqualTo(2);
    assertThat(keygenAgain.err()).contains("exists; a key file is never replaced");
  }
}
