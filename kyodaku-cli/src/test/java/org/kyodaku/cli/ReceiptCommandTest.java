package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.registry.NearMatcher;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.registry.LogKeys;
import org.kyodaku.log.registry.LogReceipts;
import org.kyodaku.log.registry.LogRecorder;
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.server.KyodakuServer;
import org.kyodaku.server.LogPublication;
import org.kyodaku.server.ServerConfig;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/**
 * {@code kyodaku check --receipt-dir} and {@code kyodaku receipt verify} against an in-process
 * server with a real log: a genuine receipt verifies, and each kind of forgery is refused with its
 * own message and exit 1.
 */
class ReceiptCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Sequencer sequencer;
  static JdbcRegistryStore store;
  static KyodakuServer server;
  static String admin;
  static String key;
  static String lab;
  static String creator;

  @BeforeAll
  static void start() throws Exception {
    SignerKey logKey = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(11));
    key = logKey.verifierKey().vkey();
    sequencer = Sequencer.open(dir.resolve("log"), SequencerConfig.of(logKey));
    store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("data")), 4));
    RegistryService registry = new RegistryService(
        store, NearMatcher.NONE, new LogRecorder(sequencer, logKey), new LogReceipts(sequencer), Clock.systemUTC(), new SecureRandom());
    admin = registry.bootstrapAdmin().orElseThrow().token();
    server = KyodakuServer.start(
        registry, new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY),
        Optional.of(new LogPublication(sequencer.directory(), key)));
    creator = client(admin, "party", "create", "--kind", "creator", "--name", "作者").single().path("token").asText();
    lab = client(admin, "party", "create", "--kind", "licensee", "--name", "Lab").single().path("id").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
    sequencer.close();
    store.close();
  }

  static CliContractTest.Run client(String token, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server", server.baseUrl(), "--token", token, "--json"));
    return CliContractTest.kyodaku(all.toArray(String[]::new));
  }

  private static CliContractTest.Run verify(Path receipt) {
    return CliContractTest.kyodaku("receipt", "verify", receipt.toString(), "--key", key, "--json");
  }

  /** Registers and grants a fresh file, checks it with receipts into a new directory. */
  private static Path allowReceipt(String name) throws Exception {
    Path art = Files.writeString(dir.resolve(name), "content of " + name);
    String work = client(creator, "work", "register", "--title", name, art.toString()).single().path("id").asText();
    assertThat(client(creator, "grant", "create", "--licensee", lab, "--use", "train-ai", "--work", work).exit()).isZero();
    Path receipts = dir.resolve("receipts-" + name);
    var check = client(admin, "check", "--licensee", lab, "--use", "train-ai", "--receipt-dir", receipts.toString(), art.toString());
    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.single().path("decision").asText()).isEqualTo("allow");
    Path receipt = receipts.resolve(name + ".receipt.json");
    assertThat(check.single().path("receipt").asText()).isEqualTo(receipt.toString());
    return receipt;
  }

  private static Path write(String name, JsonNode receipt) throws Exception {
    return Files.writeString(dir.resolve(name), receipt.toPrettyString(), StandardCharsets.UTF_8);
  }

  private static ObjectNode read(Path p) throws Exception {
    return (ObjectNode) JSON.readTree(Files.readString(p));
  }

  @Test
  void verify_genuineAllowReceipt_exitsZero() throws Exception {
    var run = verify(allowReceipt("genuine.png"));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.single().path("decision").asText()).isEqualTo("allow");
    assertThat(run.single().path("entries").asInt()).isEqualTo(2);
  }

  @Test
  void check_receiptExists_isNeverOverwritten() throws Exception {
    Path receipt = allowReceipt("twice.png");
    var again = client(admin, "check", "--licensee", lab, "--use", "train-ai", "--receipt-dir", receipt.getParent().toString(), dir.resolve("twice.png").toString());
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("exists; receipts are never overwritten");
  }

  @Test
  void verify_denyReceipt_verifiesAndSaysAbsenceIsNotProven() throws Exception {
    Path art = Files.writeString(dir.resolve("ungranted.png"), "nobody granted this");
    client(creator, "work", "register", "--title", "ungranted", art.toString());
    Path receipts = dir.resolve("receipts-deny");
    var check = client(admin, "check", "--licensee", lab, "--use", "train-ai", "--receipt-dir", receipts.toString(), art.toString());
    assertThat(check.single().path("decision").asText()).isEqualTo("deny");
    var run = CliContractTest.kyodaku("receipt", "verify", receipts.resolve("ungranted.png.receipt.json").toString(), "--key", key);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("verified: deny (no-grant), 1 log entries").contains("does not prove that no grant existed");
  }

  @Test
  void verify_tamperedGrantEntry_exitsOneNamingTheAlteredEntry() throws Exception {
    ObjectNode r = read(allowReceipt("tampered.png"));
    ObjectNode grant = (ObjectNode) r.path("entries").path(0);
    assertThat(grant.path("role").asText()).isEqualTo("grant");
    grant.put("entry", grant.path("entry").asText().replace("\"train-ai\"", "\"search\""));
    var run = verify(write("tampered.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("entries[0] (grant g_").contains("the entry was altered");
  }

  @Test
  void verify_forgedCheckpointSignature_exitsOne() throws Exception {
    ObjectNode r = read(allowReceipt("forged.png"));
    String cp = r.path("checkpoint").asText();
    int sig = cp.lastIndexOf(' ') + 1;
    char c = cp.charAt(sig + 10);
    String forged = cp.substring(0, sig + 10) + (c == 'A' ? 'B' : 'A') + cp.substring(sig + 11);
    r.put("checkpoint", forged);
    var run = verify(write("forged.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("the receipt's checkpoint is not signed by the log key kyodaku.test/log");
  }

  @Test
  void verify_proofForAnotherTreeSize_exitsOne() throws Exception {
    ObjectNode old = read(allowReceipt("older.png"));
    ObjectNode r = read(allowReceipt("newer.png"));
    // The older receipt's checkpoint (genuine, smaller tree) with the newer proofs: sizes differ.
    r.put("checkpoint", old.path("checkpoint").asText());
    var run = verify(write("othersize.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).containsPattern("the proof is for tree size \\d+, not the receipt's checkpoint of size \\d+");
  }

  @Test
  void verify_truncatedReceipt_exitsOne() throws Exception {
    String text = Files.readString(allowReceipt("truncated.png"));
    Path cut = Files.writeString(dir.resolve("truncated.json"), text.substring(0, text.length() / 2));
    var run = verify(cut);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("the receipt is not complete JSON (truncated?)");
  }

  @Test
  void verify_entryOfAnotherDecision_exitsOneSayingTheGrantIsMissing() throws Exception {
    ObjectNode other = read(allowReceipt("other.png"));
    ObjectNode r = read(allowReceipt("mine.png"));
    // Entries of another, genuine receipt against the same checkpoint would verify as entries, but
    // are not the grant this decision names.
    ((ObjectNode) r.path("decision")).put("grant", other.path("decision").path("grant").asText());
    var run = verify(write("mixed.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("the receipt has no entry for grant");
  }

  @Test
  void verify_wrongKey_exitsOneAtTheCheckpoint() throws Exception {
    Path receipt = allowReceipt("wrongkey.png");
    String otherKey = LogKeys.loadOrCreate(dir.resolve("other.key"), "kyodaku.test/log", new Random(99)).verifierKey().vkey();
    var run = CliContractTest.kyodaku("receipt", "verify", receipt.toString(), "--key", otherKey);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("not signed by the log key");
  }
}
