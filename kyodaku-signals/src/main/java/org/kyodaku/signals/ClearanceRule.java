package org.kyodaku.signals;

import org.kyodaku.core.decision.Basis;
import org.kyodaku.core.decision.Decision;
import org.kyodaku.core.decision.Verdict;
import org.kyodaku.core.model.Use;

/**
 * The registry grant override: a pure function from the registry's decision and the combined
 * signals to the final answer (docs/signals.md, "Registry and signals").
 *
 * <ol>
 *   <li>A registry grant covering the caller is decisive: {@code allow}, whatever the signals say
 *       (an agreement overrides preferences, as draft-ietf-aipref-vocab notes).
 *   <li>Disputed content is denied until resolved.
 *   <li>Any other registry denial (no grant, a near match to a registered work, a registry
 *       reservation) is decisive too: the registry knows a rights holder, so an origin's {@code
 *       allowed} does not count (the origin may not be the rights holder).
 *   <li>Unregistered content: a {@code disallowed} signal denies ({@code reservation}); an {@code
 *       allowed} signal allows ({@code origin-allowed}); nothing known denies ({@code
 *       unregistered}: opt-in treats unknown as not licensed).
 * </ol>
 */
public final class ClearanceRule {
  private ClearanceRule() {}

  /** Applies the rule to the registry decision, for the category of its question's use. */
  public static Clearance apply(Decision registry, Signals signals) {
    Basis basis = registry.allowed() ? Basis.GRANT : registry.basis();
    if (!registry.allowed() && basis == Basis.GRANT) {
      throw new IllegalArgumentException("a denial cannot rest on basis grant: " + registry);
    }
    return apply(basis, registry.question().use(), signals);
  }

  /**
   * Applies the rule to a registry basis (the decision's, {@code grant} exactly when it allowed)
   * for {@code use}. Package-private: outside callers must hand over the registry's {@link
   * Decision}, so that nobody can claim a grant the registry did not find.
   */
  static Clearance apply(Basis basis, Use use, Signals signals) {
    Category category = Category.of(use);
    Preference signal = signals.get(category);
    Basis registry = basis;
    if (basis == Basis.GRANT) {
      return new Clearance(Verdict.ALLOW, Ground.GRANT, category, signal, registry);
    }
    if (basis == Basis.UNREGISTERED) {
      return switch (signal) {
        case ALLOWED ->
            new Clearance(Verdict.ALLOW, Ground.ORIGIN_ALLOWED, category, signal, registry);
        case DISALLOWED ->
            new Clearance(Verdict.DENY, Ground.RESERVATION, category, signal, registry);
        case UNKNOWN ->
            new Clearance(Verdict.DENY, Ground.UNREGISTERED, category, signal, registry);
      };
    }
    if (basis == Basis.DISPUTED) {
      return new Clearance(Verdict.DENY, Ground.DISPUTED, category, signal, registry);
    }
    if (basis == Basis.RESERVATION) {
      return new Clearance(Verdict.DENY, Ground.RESERVATION, category, signal, registry);
    }
    // no-grant, and any other registry denial (e.g. a near match): a rights holder is known.
    return new Clearance(Verdict.DENY, Ground.NO_GRANT, category, signal, registry);
  }
}
