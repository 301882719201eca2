package org.kyodaku.core.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Work;

/**
 * The opt-in decision rules, as one pure function of what was asked and what the registry holds.
 *
 * <p>Inputs: the {@link Question}; the works whose registered files the content is an exact copy
 * of (or the one work asked about); the works it only resembles (perceptual matches within the
 * algorithm's radius); and candidate grants. Callers may pass more grants than apply (revoked ones,
 * other licensees', other works'): every rule is checked here, so an over-generous store query can
 * never turn into an allow.
 *
 * <p>Steps, in order:
 *
 * <ol>
 *   <li>Keep only the works, exact or resembling, registered at or before the asked instant. None
 *       left: deny, basis {@code unregistered}.
 *   <li>If those works have more than one owner, the content is claimed by different rights
 *       holders: deny, basis {@code disputed}, until the claims are resolved.
 *   <li>Every remaining work needs a covering grant (content that carries two works is only as
 *       free as the less free of them). If some work has none: deny, basis {@code no-grant},
 *       naming that work.
 *   <li>If no work matched exactly (the content only resembles granted works): deny, basis {@code
 *       near-match}. Resemblance finds rights holders and disputes; it never clears content.
 *   <li>Otherwise allow, basis {@code grant}, naming the first exactly matched work (in id order)
 *       and the grant that covers it (the earliest issued, then lowest id, so the answer is
 *       deterministic).
 * </ol>
 *
 * <p>A grant covers a work for the question when all of these hold: it was issued by the work's
 * owner; it had been issued at the asked instant; its period contains the instant (from inclusive,
 * until exclusive); it had not been revoked at the instant; it names the licensee or everyone; one
 * of its uses covers the asked use ({@code train-ai} covers {@code train-genai}); its scope is all
 * of the grantor's works or lists this work; and it names no territory, or names the asked one (a
 * question without a territory is not covered by a territory-limited grant).
 */
public final class DecisionEngine {
  private static final Comparator<Grant> PREFERRED =
      Comparator.comparing(Grant::issuedAt).thenComparing(Grant::id);

  private final PolicyProfile profile = PolicyProfile.OPT_IN;

  /** Decides {@code question} for content that is an exact copy of {@code matched}. */
  public Decision decide(Question question, Collection<Work> matched, Collection<Grant> grants) {
    return decide(question, matched, List.of(), grants);
  }

  /**
   * Decides {@code question} for content that is an exact copy of the works in {@code exact} and
   * resembles those in {@code near}, given {@code grants}.
   */
  public Decision decide(
      Question question, Collection<Work> exact, Collection<Work> near, Collection<Grant> grants) {
    Instant at = question.at();
    List<Work> exactKnown = known(exact, at);
    List<Work> known = new ArrayList<>(exactKnown);
    for (Work w : known(near, at)) {
      if (known.stream().noneMatch(k -> k.id().equals(w.id()))) {
        known.add(w);
      }
    }
    known.sort(Comparator.comparing(Work::id));
    List<String> ids = known.stream().map(Work::id).toList();
    if (known.isEmpty()) {
      return deny(question, Basis.UNREGISTERED, Optional.empty(), ids);
    }
    if (known.stream().map(Work::owner).distinct().count() > 1) {
      return deny(question, Basis.DISPUTED, Optional.of(known.getFirst().id()), ids);
    }
    Optional<Grant> firstCover = Optional.empty();
    for (Work w : known) {
      Optional<Grant> cover =
          grants.stream().filter(g -> covers(g, w, question)).min(PREFERRED);
      if (cover.isEmpty()) {
        return deny(question, Basis.NO_GRANT, Optional.of(w.id()), ids);
      }
      if (firstCover.isEmpty() && exactKnown.stream().anyMatch(e -> e.id().equals(w.id()))) {
        firstCover = cover;
      }
    }
    if (exactKnown.isEmpty()) {
      return deny(question, Basis.NEAR_MATCH, Optional.of(known.getFirst().id()), ids);
    }
    exactKnown.sort(Comparator.comparing(Work::id));
    return new Decision(
        Verdict.ALLOW,
        Basis.GRANT,
        Optional.of(exactKnown.getFirst().id()),
        firstCover.map(Grant::id),
        ids,
        profile,
        question,
        List.of());
  }

  private static List<Work> known(Collection<Work> works, Instant at) {
    List<Work> out = new ArrayList<>();
    for (Work w : works) {
      if (!w.registeredAt().isAfter(at)) {
        out.add(w);
      }
    }
    return out;
  }

  /** Whether {@code grant} covers {@code work} for {@code question}; see the class comment. */
  public static boolean covers(Grant grant, Work work, Question question) {
    Instant at = question.at();
    return issuedByRightsHolder(grant, work)
        && !grant.issuedAt().isAfter(at)
        && !grant.validFrom().isAfter(at)
        && grant.validUntil().map(at::isBefore).orElse(true)
        && grant.revocation().map(r -> at.isBefore(r.revokedAt())).orElse(true)
        && grant.licensee().map(question.licensee()::equals).orElse(true)
        && grant.uses().stream().anyMatch(u -> u.covers(question.use()))
        && (grant.allWorks() || grant.works().contains(work.id()))
        && (grant.territories().isEmpty()
            || question.territory().map(grant.territories()::contains).orElse(false));
  }

  // Collectives granting under a creator's mandate join here (collectives issue): the rule will
  // become "the owner, or a collective holding a mandate from the owner that covers the work, the
  // use and the instant".
  private static boolean issuedByRightsHolder(Grant grant, Work work) {
    return grant.grantor().equals(work.owner());
  }

  private Decision deny(
      Question question, Basis basis, Optional<String> work, List<String> matchedWorks) {
    return new Decision(
        Verdict.DENY, basis, work, Optional.empty(), matchedWorks, profile, question, List.of());
  }
}
