package org.kyodaku.fingerprint.vpdq;

/**
 * When two frames, and two videos, count as matching.
 *
 * @param maxDistance two frame hashes match when their Hamming distance is at most this (0–256)
 * @param minQuality frames of lower quality are left out of the comparison (0–100)
 * @param queryMatchPercent least share of the query's frames that must match, 0–100 ("P_q")
 * @param comparedMatchPercent least share of the compared video's frames that must match, 0–100
 *     ("P_c")
 */
public record VpdqThresholds(
    int maxDistance, int minQuality, double queryMatchPercent, double comparedMatchPercent) {
  /** D = 31: {@code vpdq/README.md} and python-threatexchange's {@code VPDQ_DISTANCE_THRESHOLD}. */
  public static final int REFERENCE_MAX_DISTANCE = 31;

  /** F = 50: {@code vpdq/README.md} and python-threatexchange's {@code VPDQ_QUALITY_THRESHOLD}. */
  public static final int REFERENCE_MIN_QUALITY = 50;

  /**
   * P_q = 0 %: {@code vpdq/README.md}'s example; a query may be a longer video that contains the
   * compared one.
   */
  public static final double REFERENCE_QUERY_PERCENT = 0.0;

  /** P_c = 80 %: {@code vpdq/README.md}'s example. */
  public static final double REFERENCE_COMPARED_PERCENT = 80.0;

  public VpdqThresholds {
    if (maxDistance < 0 || maxDistance > 256) {
      throw new VpdqException("maxDistance is 0..256 bits, got " + maxDistance);
    }
    if (minQuality < 0 || minQuality > 100) {
      throw new VpdqException("minQuality is 0..100, got " + minQuality);
    }
    checkPercent("queryMatchPercent", queryMatchPercent);
    checkPercent("comparedMatchPercent", comparedMatchPercent);
  }

  private static void checkPercent(String name, double percent) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new VpdqException(name + " is 0..100, got " + percent);
    }
  }

  /** The reference's thresholds: distance ≤ 31, quality ≥ 50, P_q = 0 %, P_c = 80 %. */
  public static VpdqThresholds reference() {
    return new VpdqThresholds(
        REFERENCE_MAX_DISTANCE, REFERENCE_MIN_QUALITY, REFERENCE_QUERY_PERCENT,
        REFERENCE_COMPARED_PERCENT);
  }

  /**
   * Both percentages at 100 %: "the same content", the README's setting for finding only videos
   * with exactly the same frames.
   */
  public static VpdqThresholds sameContent() {
    return new VpdqThresholds(REFERENCE_MAX_DISTANCE, REFERENCE_MIN_QUALITY, 100, 100);
  }

  /** These thresholds with other percentages. */
  public VpdqThresholds withPercentages(double query, double compared) {
    return new VpdqThresholds(maxDistance, minQuality, query, compared);
  }
}
