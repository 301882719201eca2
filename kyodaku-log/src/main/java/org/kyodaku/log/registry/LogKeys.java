package org.kyodaku.log.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.kyodaku.log.note.KeyType;
import org.kyodaku.log.note.SignerKey;

/**
 * Note signing keys kept as one line of text in Go's {@code note} signer form ({@code
 * PRIVATE+KEY+<name>+<key id>+<base64(type || seed)>}) in a file only its owner can read: the
 * log's Ed25519 key (type {@code 0x01}) and a witness's cosigner key (type {@code 0x04}).
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
    return SignerKey.parse(write(file, SignerKey.text(name, KeyType.ED25519, seed(random))));
  }

  /**
   * Makes a new witness cosigner key (cosignature/v1) named {@code name} and writes it to {@code
   * file} (mode 0600); an existing file is never replaced: a witness that lost its key or state must
   * start under a new name, not pass as the old one.
   */
  public static SignerKey createCosigner(Path file, String name, RandomGenerator random, Clock clock)
      throws IOException {
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "a key file is never replaced");
    }
    return SignerKey.parse(write(file, SignerKey.text(name, KeyType.COSIGNATURE_V1, seed(random))), clock);
  }

  /** Reads a key file of either type; a cosigner timestamps with {@code clock}. */
  public static SignerKey load(Path file, Clock clock) throws IOException {
    return SignerKey.parse(Files.readString(file, StandardCharsets.US_ASCII).strip(), clock);
  }

  private static byte[] seed(RandomGenerator random) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return seed;
  }

  private static String write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
      Files.createFile(tmp);
    }
    Files.writeString(tmp, text + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return text;
  }
}
