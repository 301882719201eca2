package org.kyodaku.signals;

import java.util.Objects;
import org.kyodaku.core.decision.Basis;
import org.kyodaku.core.decision.Verdict;

/**
 * The answer of {@link ClearanceRule}: the registry's decision combined with the signals.
 *
 * @param verdict allow or deny
 * @param ground why
 * @param category the category asked about (from the registry question's use)
 * @param signal what the signals said for that category
 * @param registry the basis of the registry decision the answer rests on
 */
public record Clearance(
    Verdict verdict, Ground ground, Category category, Preference signal, Basis registry) {

  public Clearance {
    Objects.requireNonNull(verdict, "verdict");
    boolean allowGround = ground == Ground.GRANT || ground == Ground.ORIGIN_ALLOWED;
    if ((verdict == Verdict.ALLOW) != allowGround) {
      throw new IllegalArgumentException("verdict " + verdict + " cannot rest on ground " + ground);
    }
  }

  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }
}
