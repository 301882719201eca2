package org.kyodaku.log.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.random.RandomGenerator;
import org.kyodaku.log.note.SignerKey;

/**
 * The log's Ed25519 signing key, kept as one line of text in Go's {@code note} signer form
 * ({@code PRIVATE+KEY+<name>+<key id>+<base64(0x01 || seed)>}) in a file only its owner can read.
 */
public final class LogKeys {
  private LogKeys() {}

  /**
   * Reads the key in {@code file}, or makes a new one named {@code name} from {@code random} and
   * writes it there (mode 0600) when the file does not exist.
   */
  public static SignerKey loadOrCreate(Path file, String name, RandomGenerator random)
      throws IOException {
    if (Files.exists(file)) {
      return SignerKey.parse(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    SignerKey key = SignerKey.ed25519(name, seed);
    byte[] typed = new byte[33];
    typed[0] = 0x01;
    System.arraycopy(seed, 0, typed, 1, 32);
    String text =
        "PRIVATE+KEY+"
            + name
            + "+"
            + String.format("%08x", key.keyId())
            + "+"
            + Base64.getEncoder().encodeToString(typed);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
      Files.createFile(tmp);
    }
    Files.writeString(tmp, text + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return SignerKey.parse(text);
  }
}
