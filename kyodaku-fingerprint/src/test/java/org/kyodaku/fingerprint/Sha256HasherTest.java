package org.kyodaku.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256HasherTest {
  private final Sha256Hasher hasher = new Sha256Hasher();

  // FIPS 180-4 example vectors (NIST CSRC "SHA256.pdf"): "abc" and the empty message.
  @Test
  void hash_fipsVectorAbc_matches() throws Exception {
    var fp = hasher.hash(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
    assertThat(fp.algorithm()).isEqualTo("sha256");
    assertThat(fp.value()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hash_emptyFile_matchesEmptyMessageVector(@TempDir Path dir) throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.bin"));
    assertThat(hasher.hash(empty).value())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void hash_fileLargerThanOneBlock_equalsStreamHash(@TempDir Path dir) throws Exception {
    byte[] data = new byte[200_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31);
    }
    Path file = Files.write(dir.resolve("big.bin"), data);
    assertThat(hasher.hash(file)).isEqualTo(hasher.hash(new ByteArrayInputStream(data)));
  }
}
