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
      throw fail("the receipt is not complete JSON (truncated?): " + e.getOriginalMessage());
    }
    if (receipt == null || !receipt.isObject()) {
      throw fail("the receipt is not a JSON object (empty or truncated file?)");
    }
    String type = receipt.path("type").asText("");
    if (!type.equals(TYPE)) {
      throw fail("the receipt's type is \"" + type + "\", expected \"" + TYPE + "\"");
    }
    JsonNode decision = required(receipt, "decision", JsonNode::isObject, "an object");
    JsonNode list = required(receipt, "entries", JsonNode::isArray, "an array");
    String checkpoint = required(receipt, "checkpoint", JsonNode::isTextual, "a string").asText();

    Checkpoint cp;
    try {
      cp = checkpoints.verify(checkpoint).checkpoint();
    } catch (CheckpointException | NoteException e) {
      throw fail("the receipt's checkpoint is not signed by the log key " + key.name() + ": " + e.getMessage());
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
          throw fail("the receipt has no registration entry for work " + work.get() + " that the deny names");
        }
        JsonNode map = receipt.get("map");
        if (map != null && !map.isNull()) {
          verifyMap(map, decision, logged, checkpoint, cp);
          absenceProven = true;
        }
      }
      default -> throw fail("decision.decision is \"" + verdict + "\", expected allow or deny");
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
      throw fail("map evidence proves a missing grant, but the deny's basis is " + decision.path("basis"));
    }
    String workId = optText(decision, "work").orElseThrow(() -> fail("a no-grant deny must name its work (decision.work)"));
    List<String> grantIds = grantSet(map, decision, workId, checkpoint, cp);
    Logged w = find(logged, "work", workId)
        .orElseThrow(() -> fail("the receipt has no registration entry for work " + workId + " that the deny names"));
    Question question;
    Work work;
    try {
      question = question(decision);
      work = EntryFacts.work(w.entry());
    } catch (ValidationException | DateTimeParseException | ClassCastException e) {
      throw fail("the decision or its entries cannot be read: " + e.getMessage());
    }
    for (String grantId : grantIds) {
      Logged g = find(logged, "grant", grantId)
          .orElseThrow(() -> fail("grant " + grantId + " is in work " + workId + "'s grant set, but the receipt has no entry for it"));
      Grant grant = EntryFacts.grant(g.entry(), Optional.empty());
      if (DecisionEngine.covers(grant, work, question)) {
        throw fail("grant " + grantId + " in work " + workId + "'s current grant set covers " + question.licensee()
            + ", " + question.use().label() + " at " + question.at()
            + ": the receipt's own evidence contradicts the deny");
      }
    }
  }

  private static void requireMapShape(JsonNode map) {
    if (!map.isObject() || !map.path("entry").isTextual() || !map.path("proof").isTextual()
        || !map.path("index").canConvertToLong() || !map.path("works").isArray()) {
      throw fail("the receipt's map lacks index, entry, proof or works (truncated?)");
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
        throw fail("stale map: the map root at index " + index + " commits the first " + logSize
            + " log entries, but the receipt's checkpoint has size " + cp.size()
            + "; the map root must be its last entry, committing the " + (cp.size() - 1) + " before it"
            + " (or be followed by the first act after the decision's instant, in map.next)");
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
      throw fail("the map evidence has no grant set with a proof for work " + workId + " that the decision names");
    }
    List<String> grantIds = new ArrayList<>();
    set.path("grants").forEach(g -> grantIds.add(g.asText()));
    MapProof proof;
    try {
      proof = MapProof.parse(Base64.getDecoder().decode(set.path("proof").asText()));
    } catch (MapException | IllegalArgumentException e) {
      throw fail("the map proof of work " + workId + " is malformed: " + e.getMessage());
    }
    try {
      Hash key = MapHasher.keyOf(workId);
      if (grantIds.isEmpty()) {
        MapVerifier.verifyAbsent(mapRoot, key, proof);
      } else {
        MapVerifier.verifyPresent(mapRoot, key, MapHasher.grantSetDigest(grantIds), proof);
      }
    } catch (MapException e) {
      throw fail("the map does not show work " + workId + "'s grant set " + grantIds
          + " under the map root of the checkpoint (stale, forged or incomplete map evidence): " + e.getMessage());
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
      throw fail("grant " + grantId + " is not in work " + workId + "'s grant set " + grantIds + " under the map root at index "
          + map.path("index").asLong() + ": it was revoked (or not yet logged) by the decision's instant "
          + decision.path("at").asText() + ", so the receipt does not support the allow");
    }
  }

  /**
   * A map root inside the tree stands for the decision's instant only if it commits the entries
   * before it and the entry right after it is an act later than that instant (the registry gives
   * acts increasing instants in log order; {@code kyodaku log mirror} checks that it did).
   */
  private void verifyBoundary(JsonNode next, long index, long logSize, JsonNode decision, String checkpoint, Checkpoint cp) {
    if (!next.isObject()) {
      throw fail("the receipt's map.next is not an object (truncated?)");
    }
    ObjectNode node = next.deepCopy();
    node.put("role", "next").put("id", next.path("index").asText());
    Logged after = entry(-2, node, checkpoint, cp);
    long nextIndex = next.path("index").asLong();
    if (logSize != index || nextIndex != index + 1) {
      throw fail("stale map: the map root at index " + index + " commits the first " + logSize
          + " log entries and map.next is entry " + nextIndex + "; expected the root to commit the "
          + index + " entries before it and map.next to be entry " + (index + 1));
    }
    Instant at;
    try {
      at = Instant.parse(text(decision, "decision.at"));
    } catch (DateTimeParseException e) {
      throw fail("decision.at cannot be read: " + e.getMessage());
    }
    if (after.entry().entry().type().equals(MapCommitment.ENTRY_TYPE) || !after.entry().entry().at().isAfter(at)) {
      throw fail("stale map: the entry after the map root (index " + nextIndex + ", " + after.entry().entry().type()
          + " at " + after.entry().entry().at() + ") is not an act after the decision's instant " + at
          + ", so the map state is not the one at that instant");
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
      throw fail(where + " is not an object");
    }
    String role = text(node, where + ".role");
    String id = text(node, where + ".id");
    String what = where + " (" + role + " " + id + ")";
    byte[] bytes = text(node, where + ".entry").getBytes(StandardCharsets.UTF_8);
    TlogProof proof;
    try {
      proof = TlogProof.parse(text(node, where + ".proof"));
    } catch (ProofException e) {
      throw fail(what + ": the proof is malformed: " + e.getMessage());
    }
    if (!proof.checkpoint().equals(checkpoint)) {
      String size;
      try {
        size = "tree size " + SignedCheckpoint.parse(proof.checkpoint()).checkpoint().size();
      } catch (CheckpointException e) {
        size = "an unreadable checkpoint";
      }
      throw fail(what + ": the proof is for " + size + ", not the receipt's checkpoint of size " + cp.size()
          + " (a proof from another receipt or another log state)");
    }
    if (node.has("index") && node.path("index").asLong(-1) != proof.index()) {
      throw fail(what + ": index " + node.path("index") + ", but the proof is for index " + proof.index());
    }
    SignedEntry entry;
    try {
      entry = EntryParser.parse(bytes);
      entries.verify(entry);
    } catch (EntryException e) {
      throw fail(what + ": the entry was altered (it is not the entry the registry signed): " + e.getMessage());
    }
    try {
      proofs.verify(proof, bytes);
    } catch (ProofException e) {
      throw fail(what + ": the entry is not in the log at index " + proof.index() + ": " + e.getMessage());
    }
    if (role.equals("next")) {
      return new Logged(role, id, entry); // any entry type: verifyBoundary judges it
    }
    if (!entry.entry().type().equals(role)) {
      throw fail(what + ": the entry is of type " + entry.entry().type() + ", expected " + role);
    }
    Object recorded =
        entry.entry().body().get(switch (role) {
          case "revocation" -> "grant";
          case MapCommitment.ENTRY_TYPE -> "logSize";
          default -> "id";
        });
    if (!id.equals(String.valueOf(recorded))) {
      throw fail(what + ": the entry records " + recorded + ", not " + id);
    }
    return new Logged(role, id, entry);
  }

  private void verifyAllow(JsonNode decision, List<Logged> logged) {
    String grantId = optText(decision, "grant").orElseThrow(() -> fail("an allow must name its grant (decision.grant)"));
    String workId = optText(decision, "work").orElseThrow(() -> fail("an allow must name its work (decision.work)"));
    Logged g = find(logged, "grant", grantId)
        .orElseThrow(() -> fail("the receipt has no entry for grant " + grantId + " that the allow rests on"));
    Logged w = find(logged, "work", workId)
        .orElseThrow(() -> fail("the receipt has no registration entry for work " + workId + " that the allow rests on"));
    Optional<Revocation> revocation = find(logged, "revocation", grantId).map(r -> EntryFacts.revocation(r.entry()));
    Question question;
    Grant grant;
    Work work;
    try {
      question = question(decision);
      grant = EntryFacts.grant(g.entry(), revocation);
      work = EntryFacts.work(w.entry());
    } catch (ValidationException | DateTimeParseException | ClassCastException e) {
      throw fail("the decision or its entries cannot be read: " + e.getMessage());
    }
    if (!DecisionEngine.covers(grant, work, question)) {
      throw fail("grant " + grantId + " as logged does not cover work " + workId + " for " + question.licensee()
          + ", " + question.use().label() + " at " + question.at() + question.territory().map(t -> " in " + t).orElse("")
          + " (grantor " + grant.grantor() + ", licensee " + grant.licensee().orElse(Grant.EVERYONE)
          + ", uses " + grant.uses() + ", " + (grant.allWorks() ? "all works" : "works " + grant.works())
          + ", valid from " + grant.validFrom() + grant.validUntil().map(u -> " until " + u).orElse("")
          + revocation.map(r -> ", revoked at " + r.revokedAt()).orElse("")
          + ", owner of the work " + work.owner() + ")");
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
      throw fail("the receipt has no \"" + field + "\" (truncated?)");
    }
    if (!ok.test(n)) {
      throw fail("the receipt's \"" + field + "\" is not " + kind);
    }
    return n;
  }

  private static String text(JsonNode o, String path) {
    JsonNode n = o.get(path.substring(path.lastIndexOf('.') + 1));
    if (n == null || !n.isTextual()) {
      throw fail(path + " is missing or not a string");
    }
    return n.asText();
  }

  private static Optional<String> optText(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }

  private static CliException fail(String message) {
    return CliException.failure("receipt not verified: " + message);
  }
}
