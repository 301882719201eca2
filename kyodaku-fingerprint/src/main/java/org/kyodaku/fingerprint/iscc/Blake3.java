package org.kyodaku.fingerprint.iscc;

import java.util.HexFormat;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * BLAKE3 with 256-bit output (unkeyed hash mode), from Bouncy Castle's {@code Blake3Digest}
 * (ADR 0004), and the multihash form ISCC prints it in.
 *
 * <p>Specification: J.-P. Aumasson, S. Neves, Z. Wilcox-O'Hearn, J. O'Connor, "BLAKE3: one
 * function, fast everywhere" (<a
 * href="https://github.com/BLAKE3-team/BLAKE3-specs">BLAKE3-team/BLAKE3-specs</a>). Multihash: <a
 * href="https://github.com/multiformats/multihash">multiformats/multihash</a>, code {@code 0x1e}
 * (blake3) and digest length {@code 0x20}, so every ISCC {@code metahash} and {@code datahash}
 * is {@code "1e20"} followed by 64 hex digits.
 */
final class Blake3 {
  private final Blake3Digest digest = new Blake3Digest();

  void update(byte[] data, int offset, int length) {
    digest.update(data, offset, length);
  }

  byte[] finish() {
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  static byte[] hash(byte[] data) {
    Blake3 b = new Blake3();
    b.update(data, 0, data.length);
    return b.finish();
  }

  static String multihash(byte[] digest) {
    return "1e20" + HexFormat.of().formatHex(digest);
  }
}
