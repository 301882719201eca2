package org.kyodaku.fingerprint.iscc;

import java.util.List;

/**
 * The Text-Code v0 soft hash (ISO 24138; iscc-core {@code code_content_text.py}).
 *
 * <ol>
 *   <li>Collapse the text ({@link TextNormalizer#collapse}: NFD, lower case, no whitespace,
 *       control, mark or punctuation characters, NFKC). {@code characters} is the number of code
 *       points left.
 *   <li>Features: xxHash32 (seed 0) of the UTF-8 of every window of 13 code points (one window
 *       of the whole text if it is shorter, the empty string included).
 *   <li>{@link MinHash} of the features, 256 bits.
 * </ol>
 *
 * Markup should be removed by the caller first; extraction of text from documents is not part of
 * this algorithm.
 */
final class TextHash {
  private static final int NGRAM = 13;

  private TextHash() {}

  static TextCode generate(String text, int bits) {
    IsccCode.checkBits(bits, 256);
    String collapsed = TextNormalizer.collapse(text);
    List<byte[]> grams = TextNormalizer.ngrams(collapsed, NGRAM);
    MinHash minHash = new MinHash();
    for (byte[] gram : grams) {
      minHash.add(Xxh32.hash(gram));
    }
    byte[] digest = minHash.digest256();
    return new TextCode(
        IsccCode.unit(MainType.CONTENT, IsccCode.ST_TEXT, bits, digest),
        collapsed.codePointCount(0, collapsed.length()));
  }
}
