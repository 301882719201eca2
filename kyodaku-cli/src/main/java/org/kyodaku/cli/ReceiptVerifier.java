package org.kyodaku.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.kyodaku.core.decision.DecisionEngine;
import org.kyodaku.core.decision.Question;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.ValidationException;
import org.kyodaku.core.model.Work;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointException;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.checkpoint.SignedCheckpoint;
import org.kyodaku.log.entry.EntryException;
import org.kyodaku.log.entry.EntryParser;
import org.kyodaku.log.entry.EntryVerifier;
import org.kyodaku.log.entry.SignedEntry;
import org.kyodaku.log.map.MapCommitment;
import org.kyodaku.log.map.MapException;
import org.kyodaku.log.map.MapHasher;
import org.kyodaku.log.map.MapProof;
import org.kyodaku.log.map.MapVerifier;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.note.NoteException;
import org.kyodaku.log.registry.EntryFacts;
import org.kyodaku.log.note.VerifierKey;
import org.kyodaku.log.proof.ProofException;
import org.kyodaku.log.proof.TlogProof;
import org.kyodaku.log.proof.TlogProofVerifier;

/**
 * Verifies a receipt document ({@code kyodaku.org/receipt/v1}, docs/receipts.md) offline, against
 * the log's verifier key only:
 *
 * <ol>
 *   <li>the document is complete JSON of that type, with a decision, entries and a checkpoint;
 *   <li>the checkpoint is signed by the log key (its origin is the key's name);
 *   <li>each entry's tlog-proof ends in that same checkpoint, the entry is a canonical log entry
 *       whose registry signature verifies under the log key, and the proof includes it at its
 *       index in the checkpoint's tree;
 *   <li>each entry is of its role's type and records the id it claims;
 *   <li>an allow names a grant and a work with entries in the receipt, and the grant, as logged,
 *       covers that work for the decision's licensee, use, instant and territory, by the same rule
 *       the registry decides with ({@link DecisionEngine#covers}); a revocation in the receipt must
 *       be later than the decision's instant;
 *   <li>a deny that names a work has that work's registration entry;
 *   <li>a no-grant deny with map evidence: the map-root entry is the checkpoint's last entry, the
 *       named work's map proof shows exactly the listed grants (or no key) under its root, each
 *       listed grant's entry is in the receipt and none covers the question — the absence of a
 *       covering grant is then proven. Without map evidence it is not, and the result says so;
 *   <li>an allow with map evidence: the same map checks, and the allow's grant is in its work's
 *       set under that root — no revocation of it came before the decision's instant (the grant is
 *       current: proven). Without map evidence that is not proven, and the result says so.
 * </ol>
 *
 * The first failure is thrown as a {@link CliException} (exit 1) naming the part and quoting the
 * expected and found values.
 */
final class ReceiptVerifier {
  static final String TYPE = "kyodaku.org/receipt/v1";

  /** What a verified receipt proves. */
  record Verified(
      String decision,
      String basis,
      int entries,
      String origin,
      long treeSize,
      boolean grantAbsenceProven,
      boolean grantCurrentProven) {}

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final VerifierKey key;
  private final CheckpointVerifier checkpoints;
  private final TlogProofVerifier proofs;
  private final EntryVerifier entries;

  ReceiptVerifier(VerifierKey key) {
    this.key = key;
    this.checkpoints = CheckpointVerifier.forLog(key);
    this.proofs = new TlogProofVerifier(checkpoints);
    this.entries = EntryVerifier.of(key, author -> Optional.empty());
  }

  private record Logged(String role, String id, SignedEntry entry) {}

  Verified verify(String text) {
    JsonNode receipt;
    try {
      receipt = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw fail("receipt.not-json", e.getOriginalMessage());
    }
    if (receipt == null || !receipt.isObject()) {
      throw fail("receipt.not-an-object");
    }
    String type = receipt.path("type").asText("");
    if (!type.equals(TYPE)) {
      throw fail("receipt.wrong-type", type, TYPE);
    }
    JsonNode decision = required(receipt, "decision", JsonNode::isObject, "receipt.kind-object");
    JsonNode list = required(receipt, "entries", JsonNode::isArray, "receipt.kind-array");
    String checkpoint = required(receipt, "checkpoint", JsonNode::isTextual, "receipt.kind-string").asText();

    Checkpoint cp;
    try {
      cp = checkpoints.verify(checkpoint).checkpoint();
    } catch (CheckpointException | NoteException e) {
      throw fail("receipt.checkpoint-not-signed", key.name(), e.getMessage());
    }

    List<Logged> logged = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      logged.add(entry(i, list.get(i), checkpoint, cp));
    }

