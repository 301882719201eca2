package org.kyodaku.core.registry;

import java.util.List;
import java.util.Optional;
import org.kyodaku.core.decision.Decision;
import org.kyodaku.core.model.Labelled;

/**
 * A decision with the log entries it rests on, each with its inclusion proof, and the one signed
 * checkpoint all the proofs are against: what anyone can verify offline (docs/receipts.md).
 *
 * <p>An allow rests on its grant (and, when the grant was revoked after the decision's instant,
 * the revocation showing when) and on the registration of every matched work; when the log commits
 * a map there, it also carries its work's entry in the verifiable map of grant sets, which holds
 * the grant — so the grant had not been revoked at the decision's instant. A deny carries the
 * registrations of the works matched; a {@code no-grant} deny also carries the named work's entry
 * in the verifiable map of grant sets — committed as the checkpoint's last entry for a question
 * about "now", or by the map root that closes the last batch of acts at or before a past instant —
 * and the entries of every grant in that set, which proves that none of them covers the question.
 *
 * @param unlogged ids of facts the decision rests on that have no log entry (recorded before the
 *     registry kept a log); their part of the decision is not provable
 * @param map the map evidence of an allow or of a {@code no-grant} deny, when the log commits a map
 *     at the decision's instant
 */
public record Receipt(
    Decision decision,
    List<Entry> entries,
    String checkpoint,
    List<String> unlogged,
    Optional<MapEvidence> map) {
  /** The type named in every receipt document. */
  public static final String TYPE = "kyodaku.org/receipt/v1";

  public Receipt {
    entries = List.copyOf(entries);
    unlogged = List.copyOf(unlogged);
  }

  /** A receipt without map evidence. */
  public Receipt(Decision decision, List<Entry> entries, String checkpoint, List<String> unlogged) {
    this(decision, entries, checkpoint, unlogged, Optional.empty());
  }

  /**
   * The map root the checkpoint commits (its last entry, with index and tlog-proof) and, for each
   * work the deny rests on, its map proof and the ids of the grants in its set.
   */
  public record MapEvidence(
      long index, String entry, String proof, List<WorkGrants> works, Optional<Boundary> next) {
    public MapEvidence {
      works = List.copyOf(works);
    }
  }

  /** The entry right after a map root that is not the checkpoint's last: the first later act. */
  public record Boundary(long index, String entry, String proof) {}

  /** A work's current grant set and its map proof (base64). */
  public record WorkGrants(String work, String proof, List<String> grants) {
    public WorkGrants {
      grants = List.copyOf(grants);
    }
  }

  /**
   * What the receipt's map evidence proves about one claim: {@link #grantAbsence} (a deny: no
   * grant covered the question) and {@link #grantCurrent} (an allow: its grant had not been
   * revoked by the decision's instant).
   */
  public enum Proof implements Labelled {
    /** The claim is not the decision's (an allow has a grant; a deny has none to be current). */
    NOT_APPLICABLE,
    /** The receipt carries no map evidence for the claim. */
    NOT_PROVEN,
    /** The receipt carries the map proof of the claim. */
    PROVEN;

    @Override
    public String toString() {
      return label();
    }
  }

  /** What this receipt proves about the absence of a covering grant (denials). */
  public Proof grantAbsence() {
    return proof(!decision.allowed());
  }

  /** What this receipt proves about its grant being current at the decision's instant (allows). */
  public Proof grantCurrent() {
    return proof(decision.allowed());
  }

  private Proof proof(boolean applies) {
    if (!applies) {
      return Proof.NOT_APPLICABLE;
    }
    return map.isPresent() ? Proof.PROVEN : Proof.NOT_PROVEN;
  }

  /** What an entry is to the decision. */
  public enum Role implements Labelled {
    GRANT,
    WORK,
    REVOCATION;

    @Override
    public String toString() {
      return label();
    }
  }

  /**
   * One entry: its role, the id of the fact it records, its index in the log, its bytes (canonical
   * JSON) and its tlog-proof document.
   */
  public record Entry(Role role, String id, long index, String entry, String proof) {}

  /** Whether the receipt proves everything the decision rests on (only allows can, for now). */
  public boolean complete() {
    return decision.allowed() && unlogged.isEmpty();
  }

  /** The entry with this role and id, if present. */
  public Optional<Entry> entry(Role role, String id) {
    return entries.stream().filter(e -> e.role() == role && e.id().equals(id)).findFirst();
  }
}
