package org.kyodaku.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.kyodaku.core.model.Fingerprint;

/**
 * The exact-content fingerprint: SHA-256 (FIPS 180-4) of a file's bytes, as 64 lowercase hex
 * digits, algorithm name {@value Fingerprint#SHA256}. Streams the file in 64 KiB blocks, so any
 * size hashes in constant memory.
 */
public final class Sha256Hasher {
  private static final int BLOCK = 64 * 1024;

  public Fingerprint hash(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return hash(in);
    }
  }

  public Fingerprint hash(InputStream in) throws IOException {
    MessageDigest sha = newDigest();
    byte[] buffer = new byte[BLOCK];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      sha.update(buffer, 0, n);
    }
    return Fingerprint.sha256(HexFormat.of().formatHex(sha.digest()));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
