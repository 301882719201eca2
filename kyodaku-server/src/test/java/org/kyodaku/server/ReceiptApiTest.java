package org.kyodaku.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.registry.NearMatcher;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.entry.EntryParser;
import org.kyodaku.log.entry.EntryVerifier;
import org.kyodaku.log.entry.SignedEntry;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.proof.TlogProof;
import org.kyodaku.log.proof.TlogProofVerifier;
import org.kyodaku.log.registry.LogKeys;
import org.kyodaku.log.registry.RegistryLog;
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/** Receipts of decisions over real HTTP, checked with the log library alone. */
class ReceiptApiTest {
  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "b".repeat(64);
  private static final OpenApiDocument OPENAPI = OpenApiDocument.load();

  @TempDir Path dir;
  private SignerKey key;
  private RegistryLog log;
  private Sequencer sequencer;
  private JdbcRegistryStore store;
  private KyodakuServer server;
  private ApiClient admin;
  private String adminToken;

  @BeforeEach
  void start() throws Exception {
    key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(7));
    log = RegistryLog.open(dir.resolve("log"), SequencerConfig.of(key), Clock.systemUTC());
    sequencer = log.sequencer();
    store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("db")), 2));
    RegistryService registry =
        new RegistryService(
            store, NearMatcher.NONE, log.recorder(), log.receipts(), Clock.systemUTC(), new SecureRandom());
    String token = registry.bootstrapAdmin().orElseThrow().token();
    adminToken = token;
    server =
        KyodakuServer.start(
            registry,
            new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY),
            Optional.of(new LogPublication(sequencer.directory(), key.verifierKey().vkey())));
    admin = new ApiClient(server.baseUrl()).as(token);
  }

  @AfterEach
  void stop() {
    server.close();
    log.close();
    store.close();
  }

  private JsonNode ok(ApiClient.Reply r) {
    assertThat(r.status()).as(r.text()).isBetween(200, 201);
    return r.json();
  }

  /** Verifies every entry of a receipt as an auditor would, returning the entries by role. */
  private java.util.Map<String, SignedEntry> verify(JsonNode receipt) {
    OPENAPI.assertShape(receipt, "Receipt");
    assertThat(receipt.path("type").asText()).isEqualTo("kyodaku.org/receipt/v1");
    CheckpointVerifier checkpoints = CheckpointVerifier.forLog(key.verifierKey());
    String checkpoint = receipt.path("checkpoint").asText();
    long size = checkpoints.verify(checkpoint).checkpoint().size();
    assertThat(size).isEqualTo(sequencer.size());
    java.util.Map<String, SignedEntry> out = new java.util.HashMap<>();
    for (JsonNode e : receipt.path("entries")) {
      OPENAPI.assertShape(e, "ReceiptEntry");
      byte[] bytes = e.path("entry").asText().getBytes(StandardCharsets.UTF_8);
      TlogProof proof = TlogProof.parse(e.path("proof").asText());
      assertThat(proof.checkpoint()).isEqualTo(checkpoint);
      assertThat(proof.index()).isEqualTo(e.path("index").asLong());
      new TlogProofVerifier(checkpoints).verify(proof, bytes);
      SignedEntry signed = EntryParser.parse(bytes);
      EntryVerifier.of(key.verifierKey(), a -> Optional.empty()).verify(signed);
      assertThat(signed.entry().type()).isEqualTo(e.path("role").asText());
      out.put(e.path("role").asText() + " " + e.path("id").asText(), signed);
    }
    return out;
  }

  @Test
  void decide_allowWithReceipt_grantAndWorkEntriesVerifyAgainstTheCheckpoint() {
    String creator = ok(admin.post("/parties", "{\"kind\":\"creator\",\"name\":\"北斎\"}")).path("token").asText();
    String lab = ok(admin.post("/parties", "{\"kind\":\"licensee\",\"name\":\"Lab\"}")).path("id").asText();
    ApiClient c = admin.as(creator);
    String work = ok(c.post("/works", "{\"title\":\"波\",\"assets\":[{\"sha256\":\"" + SHA_A + "\"}]}")).path("id").asText();
    String grant = ok(c.post("/grants", "{\"licensee\":\"" + lab + "\",\"uses\":[\"train-ai\"],\"works\":[\"" + work + "\"]}")).path("id").asText();

    JsonNode d = ok(admin.post("/decisions", "{\"licensee\":\"" + lab + "\",\"use\":\"train-genai\",\"sha256\":\"" + SHA_A + "\",\"receipt\":true}"));
    OPENAPI.assertShape(d, "Decision");
    assertThat(d.path("decision").asText()).isEqualTo("allow");
    JsonNode receipt = d.path("receipt");
    assertThat(receipt.path("decision").path("grant").asText()).isEqualTo(grant);
    assertThat(receipt.path("grantAbsence").asText()).isEqualTo("not-applicable");
    // The grant is in its work's current set at the checkpoint: not revoked before the decision.
    assertThat(receipt.path("grantCurrent").asText()).isEqualTo("proven");
    OPENAPI.assertShape(receipt.path("map"), "ReceiptMap");
    assertThat(receipt.path("map").path("works").path(0).path("work").asText()).isEqualTo(work);
    assertThat(receipt.path("map").path("works").path(0).path("grants").path(0).asText()).isEqualTo(grant);
    assertThat(receipt.path("map").has("next")).isFalse();
    var entries = verify(receipt);
    assertThat(entries).containsOnlyKeys("grant " + grant, "work " + work);
    assertThat(entries.get("grant " + grant).entry().body().get("licensee")).isEqualTo(lab);
    assertThat(entries.get("work " + work).entry().body().get("owner")).isNotNull();

    // Without "receipt", the answer is unchanged and carries none.
    JsonNode plain = ok(admin.post("/decisions", "{\"licensee\":\"" + lab + "\",\"use\":\"train-genai\",\"sha256\":\"" + SHA_A + "\"}"));
    assertThat(plain.has("receipt")).isFalse();
  }

  @Test
  void decideBatch_withReceipts_allowRevokedLaterCarriesRevocationAndDenyAtThatInstantIsProven() {
    String creator = ok(admin.post("/parties", "{\"kind\":\"creator\",\"name\":\"A\"}")).path("token").asText();
    String lab = ok(admin.post("/parties", "{\"kind\":\"licensee\",\"name\":\"Lab\"}")).path("id").asText();
    ApiClient c = admin.as(creator);
    String workA = ok(c.post("/works", "{\"title\":\"A\",\"assets\":[{\"sha256\":\"" + SHA_A + "\"}]}")).path("id").asText();
    String workB = ok(c.post("/works", "{\"title\":\"B\",\"assets\":[{\"sha256\":\"" + SHA_B + "\"}]}")).path("id").asText();
    String grant = ok(c.post("/grants", "{\"licensee\":\"" + lab + "\",\"uses\":[\"search\"],\"works\":[\"" + workA + "\"]}")).path("id").asText();
    String before = ok(admin.get("/grants/" + grant)).path("issuedAt").asText();
    ok(c.post("/grants/" + grant + "/revoke", "{\"reason\":\"ended\"}"));

    JsonNode batch = ok(admin.post("/decisions/batch",
        "{\"licensee\":\"" + lab + "\",\"use\":\"search\",\"at\":\"" + before + "\",\"receipt\":true,\"items\":[{\"sha256\":\"" + SHA_A + "\"},{\"sha256\":\"" + SHA_B + "\"},{\"sha256\":\"" + "c".repeat(64) + "\"}]}"));
    OPENAPI.assertShape(batch, "BatchDecisions");
    JsonNode allow = batch.path("decisions").path(0);
    assertThat(allow.path("decision").asText()).isEqualTo("allow");
    assertThat(verify(allow.path("receipt"))).containsOnlyKeys("grant " + grant, "revocation " + grant, "work " + workA);
    // At that instant the grant was still in workA's set; the revocation bounds the state.
    assertThat(allow.path("receipt").path("grantCurrent").asText()).isEqualTo("proven");
    assertThat(allow.path("receipt").path("map").path("next").path("entry").asText()).contains("\"type\":\"revocation\"");
    assertThat(allow.path("receipt").path("map").path("works").path(0).path("grants").path(0).asText()).isEqualTo(grant);

    JsonNode deny = batch.path("decisions").path(1);
    assertThat(deny.path("basis").asText()).isEqualTo("no-grant");
    // Asked at a past instant, the deny's map evidence is the state after the last act before it,
    // bounded by the next act (the revocation).
    assertThat(deny.path("receipt").path("grantAbsence").asText()).isEqualTo("proven");
    assertThat(deny.path("receipt").path("grantCurrent").asText()).isEqualTo("not-applicable");
    assertThat(deny.path("receipt").path("map").path("next").path("entry").asText()).contains("\"type\":\"revocation\"");
    assertThat(deny.path("receipt").path("map").path("works").path(0).path("grants")).isEmpty();
    assertThat(verify(deny.path("receipt"))).containsOnlyKeys("work " + workB);

    JsonNode unregistered = batch.path("decisions").path(2);
    assertThat(unregistered.path("basis").asText()).isEqualTo("unregistered");
    assertThat(verify(unregistered.path("receipt"))).isEmpty();
  }

  @Test
  void decide_noGrantNow_receiptCarriesMapEvidenceThatVerifies() {
    String creator = ok(admin.post("/parties", "{\"kind\":\"creator\",\"name\":\"A\"}")).path("token").asText();
    String lab = ok(admin.post("/parties", "{\"kind\":\"licensee\",\"name\":\"Lab\"}")).path("id").asText();
    String other = ok(admin.post("/parties", "{\"kind\":\"licensee\",\"name\":\"Other\"}")).path("id").asText();
    ApiClient c = admin.as(creator);
    String work = ok(c.post("/works", "{\"title\":\"A\",\"assets\":[{\"sha256\":\"" + SHA_A + "\"}]}")).path("id").asText();
    String grant = ok(c.post("/grants", "{\"licensee\":\"" + other + "\",\"uses\":[\"train-ai\"],\"works\":[\"" + work + "\"]}")).path("id").asText();

    JsonNode d = ok(admin.post("/decisions", "{\"licensee\":\"" + lab + "\",\"use\":\"train-ai\",\"sha256\":\"" + SHA_A + "\",\"receipt\":true}"));
    JsonNode receipt = d.path("receipt");
    assertThat(receipt.path("grantAbsence").asText()).isEqualTo("proven");
    OPENAPI.assertShape(receipt.path("map"), "ReceiptMap");
    assertThat(verify(receipt)).containsOnlyKeys("work " + work, "grant " + grant);
    JsonNode map = receipt.path("map");
    long size = CheckpointVerifier.forLog(key.verifierKey()).verify(receipt.path("checkpoint").asText()).checkpoint().size();
    assertThat(map.path("index").asLong()).isEqualTo(size - 1);
    byte[] rootBytes = map.path("entry").asText().getBytes(StandardCharsets.UTF_8);
    new TlogProofVerifier(CheckpointVerifier.forLog(key.verifierKey())).verify(TlogProof.parse(map.path("proof").asText()), rootBytes);
    var root = org.kyodaku.log.map.MapCommitment.fromEntry(EntryParser.parse(rootBytes).entry()).root();
    JsonNode set = map.path("works").path(0);
    assertThat(set.path("work").asText()).isEqualTo(work);
    assertThat(set.path("grants").path(0).asText()).isEqualTo(grant);
    org.kyodaku.log.map.MapVerifier.verifyPresent(
        root,
        org.kyodaku.log.map.MapHasher.keyOf(work),
        org.kyodaku.log.map.MapHasher.grantSetDigest(java.util.List.of(grant)),
        org.kyodaku.log.map.MapProof.parse(java.util.Base64.getDecoder().decode(set.path("proof").asText())));
  }

  @Test
  void decide_receiptWithoutLog_isRefusedWith400() throws Exception {
    try (KyodakuServer plain = KyodakuServer.start(
        new RegistryService(store, Clock.systemUTC(), new SecureRandom()),
        new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY))) {
      String lab = ok(admin.post("/parties", "{\"kind\":\"licensee\",\"name\":\"Lab\"}")).path("id").asText();
      ApiClient.Reply r = new ApiClient(plain.baseUrl()).as(adminToken)
          .post("/decisions", "{\"licensee\":\"" + lab + "\",\"use\":\"search\",\"sha256\":\"" + SHA_A + "\",\"receipt\":true}");
      assertThat(r.status()).as(r.text()).isEqualTo(400);
      assertThat(r.json().path("field").asText()).isEqualTo("receipt");
      assertThat(r.text()).contains("keeps no transparency log");
    }
  }
}
