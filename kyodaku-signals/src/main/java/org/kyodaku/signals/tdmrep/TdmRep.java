package org.kyodaku.signals.tdmrep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;

/**
 * The TDMRep values found at one step, or layered over several steps.
 *
 * <p>Priority (TDMRep §"Processing priority"): {@code tdmrep.json}, then HTTP headers, then HTML
 * meta, then EPUB/PDF metadata; each later step supersedes the earlier, and absence at a later step
 * never resets a value found earlier ({@link #then}). {@code tdm-reservation: 1} disallows {@code
 * tdm} (and so, by category nesting, every AI use); {@code 0} allows {@code tdm}; a value that is
 * neither is a protocol error, which the spec says to treat as unset.
 *
 * @param reserved the reservation, if set
 * @param policy the policy URL, if given (only meaningful with a reservation)
 * @param evidence what was read
 */
public record TdmRep(Optional<Boolean> reserved, Optional<String> policy, List<Evidence> evidence) {

  public TdmRep {
    evidence = List.copyOf(evidence);
  }

  /** Nothing found. */
  public static TdmRep none() {
    return new TdmRep(Optional.empty(), Optional.empty(), List.of());
  }

  /** This step overridden by a later, more embedded one; absent values do not reset. */
  public TdmRep then(TdmRep later) {
    List<Evidence> all = new ArrayList<>(evidence);
    all.addAll(later.evidence());
    return new TdmRep(
        later.reserved().or(this::reserved),
        later.reserved().isPresent() ? later.policy() : later.policy().or(this::policy),
        all);
  }

  /** The signals these values give. */
  public Signals toSignals() {
    if (reserved.isEmpty()) {
      return Signals.unknown(evidence);
    }
    return Signals.of(
        Map.of(Category.TDM, reserved.get() ? Preference.DISALLOWED : Preference.ALLOWED),
        evidence);
  }
}
