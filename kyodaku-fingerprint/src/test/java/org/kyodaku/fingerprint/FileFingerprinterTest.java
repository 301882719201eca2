package org.kyodaku.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.fingerprint.pdq.PdqHasher;

class FileFingerprinterTest {
  @TempDir Path dir;
  private final FileFingerprinter fingerprinter = new FileFingerprinter();

  private Path png(String name, int seed) throws Exception {
    BufferedImage img = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
    java.util.Random r = new java.util.Random(seed);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 96; x++) {
        int v = (x * 3 + y * 2 + r.nextInt(40)) & 0xff;
        img.setRGB(x, y, (v << 16) | ((255 - v) << 8) | (v / 2));
      }
    }
    Path file = dir.resolve(name);
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  @Test
  void fingerprint_image_givesSha256PdqAndAllIsccUnits() throws Exception {
    Path file = png("wave.png", 1);
    FileFingerprints f = fingerprinter.fingerprint(file, Optional.of("神奈川沖浪裏"));
    assertThat(f.kind()).isEqualTo(MediaKind.IMAGE);
    assertThat(f.sha256()).isEqualTo(new Sha256Hasher().hash(file));
    assertThat(f.pdq()).isPresent();
    assertThat(f.pdq().orElseThrow().hash()).isEqualTo(new PdqHasher().hash(file).hash());
    assertThat(f.iscc().content()).isPresent();
    assertThat(f.iscc().content().orElseThrow().algorithm()).isEqualTo("iscc-image-v0");
    assertThat(f.iscc().code().text()).startsWith("ISCC:");
    assertThat(f.all()).extracting(Fingerprint::algorithm)
        .containsExactly("sha256", "pdq-v1", "iscc-meta-v0", "iscc-image-v0", "iscc-data-v0", "iscc-instance-v0", "iscc-code-v0");
    f.all().forEach(fp -> fp.requireKnown("test"));
    assertThat(f.contentError()).isEmpty();
  }

  @Test
  void fingerprint_sameImageTwice_sameCodes_differentImage_differentPdq() throws Exception {
    FileFingerprints a = fingerprinter.fingerprint(png("a.png", 1), Optional.empty());
    FileFingerprints b = fingerprinter.fingerprint(png("b.png", 1), Optional.empty());
    FileFingerprints c = fingerprinter.fingerprint(png("c.png", 99), Optional.empty());
    assertThat(a.sha256()).isEqualTo(b.sha256());
    assertThat(a.iscc().content()).isEqualTo(b.iscc().content());
    assertThat(a.iscc().meta()).isNotEqualTo(b.iscc().meta()); // named after the file
    assertThat(a.pdq().orElseThrow().hash()).isEqualTo(b.pdq().orElseThrow().hash());
    assertThat(a.pdq().orElseThrow().hash().distance(c.pdq().orElseThrow().hash())).isGreaterThan(0);
  }

  @Test
  void fingerprint_text_givesTextCode() throws Exception {
    Path file = Files.writeString(dir.resolve("poem.txt"), "古池や蛙飛び込む水の音", StandardCharsets.UTF_8);
    FileFingerprints f = fingerprinter.fingerprint(file, Optional.empty());
    assertThat(f.iscc().content().orElseThrow().algorithm()).isEqualTo("iscc-text-v0");
    assertThat(f.pdq()).isEmpty();
  }

  @Test
  void fingerprint_textNotUtf8_keepsExactCodesAndSaysWhichByte() throws Exception {
    // Shift_JIS "古池や": a Text-Code of replacement characters would match every such file.
    Path file = Files.write(dir.resolve("haiku.txt"), new byte[] {'o', 'k', (byte) 0x8c, (byte) 0xc3, (byte) 0x92, (byte) 0x72});
    FileFingerprints f = fingerprinter.fingerprint(file, Optional.empty());
    assertThat(f.iscc().content()).isEmpty();
    assertThat(f.contentError()).contains(file + ": not UTF-8 text, so no Text-Code (malformed at byte 2)");
    assertThat(f.all()).extracting(Fingerprint::algorithm)
        .containsExactly("sha256", "iscc-meta-v0", "iscc-data-v0", "iscc-instance-v0", "iscc-code-v0");
  }

  @Test
  void fingerprint_corruptImage_keepsExactCodesAndSaysWhy() throws Exception {
    Path file = Files.write(dir.resolve("broken.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
    FileFingerprints f = fingerprinter.fingerprint(file, Optional.empty());
    assertThat(f.pdq()).isEmpty();
    assertThat(f.iscc().content()).isEmpty();
    assertThat(f.contentError()).hasValueSatisfying(m -> assertThat(m).contains("broken.jpg"));
    assertThat(f.all()).extracting(Fingerprint::algorithm)
        .containsExactly("sha256", "iscc-meta-v0", "iscc-data-v0", "iscc-instance-v0", "iscc-code-v0");
  }

  @Test
  void fingerprint_unknownType_exactCodesOnly() throws Exception {
    Path file = Files.write(dir.resolve("model.bin"), new byte[1000]);
    FileFingerprints f = fingerprinter.fingerprint(file, Optional.empty());
    assertThat(f.kind()).isEqualTo(MediaKind.OTHER);
    assertThat(f.iscc().content()).isEmpty();
    assertThat(f.contentError()).isEmpty();
  }
}
