package org.kyodaku.fingerprint.vpdq;

/**
 * The outcome of comparing two vPDQ hashes.
 *
 * @param queryMatchPercent share (0–100) of the query's distinct usable frames that have a
 *     matching frame in the compared video
 * @param comparedMatchPercent share (0–100) of the compared video's distinct usable frames that
 *     have a matching frame in the query
 * @param matches whether both shares reach the thresholds the comparison used
 */
public record VpdqMatch(double queryMatchPercent, double comparedMatchPercent, boolean matches) {
  public VpdqMatch {
    if (!(queryMatchPercent >= 0 && queryMatchPercent <= 100)
        || !(comparedMatchPercent >= 0 && comparedMatchPercent <= 100)) {
      throw new IllegalArgumentException(
          "match percentages are 0..100, got " + queryMatchPercent + " and " + comparedMatchPercent);
    }
  }
}
