package org.kyodaku.index.hamming;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random code sets for tests: uniform codes, clusters of near-duplicates, exact duplicates. */
final class TestCodes {
  private TestCodes() {}

  static BinaryCode random(int width, SplittableRandom rnd) {
    long[] w = new long[width / 64];
    for (int i = 0; i < w.length; i++) {
      w[i] = rnd.nextLong();
    }
    return BinaryCode.ofWords(w);
  }

  /** {@code code} with {@code flips} random bits inverted (a bit may be flipped back). */
  static BinaryCode near(BinaryCode code, int flips, SplittableRandom rnd) {
    BinaryCode c = code;
    for (int i = 0; i < flips; i++) {
      c = c.flip(rnd.nextInt(code.width()));
    }
    return c;
  }

  /**
   * {@code n} codes: about a third uniform, the rest in a few clusters around random centres at
   * 0..maxFlips flips (so exact duplicates and distances around any radius occur).
   */
  static List<BinaryCode> clustered(int width, int n, int maxFlips, SplittableRandom rnd) {
    List<BinaryCode> centres = new ArrayList<>();
    for (int i = 0; i < 1 + rnd.nextInt(8); i++) {
      centres.add(random(width, rnd));
    }
    List<BinaryCode> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          rnd.nextInt(3) == 0
              ? random(width, rnd)
              : near(centres.get(rnd.nextInt(centres.size())), rnd.nextInt(maxFlips + 1), rnd));
    }
    return out;
  }

  /** Queries: near-duplicates of stored codes and centres, plus uniform codes. */
  static List<BinaryCode> queries(List<BinaryCode> stored, int count, int maxFlips, SplittableRandom rnd) {
    List<BinaryCode> out = new ArrayList<>(count);
    int width = stored.isEmpty() ? 256 : stored.get(0).width();
    for (int i = 0; i < count; i++) {
      out.add(
          stored.isEmpty() || i % 3 == 2
              ? random(width, rnd)
              : near(stored.get(rnd.nextInt(stored.size())), rnd.nextInt(maxFlips + 1), rnd));
    }
    return out;
  }
}
