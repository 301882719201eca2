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
 * the revocation showing when) and on the registration of every matched work. A deny carries the
 * registrations of the works matched, but the absence of a grant is <b>not</b> proven by it: that
 * needs the verifiable map of grant sets (org.kyodaku.log.map), which is not wired yet.
 *
 * @param unlogged ids of facts the decision rests on that have no log entry (recorded before the
 *     registry kept a log); their part of the decision is not provable
 */
public record Receipt(
    Decision decision, List<Entry> entries, String checkpoint, List<String> unlogged) {
  /** The type named in every receipt document. */
  public static final String TYPE = "kyodaku.org/receipt/v1";

  public Receipt {
    entries = List.copyOf(entries);
    unlogged = List.copyOf(unlogged);
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
