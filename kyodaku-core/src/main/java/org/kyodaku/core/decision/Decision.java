package org.kyodaku.core.decision;

import java.util.List;
import java.util.Optional;

/**
 * An answer with its basis and evidence.
 *
 * @param verdict allow or deny
 * @param basis why
 * @param work the work the answer is about: the covered work on allow, the first uncovered or
 *     disputed work on deny, empty when the content is unregistered
 * @param grant the grant relied on, only on allow
 * @param matchedWorks every work the content matched at the asked instant, in id order
 * @param profile the policy under which the answer was made
 * @param question what was asked
 * @param evidence how the content matched each work (algorithm and distance); empty when asked
 *     by work id
 */
public record Decision(
    Verdict verdict,
    Basis basis,
    Optional<String> work,
    Optional<String> grant,
    List<String> matchedWorks,
    PolicyProfile profile,
    Question question,
    List<Evidence> evidence) {

  public Decision {
    matchedWorks = List.copyOf(matchedWorks);
    evidence = List.copyOf(evidence);
    if ((verdict == Verdict.ALLOW) != (basis == Basis.GRANT)) {
      throw new IllegalArgumentException(
          "verdict " + verdict + " cannot rest on basis " + basis);
    }
    if ((verdict == Verdict.ALLOW) != grant.isPresent()) {
      throw new IllegalArgumentException("a grant is named exactly when the verdict is allow");
    }
  }

  /** This decision with the evidence of how the content matched. */
  public Decision withEvidence(List<Evidence> matches) {
    return new Decision(verdict, basis, work, grant, matchedWorks, profile, question, matches);
  }

  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }
}
