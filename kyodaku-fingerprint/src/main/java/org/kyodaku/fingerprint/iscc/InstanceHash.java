package org.kyodaku.fingerprint.iscc;

import java.io.IOException;
import java.io.InputStream;

/**
 * The Instance-Code v0 hash (ISO 24138; iscc-core {@code code_instance.py}): BLAKE3-256 of every
 * byte of the stream, read in 64 KiB blocks (constant memory). The code body is the first {@code
 * bits} of the digest; {@code datahash} is the whole digest as a multihash ({@code 1e20...}) and
 * {@code filesize} the number of bytes read.
 */
final class InstanceHash {
  private static final int READ = 64 * 1024;

  private InstanceHash() {}

  static InstanceCode compute(InputStream in, int bits) throws IOException {
    IsccCode.checkBits(bits, 256);
    Blake3 blake3 = new Blake3();
    byte[] buffer = new byte[READ];
    long size = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      blake3.update(buffer, 0, n);
      size += n;
    }
    byte[] digest = blake3.finish();
    return new InstanceCode(
        IsccCode.unit(MainType.INSTANCE, 0, bits, digest), Blake3.multihash(digest), size);
  }
}
