package org.kyodaku.fingerprint.iscc;

import java.util.ArrayList;
import java.util.List;

/**
 * The Mixed-Code v0 soft hash (ISO 24138; iscc-core {@code code_content_mixed.py}): one
 * similarity hash over the Content-Codes of the parts of a multimedia asset (say, the text and
 * the images of a document).
 *
 * <p>Input: two or more Content-Codes, each at least {@code bits} long. Each code contributes the
 * feature "first header byte (MainType and SubType nibbles) followed by the first {@code bits/8 -
 * 1} body bytes"; the digest is the {@link SimHash} of these features, {@code bits} long. Longer
 * codes are thereby truncated, and codes of different media kinds stay apart.
 */
final class MixedHash {
  private MixedHash() {}

  static IsccCode generate(List<IsccCode> codes, int bits) {
    IsccCode.checkBits(bits, 256);
    if (codes.size() < 2) {
      throw new IsccException("Mixed-Code needs at least 2 Content-Codes, got " + codes.size());
    }
    int nBytes = bits / 8;
    List<byte[]> features = new ArrayList<>(codes.size());
    for (IsccCode code : codes) {
      if (code.mainType() != MainType.CONTENT) {
        throw new IsccException(
            "Mixed-Code takes only Content-Codes, got " + code.algorithm() + " " + code);
      }
      if (code.bits() < bits) {
        throw new IsccException(
            "Mixed-Code of " + bits + " bits needs codes of at least " + bits + " bits, got "
                + code.bits() + " in " + code);
      }
      byte[] feature = new byte[nBytes];
      feature[0] = code.bytes()[0];
      System.arraycopy(code.body(), 0, feature, 1, nBytes - 1);
      features.add(feature);
    }
    return IsccCode.unit(MainType.CONTENT, IsccCode.ST_MIXED, bits, SimHash.of(features));
  }
}
