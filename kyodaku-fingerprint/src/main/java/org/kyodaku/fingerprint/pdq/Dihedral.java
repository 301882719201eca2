package org.kyodaku.fingerprint.pdq;

/**
 * The eight symmetries of a square (the dihedral group D4), in the reference's order and with its
 * names; {@link PdqHasher#hashDihedral} gives the hash each of these turns of the image would have.
 *
 * <p>Each is computed from the original's 16×16 DCT without rehashing (see {@code Dct64To16}): a
 * mirror of the image negates the coefficients of odd frequency along the mirrored axis, and a
 * reflection across the main diagonal transposes the coefficient matrix; every symmetry is a
 * combination of these.
 */
public enum Dihedral {
  /** The image as it is. */
  ORIGINAL(false, false, false),
  /**
   * Turned a quarter turn anticlockwise (reference {@code rot90}; upstream test file {@code
   * bridge-2-rotate-90.jpg}): the top-right corner becomes the top-left.
   */
  ROTATE_90(true, false, true),
  /** Turned a half turn. */
  ROTATE_180(false, true, true),
  /** Turned a quarter turn clockwise: what EXIF orientation 6 asks a viewer to do. */
  ROTATE_270(true, true, false),
  /** Mirrored top to bottom, across the horizontal (x) axis. */
  FLIP_X(false, true, false),
  /** Mirrored left to right, across the vertical (y) axis. */
  FLIP_Y(false, false, true),
  /** Mirrored across the main diagonal (top-left to bottom-right): rows become columns. */
  FLIP_PLUS_1(true, false, false),
  /** Mirrored across the anti-diagonal (top-right to bottom-left). */
  FLIP_MINUS_1(true, true, true);

  /** The coefficient matrix is transposed (after the sign changes below). */
  final boolean transpose;

  /** Image rows are reversed: coefficients in DCT rows of odd frequency (even index) negate. */
  final boolean mirrorRows;

  /** Image columns are reversed: coefficients in DCT columns of odd frequency negate. */
  final boolean mirrorColumns;

  Dihedral(boolean transpose, boolean mirrorRows, boolean mirrorColumns) {
    this.transpose = transpose;
    this.mirrorRows = mirrorRows;
    this.mirrorColumns = mirrorColumns;
  }
}
