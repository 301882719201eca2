package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.registry.NearMatcher;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.log.map.MapHasher;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.registry.LogKeys;
import org.kyodaku.log.registry.RegistryLog;
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
  static RegistryLog log;
  static Sequencer sequencer;
  static JdbcRegistryStore store;
  static KyodakuServer server;
  static String admin;
  static String key;
  static String lab;
  static String creator;
  static String otherLab;

  @BeforeAll
  static void start() throws Exception {
    SignerKey logKey = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(11));
    key = logKey.verifierKey().vkey();
    log = RegistryLog.open(dir.resolve("log"), SequencerConfig.of(logKey), Clock.systemUTC());
    sequencer = log.sequencer();
    store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("data")), 4));
    RegistryService registry = new RegistryService(
        store, NearMatcher.NONE, log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
    admin = registry.bootstrapAdmin().orElseThrow().token();
    server = KyodakuServer.start(
        registry, new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY),
        Optional.of(new LogPublication(sequencer.directory(), key)));
    creator = client(admin, "party", "create", "--kind", "creator", "--name", "作者").single().path("token").asText();
    lab = client(admin, "party", "create", "--kind", "licensee", "--name", "Lab").single().path("id").asText();
    otherLab = client(admin, "party", "create", "--kind", "licensee", "--name", "Other Lab").single().path("id").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
    log.close();
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
    assertThat(run.single().path("grantCurrent").asText()).isEqualTo("proven");
    assertThat(run.single().path("grantAbsence").asText()).isEqualTo("not-applicable");
  }

  @Test
  void verify_allowReceipt_textSaysTheGrantWasCurrent() throws Exception {
    var run = CliContractTest.kyodaku("receipt", "verify", allowReceipt("current.png").toString(), "--key", key);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("proven (as of the receipt's checkpoint): the grant was in the work's current grant set at the decision's instant");
  }

  @Test
  void verify_asAProcess_speaksJapaneseUnderLangJaAndEnglishUnderLangC() throws Exception {
    Path receipt = allowReceipt("language.png");
    long size = read(receipt).path("checkpoint").asText().lines().skip(1).mapToLong(Long::parseLong).findFirst().orElseThrow();

    var ja = CliProcess.run(dir, LanguageProcessTest.JA, "receipt", "verify", receipt.toString(), "--key", key);
    assertThat(ja.exit()).as(ja.err()).isZero();
    assertThat(ja.out().lines()).containsExactly(
        "検証済み: 許可（許諾あり）、2 件のログエントリが kyodaku.test/log のサイズ " + size + " のツリーに含まれています",
        "証明済み（レシートのチェックポイントの時点まで）: 判定の時点で、この許諾は作品の現在の許諾セットにありました（それより前に取り消されていません）");
    var en = CliProcess.run(dir, "C", "receipt", "verify", receipt.toString(), "--key", key);
    assertThat(en.exit()).as(en.err()).isZero();
    assertThat(en.out().lines()).containsExactly(
        "verified: allow (grant), 2 log entries included in kyodaku.test/log at size " + size,
        "proven (as of the receipt's checkpoint): the grant was in the work's current grant set at the decision's instant (not revoked before it)");

    // Refused: the error line in the user's language, the same exit code.
    Path altered = Files.writeString(dir.resolve("language-altered.json"), Files.readString(receipt).replace(lab, otherLab));
    var jaRefused = CliProcess.run(dir, LanguageProcessTest.JA, "receipt", "verify", altered.toString(), "--key", key);
    assertThat(jaRefused.exit()).isEqualTo(1);
    assertThat(jaRefused.err()).startsWith("kyodaku: エラー: " + altered + ": レシートを検証できません: entries[0] (grant g_")
        .contains("エントリが改変されています（レジストリが署名したエントリではありません）");
    var enRefused = CliProcess.run(dir, "C", "receipt", "verify", altered.toString(), "--key", key);
    assertThat(enRefused.exit()).isEqualTo(1);
    assertThat(enRefused.err()).startsWith("kyodaku: error: " + altered + ": receipt not verified: entries[0] (grant g_")
        .contains("the entry was altered (it is not the entry the registry signed)");

    // JSON never changes with the language.
    var jaJson = CliProcess.run(dir, LanguageProcessTest.JA, "receipt", "verify", receipt.toString(), "--key", key, "--json");
    var enJson = CliProcess.run(dir, "C", "receipt", "verify", receipt.toString(), "--key", key, "--json");
    assertThat(jaJson.exit()).isZero();
    assertThat(jaJson.out()).isEqualTo(enJson.out()).contains("\"verified\":true");
  }

  @Test
  void verify_allowWithoutMap_verifiesButSaysTheGrantIsNotProvenCurrent() throws Exception {
    ObjectNode r = read(allowReceipt("allow-nomap.png"));
    r.remove("map");
    Path p = write("allow-nomap.json", r);
    var run = verify(p);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.single().path("grantCurrent").asText()).isEqualTo("not-proven");
    assertThat(CliContractTest.kyodaku("receipt", "verify", p.toString(), "--key", key).out())
        .contains("does not prove that the grant was not revoked before the decision's instant");
  }

  @Test
  void verify_allowMapWithoutItsGrant_exitsOne() throws Exception {
    ObjectNode r = read(allowReceipt("allow-omitted.png"));
    // The set is claimed empty: the map proof shows the grant's digest, so it is refused.
    ((ObjectNode) r.path("map").path("works").path(0)).putArray("grants");
    var run = verify(write("allow-omitted.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("stale, forged or incomplete map evidence").contains("expected absent");
  }

  @Test
  void verify_allowWithAStaleMapRoot_exitsOne() throws Exception {
    ObjectNode r = read(allowReceipt("allow-stale.png"));
    long index = r.path("map").path("index").asLong();
    var view = log.receipts().view();
    assertThat(view.checkpoint()).isEqualTo(r.path("checkpoint").asText());
    // The map root of the batch before the grant: genuine, in the tree, but not the state then.
    var earlier = view.prove(index - 2);
    ((ObjectNode) r.path("map")).put("index", earlier.index()).put("entry", earlier.entry()).put("proof", earlier.proof());
    var run = verify(write("allow-stale.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("stale map: the map root at index " + (index - 2));
  }

  /**
   * A grant issued, then revoked; the registry (lying) answers "allow" after the revocation, with
   * the genuine grant entry and the genuine map evidence of that time, leaving the revocation out.
   */
  private static ObjectNode allowAfterRevocation(String name) throws Exception {
    Path art = Files.writeString(dir.resolve(name), "content of " + name);
    String work = client(creator, "work", "register", "--title", name, art.toString()).single().path("id").asText();
    String grant = client(creator, "grant", "create", "--licensee", lab, "--use", "train-ai", "--work", work)
        .single().path("id").asText();
    ObjectNode allowed = read(allowReceiptFor(art, "a"));
    JsonNode grantEntry = allowed.path("entries").path(0);
    assertThat(grantEntry.path("role").asText()).isEqualTo("grant");
    assertThat(client(creator, "grant", "revoke", grant).exit()).isZero();
    ObjectNode r = read(allowReceiptFor(art, "b"));
    assertThat(r.path("decision").path("decision").asText()).isEqualTo("deny");
    var view = log.receipts().view();
    assertThat(view.checkpoint()).isEqualTo(r.path("checkpoint").asText());
    var proved = view.prove(grantEntry.path("index").asLong());
    ((ObjectNode) r.path("decision")).put("decision", "allow").put("basis", "grant").put("grant", grant);
    ((ArrayNode) r.path("entries")).addObject().put("role", "grant").put("id", grant)
        .put("index", proved.index()).put("entry", proved.entry()).put("proof", proved.proof());
    r.remove("grantAbsence");
    return r;
  }

  private static Path allowReceiptFor(Path art, String suffix) {
    Path receipts = dir.resolve("receipts-" + art.getFileName() + "-" + suffix);
    var check = client(admin, "check", "--licensee", lab, "--use", "train-ai", "--receipt-dir", receipts.toString(), art.toString());
    assertThat(check.exit()).as(check.err()).isZero();
    return receipts.resolve(art.getFileName() + ".receipt.json");
  }

  @Test
  void verify_allowForAGrantRevokedBeforeTheInstant_exitsOne() throws Exception {
    ObjectNode r = allowAfterRevocation("revoked-before.png");
    String grant = r.path("decision").path("grant").asText();
    // Without the map, the forged allow would pass as "not proven"; with it, it is refused.
    ObjectNode withoutMap = r.deepCopy();
    withoutMap.remove("map");
    assertThat(verify(write("revoked-before-nomap.json", withoutMap)).single().path("grantCurrent").asText()).isEqualTo("not-proven");
    var run = verify(write("revoked-before.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("grant " + grant + " is not in work").contains("it was revoked (or not yet logged)");
  }

  @Test
  void verify_allowMapWithAForgedLeaf_exitsOne() throws Exception {
    ObjectNode r = allowAfterRevocation("revoked-forged.png");
    String grant = r.path("decision").path("grant").asText();
    ObjectNode set = (ObjectNode) r.path("map").path("works").path(0);
    assertThat(set.path("grants")).isEmpty();
    // Turn the absence proof into a presence proof of {grant}: key || 0x01 || value || rest.
    byte[] absent = Base64.getDecoder().decode(set.path("proof").asText());
    byte[] digest = MapHasher.grantSetDigest(List.of(grant)).bytes();
    byte[] forged = new byte[absent.length + 32];
    System.arraycopy(absent, 0, forged, 0, 32);
    forged[32] = 1;
    System.arraycopy(digest, 0, forged, 33, 32);
    System.arraycopy(absent, 33, forged, 65, absent.length - 33);
    set.put("proof", Base64.getEncoder().encodeToString(forged));
    set.putArray("grants").add(grant);
    var run = verify(write("revoked-forged.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("map root mismatch");
  }

  @Test
  void verify_allowAtAPastInstantBeforeTheRevocation_provesTheGrantCurrentThen() throws Exception {
    Path art = Files.writeString(dir.resolve("past-allow.png"), "content of past-allow.png");
    String work = client(creator, "work", "register", "--title", "past-allow", art.toString()).single().path("id").asText();
    String grant = client(creator, "grant", "create", "--licensee", lab, "--use", "train-ai", "--work", work)
        .single().path("id").asText();
    Thread.sleep(5);
    String before = java.time.Instant.now().toString();
    Thread.sleep(5);
    assertThat(client(creator, "grant", "revoke", grant).exit()).isZero();
    Path receipts = dir.resolve("receipts-past-allow");
    var check = client(admin, "check", "--licensee", lab, "--use", "train-ai", "--at", before, "--receipt-dir", receipts.toString(), art.toString());
    assertThat(check.single().path("decision").asText()).isEqualTo("allow");
    ObjectNode r = read(receipts.resolve("past-allow.png.receipt.json"));
    assertThat(r.path("map").path("next").path("entry").asText()).contains("\"type\":\"revocation\"");
    var run = verify(write("past-allow.json", r));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.single().path("grantCurrent").asText()).isEqualTo("proven");
  }

  @Test
  void check_receiptExists_isNeverOverwritten() throws Exception {
    Path receipt = allowReceipt("twice.png");
    var again = client(admin, "check", "--licensee", lab, "--use", "train-ai", "--receipt-dir", receipt.getParent().toString(), dir.resolve("twice.png").toString());
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("exists; receipts are never overwritten");
  }

  /**
   * Registers a fresh file, grants it to the other lab (so the work's grant set is not empty) and
   * checks it for {@code lab}: a no-grant deny with map evidence.
   */
  private static Path denyReceipt(String name, int grantsToOthers) throws Exception {
    Path art = Files.writeString(dir.resolve(name), "content of " + name);
    String work = client(creator, "work", "register", "--title", name, art.toString()).single().path("id").asText();
    for (int i = 0; i < grantsToOthers; i++) {
      assertThat(client(creator, "grant", "create", "--licensee", otherLab, "--use", "train-ai", "--work", work).exit()).isZero();
    }
    Path receipts = dir.resolve("receipts-" + name);
    var check = client(admin, "check", "--licensee", lab, "--use", "train-ai", "--receipt-dir", receipts.toString(), art.toString());
    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.single().path("decision").asText()).isEqualTo("deny");
    return receipts.resolve(name + ".receipt.json");
  }

  @Test
  void verify_denyReceiptOfAWorkWithoutGrants_provesAbsence() throws Exception {
    Path receipt = denyReceipt("ungranted.png", 0);
    assertThat(read(receipt).path("grantAbsence").asText()).isEqualTo("proven");
    assertThat(read(receipt).path("map").path("works").path(0).path("grants")).isEmpty();
    var run = CliContractTest.kyodaku("receipt", "verify", receipt.toString(), "--key", key);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("verified: deny (no-grant), 1 log entries").contains("proven (as of the receipt's checkpoint): no grant");
  }

  @Test
  void verify_denyReceiptWithOtherLicenseesGrants_provesNoneCovers() throws Exception {
    ObjectNode r = read(denyReceipt("others.png", 2));
    assertThat(r.path("map").path("works").path(0).path("grants")).hasSize(2);
    var run = verify(write("others.json", r));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.single().path("grantAbsence").asText()).isEqualTo("proven");
    assertThat(run.single().path("entries").asInt()).isEqualTo(3);
  }

  @Test
  void verify_denyWithoutMap_verifiesButSaysAbsenceIsNotProven() throws Exception {
    ObjectNode r = read(denyReceipt("nomap.png", 1));
    r.remove("map");
    var run = CliContractTest.kyodaku("receipt", "verify", write("nomap.json", r).toString(), "--key", key);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("does not prove that no grant existed");
  }

  @Test
  void verify_staleMapProof_exitsOne() throws Exception {
    Path first = denyReceipt("stale.png", 1);
    ObjectNode old = read(first);
    String work = old.path("decision").path("work").asText();
    // Another grant enters the work's set; the newer receipt gets the older map proof and set.
    client(creator, "grant", "create", "--licensee", otherLab, "--use", "search", "--work", work);
    var check = client(admin, "check", "--licensee", lab, "--use", "train-ai", "--receipt-dir", dir.resolve("stale-2").toString(), dir.resolve("stale.png").toString());
    ObjectNode r = read(dir.resolve("stale-2").resolve("stale.png.receipt.json"));
    assertThat(check.single().path("decision").asText()).isEqualTo("deny");
    ((ObjectNode) r.path("map")).set("works", old.path("map").path("works"));
    var run = verify(write("stale.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("stale, forged or incomplete map evidence").contains("map root mismatch");
  }

  @Test
  void verify_mapRootThatIsNotTheCheckpointsLastEntry_exitsOneAsStale() throws Exception {
    ObjectNode r = read(denyReceipt("notlast.png", 0));
    long index = r.path("map").path("index").asLong();
    // A genuine, proven map-root entry of an earlier batch, against the receipt's own checkpoint.
    var view = log.receipts().view();
    assertThat(view.checkpoint()).isEqualTo(r.path("checkpoint").asText());
    var earlier = view.prove(index - 2);
    ((ObjectNode) r.path("map")).put("index", earlier.index()).put("entry", earlier.entry()).put("proof", earlier.proof());
    var run = verify(write("notlast.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("stale map: the map root at index " + (index - 2) + " commits the first " + (index - 2));
  }

  @Test
  void verify_omittedGrant_exitsOne() throws Exception {
    ObjectNode r = read(denyReceipt("omitted.png", 2));
    ArrayNode grants = (ArrayNode) r.path("map").path("works").path(0).path("grants");
    grants.remove(1);
    var run = verify(write("omitted.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("value digest mismatch");
  }

  @Test
  void verify_forgedLeaf_exitsOne() throws Exception {
    ObjectNode r = read(denyReceipt("forgedleaf.png", 2));
    ObjectNode set = (ObjectNode) r.path("map").path("works").path(0);
    // The registry claims a smaller set and forges the leaf's value to match it.
    String kept = set.path("grants").path(0).asText();
    set.putArray("grants").add(kept);
    byte[] proof = Base64.getDecoder().decode(set.path("proof").asText());
    byte[] digest = MapHasher.grantSetDigest(List.of(kept)).bytes();
    System.arraycopy(digest, 0, proof, 33, 32);
    set.put("proof", Base64.getEncoder().encodeToString(proof));
    var run = verify(write("forgedleaf.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("map root mismatch");
  }

  @Test
  void verify_forgedAbsence_exitsOne() throws Exception {
    ObjectNode r = read(denyReceipt("forgedabsence.png", 1));
    ((ObjectNode) r.path("map").path("works").path(0)).putArray("grants");
    var run = verify(write("forgedabsence.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("present with value digest").contains("expected absent");
  }

  @Test
  void verify_mapRootProofForAnotherTreeSize_exitsOne() throws Exception {
    ObjectNode old = read(denyReceipt("mapsize-old.png", 0));
    ObjectNode r = read(denyReceipt("mapsize-new.png", 0));
    r.set("map", old.path("map"));
    var run = verify(write("mapsize.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).containsPattern("map \\(map-root \\d+\\): the proof is for tree size \\d+, not the receipt's checkpoint of size \\d+");
  }

  @Test
  void verify_truncatedMapEvidence_exitsOne() throws Exception {
    ObjectNode r = read(denyReceipt("truncmap.png", 1));
    ((ObjectNode) r.path("map")).remove("works");
    var run = verify(write("truncmap.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("the receipt's map lacks index, entry, proof or works (truncated?)");
    String text = Files.readString(denyReceipt("truncmap2.png", 1));
    Path cut = Files.writeString(dir.resolve("truncmap2.json"), text.substring(0, text.indexOf("\"works\"")));
    assertThat(verify(cut).err()).contains("the receipt is not complete JSON (truncated?)");
  }

  @Test
  void verify_mapWhoseSetHoldsACoveringGrant_exitsOne() throws Exception {
    // An allow turned into a "no-grant" deny, with the genuine map evidence of its work: the set
    // holds the very grant that covers the question.
    ObjectNode r = read(allowReceipt("contradicted.png"));
    ObjectNode d = (ObjectNode) r.path("decision");
    String work = d.path("work").asText();
    d.put("decision", "deny").put("basis", "no-grant").putNull("grant");
    var view = log.receipts().view();
    var map = view.grantMap().orElseThrow();
    var set = map.grantSet(work);
    ObjectNode m = r.putObject("map").put("index", map.root().index()).put("entry", map.root().entry()).put("proof", map.root().proof());
    ObjectNode w = m.putArray("works").addObject().put("work", work).put("proof", set.proof());
    set.grants().keySet().forEach(w.putArray("grants")::add);
    ArrayNode entries = r.putArray("entries");
    for (var g : set.grants().entrySet()) {
      var p = view.prove(g.getValue());
      entries.addObject().put("role", "grant").put("id", g.getKey()).put("index", p.index()).put("entry", p.entry()).put("proof", p.proof());
    }
    r.put("checkpoint", view.checkpoint());
    // The work's registration, proved against the same checkpoint.
    String workEntry = null;
    for (long i = 0; i < view.grantMap().orElseThrow().root().index(); i++) {
      var e = view.prove(i);
      if (e.entry().contains("\"type\":\"work\"") && e.entry().contains(work)) {
        entries.addObject().put("role", "work").put("id", work).put("index", e.index()).put("entry", e.entry()).put("proof", e.proof());
        workEntry = e.entry();
      }
    }
    assertThat(workEntry).isNotNull();
    var run = verify(write("contradicted.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("in work " + work + "'s current grant set covers").contains("contradicts the deny");
  }

  /**
   * A work granted to the other lab, then (after instant T) to {@code lab}: asked at T, the deny's
   * map evidence is the state after the last act before T, bounded by the later grant.
   */
  private static ObjectNode pastDenyReceipt(String name) throws Exception {
    Path art = Files.writeString(dir.resolve(name), "content of " + name);
    String work = client(creator, "work", "register", "--title", name, art.toString()).single().path("id").asText();
    client(creator, "grant", "create", "--licensee", otherLab, "--use", "train-ai", "--work", work);
    Thread.sleep(5);
    String before = java.time.Instant.now().toString();
    Thread.sleep(5);
    client(creator, "grant", "create", "--licensee", lab, "--use", "train-ai", "--work", work);
    Path receipts = dir.resolve("receipts-" + name);
    var now = client(admin, "check", "--licensee", lab, "--use", "train-ai", art.toString());
    assertThat(now.single().path("decision").asText()).isEqualTo("allow");
    var check = client(admin, "check", "--licensee", lab, "--use", "train-ai", "--at", before, "--receipt-dir", receipts.toString(), art.toString());
    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.single().path("decision").asText()).isEqualTo("deny");
    return read(receipts.resolve(name + ".receipt.json"));
  }

  @Test
  void verify_denyAtPastInstant_provesAbsenceWithTheMapThen() throws Exception {
    ObjectNode r = pastDenyReceipt("past.png");
    assertThat(r.path("grantAbsence").asText()).isEqualTo("proven");
    JsonNode map = r.path("map");
    assertThat(map.path("next").path("index").asLong()).isEqualTo(map.path("index").asLong() + 1);
    assertThat(map.path("next").path("entry").asText()).contains("\"type\":\"grant\"");
    assertThat(map.path("works").path(0).path("grants")).hasSize(1);
    var run = verify(write("past.json", r));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.single().path("grantAbsence").asText()).isEqualTo("proven");
  }

  @Test
  void verify_pastMapWithoutItsBoundary_exitsOneAsStale() throws Exception {
    ObjectNode r = pastDenyReceipt("noboundary.png");
    ((ObjectNode) r.path("map")).remove("next");
    var run = verify(write("noboundary.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("stale map: the map root at index").contains("must be its last entry");
  }

  @Test
  void verify_pastMapWithABoundaryBeforeTheInstant_exitsOneAsStale() throws Exception {
    ObjectNode r = pastDenyReceipt("earlyboundary.png");
    // Claim the decision was asked after the boundary act: the map then is not the one at that time.
    ((ObjectNode) r.path("decision")).put("at", java.time.Instant.now().toString());
    var run = verify(write("earlyboundary.json", r));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("is not an act after the decision's instant");
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
