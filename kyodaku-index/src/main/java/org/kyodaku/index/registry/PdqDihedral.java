package org.kyodaku.index.registry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.index.hamming.IndexException;

/**
 * The PDQ hashes that a rotated or mirrored copy of a picture would have, derived from the
 * picture's own 256-bit hash, so the registry finds the eight symmetries of a registered picture
 * without asking the client for eight hashes and without storing them.
 *
 * <p><b>Why the bits suffice, almost.</b> PDQ sets bit {@code k = 16 i + j} when the DCT
 * coefficient {@code B[i][j]} (row frequency {@code i + 1}, column frequency {@code j + 1}) is
 * above the median of all 256 (hashing.pdf; {@code kyodaku-fingerprint}'s {@code Dct64To16} and
 * {@code MedianThreshold}). Mirroring the image along an axis negates the coefficients of odd
 * frequency along it (even index), and reflecting it across the main diagonal transposes {@code
 * B}. Each of the eight symmetries of the square is a choice of (mirror rows, mirror columns,
 * transpose). So its hash is this hash with the negated coefficients' bits inverted and the bit
 * positions transposed — up to the threshold: the turned block's median is not exactly the
 * original's, and coefficients lying between the two flip. PDQ coefficients sit roughly
 * symmetric around zero, so this costs a few bits; {@code DihedralSearchTest} (kyodaku-cli)
 * measures it against {@code PdqHasher.hashDihedral} on Meta's test pictures.
 *
 * <p><b>Bit numbering.</b> PDQ bit {@code k} is bit {@code k % 64} of the PDQ word {@code k / 64},
 * and PDQ prints word 3 first; {@link BinaryCode} word 0 holds the first 16 hex digits, so PDQ bit
 * {@code k} is bit {@code k % 64} of {@code BinaryCode} word {@code 3 - k / 64}.
 *
 * <p>Public so that measurements outside the registry (the robustness report of {@code
 * kyodaku-fingerprint}) use exactly the variants the registry searches.
 */
public final class PdqDihedral {
  private static final int SIDE = 16;
  private static final int BITS = SIDE * SIDE;

  /** For each symmetry: the target bit of every source bit, and the bits it inverts. */
  private static final int[][] TARGET = new int[8][BITS];

  private static final long[][] INVERT = new long[8][4];

  static {
    for (int s = 0; s < 8; s++) {
      boolean transpose = (s & 1) != 0;
      boolean mirrorRows = (s & 2) != 0;
      boolean mirrorColumns = (s & 4) != 0;
      for (int i = 0; i < SIDE; i++) {
        for (int j = 0; j < SIDE; j++) {
          int k = SIDE * i + j;
          int target = transpose ? SIDE * j + i : k;
          TARGET[s][k] = target;
          if ((mirrorRows && (i & 1) == 0) ^ (mirrorColumns && (j & 1) == 0)) {
            INVERT[s][word(target)] |= 1L << (target & 63);
          }
        }
      }
    }
  }

  private PdqDihedral() {}

  private static void requirePdq(BinaryCode hash) {
    if (hash.width() != BITS) {
      throw new IndexException("a PDQ hash has " + BITS + " bits, got " + hash.width());
    }
  }

  private static int word(int pdqBit) {
    return 3 - pdqBit / 64;
  }

  /**
   * The distinct hashes of the eight symmetries of {@code hash} (a 256-bit PDQ code), the hash
   * itself first.
   *
   * @throws IndexException if {@code hash} is not 256 bits wide
   */
  public static List<BinaryCode> variants(BinaryCode hash) {
    requirePdq(hash);
    Set<BinaryCode> out = new LinkedHashSet<>();
    for (int s = 0; s < 8; s++) {
      out.add(turn(hash, s));
    }
    return new ArrayList<>(out);
  }

  /**
   * The hash of one symmetry: bit 0 of {@code symmetry} transposes, bit 1 mirrors the rows, bit 2
   * the columns (PDQ's {@code Dihedral} names: 0 original, 5 rotate 90, 6 rotate 180, 3 rotate
   * 270, 2 flip x, 4 flip y, 1 flip +1, 7 flip -1).
   *
   * @throws IndexException if {@code hash} is not 256 bits wide or {@code symmetry} is not 0..7
   */
  public static BinaryCode turn(BinaryCode hash, int symmetry) {
    requirePdq(hash);
    if (symmetry < 0 || symmetry > 7) {
      throw new IndexException("a symmetry of the square is 0..7, got " + symmetry);
    }
    long[] turned = INVERT[symmetry].clone();
    for (int k = 0; k < BITS; k++) {
      if ((hash.word(word(k)) >>> (k & 63) & 1) != 0) {
        int t = TARGET[symmetry][k];
        turned[word(t)] ^= 1L << (t & 63);
      }
    }
    return BinaryCode.ofWords(turned);
  }
}
