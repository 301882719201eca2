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
 */
public record Decision(
    Verdict verdict,
    Basis basis,
    Optional<String> work,
    Optional<String> grant,
    List<String> matchedWorks,
    PolicyProfile profile,
    Question question) {

  public Decision {
    matchedWorks = List.copyOf(matchedWorks);
    if ((verdict == Verdict.ALLOW) != (basis == Basis.GRANT)) {
      throw new IllegalArgumentException(
          "verdict " + verdict + " cannot rest on basis " + basis);
    }
    if ((verdict == Verdict.ALLOW) != grant.isPresent()) {
      throw new IllegalArgumentException("a grant is named exactly when the verdict is allow");
    }
  }

  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }
}
