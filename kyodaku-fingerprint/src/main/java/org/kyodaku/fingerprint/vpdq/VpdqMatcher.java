package org.kyodaku.fingerprint.vpdq;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kyodaku.fingerprint.pdq.PdqHash;

/**
 * The vPDQ comparison: how much of each video is found in the other.
 *
 * <p><b>Inputs</b>: a query hash {@code Q} and a compared hash {@code C} (feature lists), and
 * {@link VpdqThresholds} (D, F, P_q, P_c). <b>Steps</b> ({@code vpdq/README.md}, "Comparison
 * (Matching) Algorithm"):
 *
 * <ol>
 *   <li>From each side keep the frames with quality ≥ F, then the distinct hashes among them
 *       (identical hashes count once: a still scene of 300 frames is one picture, not 300).
 *   <li>Query share = number of distinct query hashes within distance ≤ D of <em>any</em> compared
 *       hash, × 100 / number of distinct query hashes; compared share likewise the other way.
 *   <li>Match iff compared share ≥ P_c and query share ≥ P_q.
 * </ol>
 *
 * <p>Frame numbers and timestamps play no part: each video is a bag of hashes, so a clip matches
 * inside a longer video whatever its position. If either side has no usable frame, both shares
 * are 0 and nothing matches (as the C++ reference returns). The README and python-threatexchange
 * use "distance ≤ D" and de-duplicate; the C++ tool {@code match-hashes-brute} uses "distance &lt;
 * D" without de-duplication, one bit stricter, so its percentages can be slightly lower.
 *
 * <p>Cost: {@code O(|Q|·|C|)} 256-bit distances (four {@code popcount}s each), with an early exit
 * per frame on the first match; index the frames (e.g. by multi-index hashing) to find candidate
 * videos before running this on each.
 */
public final class VpdqMatcher {
  private VpdqMatcher() {}

  /** Compares with {@link VpdqThresholds#reference()}. */
  public static VpdqMatch compare(List<VpdqFeature> query, List<VpdqFeature> compared) {
    return compare(query, compared, VpdqThresholds.reference());
  }

  /** Compares {@code query} with {@code compared} under {@code thresholds}. */
  public static VpdqMatch compare(
      List<VpdqFeature> query, List<VpdqFeature> compared, VpdqThresholds thresholds) {
    return compareUsable(
        usable(query, thresholds.minQuality()), usable(compared, thresholds.minQuality()), thresholds);
  }

  /** {@link #compare} of two lists already reduced by {@link #usable}. */
  static VpdqMatch compareUsable(List<PdqHash> q, List<PdqHash> c, VpdqThresholds thresholds) {
    if (q.isEmpty() || c.isEmpty()) {
      return new VpdqMatch(0, 0, false);
    }
    double queryPercent = matchedIn(q, c, thresholds.maxDistance()) * 100.0 / q.size();
    double comparedPercent = matchedIn(c, q, thresholds.maxDistance()) * 100.0 / c.size();
    boolean matches =
        comparedPercent >= thresholds.comparedMatchPercent()
            && queryPercent >= thresholds.queryMatchPercent();
    return new VpdqMatch(queryPercent, comparedPercent, matches);
  }

  /** Distinct hashes of the frames with quality ≥ {@code minQuality}, in first-seen order. */
  static List<PdqHash> usable(List<VpdqFeature> features, int minQuality) {
    Set<PdqHash> distinct = new LinkedHashSet<>();
    for (VpdqFeature feature : features) {
      if (feature.quality() >= minQuality) {
        distinct.add(feature.pdqHash());
      }
    }
    return new ArrayList<>(distinct);
  }

  /**
   * Whether at least {@code percent} of {@code hashes} lie within {@code maxDistance} of some hash
   * in {@code others}; stops as soon as too many have missed, so that a video that cannot match
   * costs a fraction of a full comparison.
   */
  static boolean reaches(List<PdqHash> hashes, List<PdqHash> others, int maxDistance, double percent) {
    // Largest number of misses that still leaves matched * 100 / size >= percent, one more when
    // rounding is in doubt: this only filters, the full comparison decides.
    long allowedMisses = hashes.size() - (long) Math.ceil(percent * hashes.size() / 100.0 - 1e-9);
    int misses = 0;
    for (PdqHash hash : hashes) {
      if (!within(hash, others, maxDistance) && ++misses > allowedMisses) {
        return false;
      }
    }
    return true;
  }

  private static boolean within(PdqHash hash, List<PdqHash> others, int maxDistance) {
    for (PdqHash other : others) {
      if (hash.distance(other) <= maxDistance) {
        return true;
      }
    }
    return false;
  }

  /** How many of {@code hashes} lie within {@code maxDistance} of some hash in {@code others}. */
  private static int matchedIn(List<PdqHash> hashes, List<PdqHash> others, int maxDistance) {
    int matched = 0;
    for (PdqHash hash : hashes) {
      if (within(hash, others, maxDistance)) {
        matched++;
      }
    }
    return matched;
  }
}
