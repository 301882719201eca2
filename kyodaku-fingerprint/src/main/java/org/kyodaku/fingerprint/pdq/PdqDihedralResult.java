package org.kyodaku.fingerprint.pdq;

import java.util.List;

/**
 * The PDQ hashes of an image in all eight {@link Dihedral} orientations, with the quality they
 * share (turning an image does not change its quality).
 *
 * <p>To find a registered work however it was rotated or mirrored, match a query hash against all
 * eight. Do not reduce them to one "canonical" hash: an actually rotated file decodes to slightly
 * different pixels, so its eight hashes are near, not equal, to these (upstream issue #1676).
 *
 * @param hashes eight hashes, in {@link Dihedral} order
 * @param quality 0–100, as in {@link PdqResult#quality()}
 */
public record PdqDihedralResult(List<PdqHash> hashes, int quality) {
  public PdqDihedralResult {
    hashes = List.copyOf(hashes);
    if (hashes.size() != Dihedral.values().length) {
      throw new IllegalArgumentException(
          "need one hash per dihedral orientation (" + Dihedral.values().length + "), got "
              + hashes.size());
    }
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("PDQ quality is 0..100, got " + quality);
    }
  }

  /** The hash of the image turned as {@code orientation} says. */
  public PdqHash hash(Dihedral orientation) {
    return hashes.get(orientation.ordinal());
  }

  /** The hash and quality of the image as it is, as {@link PdqHasher#hash} gives them. */
  public PdqResult original() {
    return new PdqResult(hash(Dihedral.ORIGINAL), quality);
  }

  /** Smallest distance from {@code query} to any of the eight hashes. */
  public int minDistance(PdqHash query) {
    int best = Integer.MAX_VALUE;
    for (PdqHash h : hashes) {
      best = Math.min(best, h.distance(query));
    }
    return best;
  }
}