    String verdict = text(decision, "decision.decision");
    String basis = decision.path("basis").asText("");
    boolean absenceProven = false;
    boolean currentProven = false;
    switch (verdict) {
      case "allow" -> {
        verifyAllow(decision, logged);
        JsonNode map = receipt.get("map");
        if (map != null && !map.isNull()) {
          verifyGrantCurrent(map, decision, checkpoint, cp);
          currentProven = true;
        }
      }
      case "deny" -> {
        Optional<String> work = optText(decision, "work");
        if (work.isPresent() && find(logged, "work", work.get()).isEmpty()
            && !listed(receipt.path("unlogged"), work.get())) {
          throw fail("receipt.deny-work-missing", work.get());
        }
        JsonNode map = receipt.get("map");
        if (map != null && !map.isNull()) {
          verifyMap(map, decision, logged, checkpoint, cp);
          absenceProven = true;
        }
      }
      default -> throw fail("receipt.bad-verdict", verdict);
    }
    return new Verified(verdict, basis, logged.size(), cp.origin(), cp.size(), absenceProven, currentProven);
  }

  /**
   * A no-grant deny's map evidence: the map-root entry is the checkpoint's last entry and commits
   * the tree before it; the named work's map proof shows exactly the listed grant ids (or no key)
   * under that root; every listed grant has its entry in the receipt; and none of them, as logged,
   * covers the question. Together: no grant in force at the checkpoint covered it.
   */
  private void verifyMap(JsonNode map, JsonNode decision, List<Logged> logged, String checkpoint, Checkpoint cp) {
    requireMapShape(map);
    if (!decision.path("basis").asText("").equals("no-grant")) {
      throw fail("receipt.map-basis", decision.path("basis"));
    }
    String workId = optText(decision, "work").orElseThrow(() -> fail("receipt.no-grant-work"));
    List<String> grantIds = grantSet(map, decision, workId, checkpoint, cp);
    Logged w = find(logged, "work", workId)
        .orElseThrow(() -> fail("receipt.deny-work-missing", workId));
    Question question;
    Work work;
    try {
      question = question(decision);
      work = EntryFacts.work(w.entry());
    } catch (ValidationException | DateTimeParseException | ClassCastException e) {
      throw fail("receipt.unreadable", e.getMessage());
    }
    for (String grantId : grantIds) {
      Logged g = find(logged, "grant", grantId)
          .orElseThrow(() -> fail("receipt.set-grant-missing", grantId, workId));
      Grant grant = EntryFacts.grant(g.entry(), Optional.empty());
      if (DecisionEngine.covers(grant, work, question)) {
        throw fail("receipt.deny-contradicted", grantId, workId, question.licensee(), question.use().label(), question.at());
      }
    }
  }

  private static void requireMapShape(JsonNode map) {
    if (!map.isObject() || !map.path("entry").isTextual() || !map.path("proof").isTextual()
        || !map.path("index").canConvertToLong() || !map.path("works").isArray()) {
      throw fail("receipt.map-incomplete");
    }
  }

  /**
   * The grant ids that {@code map} proves to be work {@code workId}'s set at the decision's
   * instant: the map-root entry is included in the checkpoint's tree and stands for that instant
   * (the checkpoint's last entry, or followed by the first later act in {@code map.next}), and the
   * work's map proof shows exactly those ids (or no key) under its root.
   */
  private List<String> grantSet(JsonNode map, JsonNode decision, String workId, String checkpoint, Checkpoint cp) {
    ObjectNode rootNode = map.deepCopy();
    rootNode.put("role", MapCommitment.ENTRY_TYPE).put("id", map.path("index").asText());
    Logged root = entry(-1, rootNode, checkpoint, cp);
    long logSize = (Long) root.entry().entry().body().get("logSize");
    long index = map.path("index").asLong();
    JsonNode next = map.get("next");
    if (next == null || next.isNull()) {
      if (index != cp.size() - 1 || logSize != cp.size() - 1) {
        throw fail("receipt.stale-map-last", index, logSize, cp.size(), cp.size() - 1);
      }
    } else {
      verifyBoundary(next, index, logSize, decision, checkpoint, cp);
    }
    Hash mapRoot = MapCommitment.fromEntry(root.entry().entry()).root();
    JsonNode set = null;
    for (JsonNode w : map.path("works")) {
      if (w.path("work").asText("").equals(workId)) {
        set = w;
      }
    }
    if (set == null || !set.path("proof").isTextual() || !set.path("grants").isArray()) {
      throw fail("receipt.no-grant-set", workId);
    }
    List<String> grantIds = new ArrayList<>();
    set.path("grants").forEach(g -> grantIds.add(g.asText()));
    MapProof proof;
    try {
      proof = MapProof.parse(Base64.getDecoder().decode(set.path("proof").asText()));
    } catch (MapException | IllegalArgumentException e) {
      throw fail("receipt.map-proof-malformed", workId, e.getMessage());
    }
    try {
      Hash key = MapHasher.keyOf(workId);
      if (grantIds.isEmpty()) {
        MapVerifier.verifyAbsent(mapRoot, key, proof);
      } else {
        MapVerifier.verifyPresent(mapRoot, key, MapHasher.grantSetDigest(grantIds), proof);
      }
    } catch (MapException e) {
      throw fail("receipt.map-mismatch", workId, grantIds, e.getMessage());
    }
    return grantIds;
  }

  /**
   * An allow's map evidence: its work's set at the decision's instant holds the allow's grant. A
   * grant enters the set when it is logged and leaves it at its first revocation, so it had been
   * issued and not revoked by then; its validity window, licensee and uses are checked by {@link
   * #verifyAllow} against the grant entry.
   */
  private void verifyGrantCurrent(JsonNode map, JsonNode decision, String checkpoint, Checkpoint cp) {
    requireMapShape(map);
    String grantId = text(decision, "decision.grant");
    String workId = text(decision, "decision.work");
    List<String> grantIds = grantSet(map, decision, workId, checkpoint, cp);
    if (!grantIds.contains(grantId)) {
      throw fail("receipt.grant-not-current", grantId, workId, grantIds, map.path("index").asLong(), decision.path("at").asText());
    }
  }

  /**
   * A map root inside the tree stands for the decision's instant only if it commits the entries
   * before it and the entry right after it is an act later than that instant (the registry gives
   * acts increasing instants in log order; {@code kyodaku log mirror} checks that it did).
   */
  private void verifyBoundary(JsonNode next, long index, long logSize, JsonNode decision, String checkpoint, Checkpoint cp) {
    if (!next.isObject()) {
      throw fail("receipt.next-not-an-object");
    }
    ObjectNode node = next.deepCopy();
    node.put("role", "next").put("id", next.path("index").asText());
    Logged after = entry(-2, node, checkpoint, cp);
    long nextIndex = next.path("index").asLong();
    if (logSize != index || nextIndex != index + 1) {
      throw fail("receipt.stale-map-next", index, logSize, nextIndex, index + 1);
    }
    Instant at;
    try {
      at = Instant.parse(text(decision, "decision.at"));
    } catch (DateTimeParseException e) {
      throw fail("receipt.bad-at", e.getMessage());
    }
    if (after.entry().entry().type().equals(MapCommitment.ENTRY_TYPE) || !after.entry().entry().at().isAfter(at)) {
      throw fail("receipt.stale-map-after", nextIndex, after.entry().entry().type(), after.entry().entry().at(), at);
    }
  }

  private static Question question(JsonNode decision) {
    return new Question(
        text(decision, "decision.licensee"),
        Use.parse("use", text(decision, "decision.use")),
        Instant.parse(text(decision, "decision.at")),
        optText(decision, "territory"));
  }

  private Logged entry(int i, JsonNode node, String checkpoint, Checkpoint cp) {
    String where = i == -1 ? "map" : i == -2 ? "map.next" : "entries[" + i + "]";
    if (!node.isObject()) {
      throw fail("receipt.part-not-an-object", where);
    }
    String role = text(node, where + ".role");
    String id = text(node, where + ".id");
    String what = where + " (" + role + " " + id + ")";
    byte[] bytes = text(node, where + ".entry").getBytes(StandardCharsets.UTF_8);
    TlogProof proof;
    try {
      proof = TlogProof.parse(text(node, where + ".proof"));
    } catch (ProofException e) {
      throw fail("receipt.proof-malformed", what, e.getMessage());
    }
    if (!proof.checkpoint().equals(checkpoint)) {
      Message size;
      try {
        size = Message.of("receipt.tree-size", SignedCheckpoint.parse(proof.checkpoint()).checkpoint().size());
      } catch (CheckpointException e) {
        size = Message.of("receipt.unreadable-checkpoint");
      }
      throw fail("receipt.proof-for-other-tree", what, size, cp.size());
    }
    if (node.has("index") && node.path("index").asLong(-1) != proof.index()) {
      throw fail("receipt.index-mismatch", what, node.path("index"), proof.index());
    }
    SignedEntry entry;
    try {
      entry = EntryParser.parse(bytes);
      entries.verify(entry);
    } catch (EntryException e) {
      throw fail("receipt.entry-altered", what, e.getMessage());
    }
    try {
      proofs.verify(proof, bytes);
    } catch (ProofException e) {
      throw fail("receipt.entry-not-included", what, proof.index(), e.getMessage());
    }
    if (role.equals("next")) {
      return new Logged(role, id, entry); // any entry type: verifyBoundary judges it
    }
    if (!entry.entry().type().equals(role)) {
      throw fail("receipt.entry-type", what, entry.entry().type(), role);
    }
    Object recorded =
        entry.entry().body().get(switch (role) {
          case "revocation" -> "grant";
          case MapCommitment.ENTRY_TYPE -> "logSize";
          default -> "id";
        });
    if (!id.equals(String.valueOf(recorded))) {
      throw fail("receipt.entry-id", what, recorded, id);
    }
    return new Logged(role, id, entry);
  }

  private void verifyAllow(JsonNode decision, List<Logged> logged) {
    String grantId = optText(decision, "grant").orElseThrow(() -> fail("receipt.allow-no-grant"));
    String workId = optText(decision, "work").orElseThrow(() -> fail("receipt.allow-no-work"));
    Logged g = find(logged, "grant", grantId).orElseThrow(() -> fail("receipt.allow-grant-missing", grantId));
    Logged w = find(logged, "work", workId).orElseThrow(() -> fail("receipt.allow-work-missing", workId));
    Optional<Revocation> revocation = find(logged, "revocation", grantId).map(r -> EntryFacts.revocation(r.entry()));
    Question question;
    Grant grant;
    Work work;
    try {
      question = question(decision);
      grant = EntryFacts.grant(g.entry(), revocation);
      work = EntryFacts.work(w.entry());
    } catch (ValidationException | DateTimeParseException | ClassCastException e) {
      throw fail("receipt.unreadable", e.getMessage());
    }
    if (!DecisionEngine.covers(grant, work, question)) {
      Message asked = question.territory()
          .map(t -> Message.of("receipt.question-in", question.licensee(), question.use().label(), question.at(), t))
          .orElse(Message.of("receipt.question", question.licensee(), question.use().label(), question.at()));
      Message works = grant.allWorks() ? Message.of("receipt.all-works") : Message.of("receipt.works", grant.works());
      Message period = grant.validUntil()
          .map(u -> Message.of("receipt.valid-from-until", grant.validFrom(), u))
          .orElse(Message.of("receipt.valid-from", grant.validFrom()));
      Message grantFacts = revocation
          .map(r -> Message.of("receipt.grant-revoked", grant.grantor(), grant.licensee().orElse(Grant.EVERYONE), grant.uses(),
              works, period, r.revokedAt()))
          .orElse(Message.of("receipt.grant", grant.grantor(), grant.licensee().orElse(Grant.EVERYONE), grant.uses(), works,
              period));
      throw fail("receipt.grant-not-covering", grantId, workId, asked, grantFacts, work.owner());
    }
  }

  private static Optional<Logged> find(List<Logged> logged, String role, String id) {
    return logged.stream().filter(l -> l.role().equals(role) && l.id().equals(id)).findFirst();
  }

  private static boolean listed(JsonNode array, String id) {
    for (JsonNode n : array) {
      if (n.asText().equals(id)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode required(JsonNode o, String field, java.util.function.Predicate<JsonNode> ok, String kind) {
    JsonNode n = o.get(field);
    if (n == null) {
      throw fail("receipt.member-missing", field);
    }
    if (!ok.test(n)) {
      throw fail("receipt.member-kind", field, Message.of(kind));
    }
    return n;
  }

  private static String text(JsonNode o, String path) {
    JsonNode n = o.get(path.substring(path.lastIndexOf('.') + 1));
    if (n == null || !n.isTextual()) {
      throw fail("receipt.not-a-string", path);
    }
    return n.asText();
  }

  private static Optional<String> optText(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }

  /** The receipt does not verify: {@code key} of the catalog says why. */
  private static CliException fail(String key, Object... args) {
    return CliException.failure("receipt.not-verified", Message.of(key, args));
  }
}
