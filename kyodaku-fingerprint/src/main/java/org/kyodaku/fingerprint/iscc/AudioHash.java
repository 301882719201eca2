package org.kyodaku.fingerprint.iscc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Audio-Code v0 soft hash (ISO 24138; iscc-core {@code code_content_audio.py}) from a
 * Chromaprint fingerprint (the signed 32-bit integers that {@code fpcalc -raw -signed} prints;
 * acoustid.org/chromaprint).
 *
 * <p>Each integer becomes a 4-byte big-endian two's-complement feature. The 256-bit digest is
 * eight 32-bit {@link SimHash}es, most significant first:
 *
 * <ol>
 *   <li>of all features;
 *   <li>of each of 4 consecutive parts of the features in their original order;
 *   <li>of each of 3 consecutive parts of the features sorted by signed value.
 * </ol>
 *
 * A sequence of n items is cut into k parts as evenly as possible, the first {@code n mod k}
 * parts one item longer. A part with no items contributes 32 zero bits; an empty fingerprint
 * gives 256 zero bits.
 */
final class AudioHash {
  private AudioHash() {}

  static byte[] digest(int[] chromaprint) {
    byte[] out = new byte[32];
    if (chromaprint.length == 0) {
      return out;
    }
    List<byte[]> parts = new ArrayList<>(8);
    parts.add(SimHash.of(features(chromaprint, 0, chromaprint.length)));
    addParts(parts, chromaprint, 4);
    int[] sorted = chromaprint.clone();
    Arrays.sort(sorted);
    addParts(parts, sorted, 3);
    for (int i = 0; i < parts.size(); i++) {
      System.arraycopy(parts.get(i), 0, out, 4 * i, 4);
    }
    return out;
  }

  private static void addParts(List<byte[]> parts, int[] values, int k) {
    int q = values.length / k;
    int r = values.length % k;
    int from = 0;
    for (int i = 0; i < k; i++) {
      int to = from + q + (i < r ? 1 : 0);
      parts.add(from == to ? new byte[4] : SimHash.of(features(values, from, to)));
      from = to;
    }
  }

  private static List<byte[]> features(int[] values, int from, int to) {
    List<byte[]> features = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      int v = values[i];
      features.add(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }
    return features;
  }
}
