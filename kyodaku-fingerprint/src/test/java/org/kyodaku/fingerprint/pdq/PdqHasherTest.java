package org.kyodaku.fingerprint.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kyodaku.fingerprint.image.ExifOrientation;
import org.kyodaku.fingerprint.image.ImageDecodeException;
import org.kyodaku.fingerprint.image.ImageDecoder;
import org.kyodaku.fingerprint.image.ImageDecoderOptions;
import org.kyodaku.fingerprint.image.RgbImage;

class PdqHasherTest {
  private final PdqHasher hasher = new PdqHasher();

  private static Path fixture(String name) {
    try {
      return Path.of(PdqHasherTest.class.getResource("/org/kyodaku/fingerprint/image/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- bad input: every failure names the file ---

  @Test
  void hash_zeroByteFile_throwsNamingFile() {
    Path file = fixture("empty.jpg");

    assertThatThrownBy(() -> hasher.hash(file))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessage(file + ": empty file (0 bytes), not an image");
  }

  @Test
  void hash_truncatedJpeg_throwsNamingFile() {
    Path file = fixture("truncated.jpg");

    assertThatThrownBy(() -> hasher.hash(file))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageStartingWith(file + ": truncated or damaged JPEG data: ");
  }

  @Test
  void hash_corruptBytes_throwsNamingFile() {
    Path file = fixture("not-an-image.jpg");

    assertThatThrownBy(() -> hasher.hash(file))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageStartingWith(file + ": not an image in a readable format");
  }

  @Test
  void hash_onePixelImage_throwsPdqExceptionNamingFile() {
    Path file = fixture("one-pixel.png");

    assertThatThrownBy(() -> hasher.hash(file))
        .isInstanceOf(PdqException.class)
        .hasMessage(file + ": 1x1 pixels is too small for PDQ; each side needs at least 2");
  }

  @Test
  void hashDihedral_onePixelImage_throwsPdqExceptionNamingFile() {
    Path file = fixture("one-pixel.png");

    assertThatThrownBy(() -> hasher.hashDihedral(file))
        .isInstanceOf(PdqException.class)
        .hasMessageStartingWith(file + ": 1x1 pixels is too small");
  }

  @Test
  void hash_onePixelWideImage_throwsQuotingSize() {
    RgbImage line = RgbImage.of(1, 500, new int[500]);

    assertThatThrownBy(() -> hasher.hash(line))
        .isInstanceOf(PdqException.class)
        .hasMessage("image: 1x500 pixels is too small for PDQ; each side needs at least 2");
  }

  @Test
  void hash_pngHeaderClaiming50000x50000_refusedBeforeDecoding(@TempDir Path dir)
      throws IOException {
    Path file = Files.write(dir.resolve("huge.png"), pngHeader(50_000, 50_000));

    assertThatThrownBy(() -> hasher.hash(file))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessage(
            file + ": PNG image of 50000x50000 = 2500000000 pixels exceeds the limit of 50000000"
                + " pixels");
  }

  // --- behaviour on good input ---

  @Test
  void hash_twoByTwo_smallestAcceptedSizeHashes() {
    RgbImage checker = RgbImage.of(2, 2, new int[] {0, 0xFFFFFF, 0xFFFFFF, 0});

    assertThat(hasher.hash(checker)).isEqualTo(hasher.hash(checker));
  }

  @Test
  void hash_fileAndDecodedImage_sameResult() {
    Path file = fixture("noise-256x192.jpg");

    assertThat(hasher.hash(file)).isEqualTo(hasher.hash(ImageDecoder.imageIo().decode(file)));
  }

  @Test
  void hashDihedral_original_equalsHash() {
    Path file = SharedTestData.pdq().resolve("data/bridge-mods/square-256x256.jpg");

    assertThat(hasher.hashDihedral(file).original()).isEqualTo(hasher.hash(file));
  }

  /**
   * On a 64×64 image the blur is the identity (window 1) and decimation keeps every pixel, so
   * turning the pixels must give the hash computed for that turn from the DCT; this pins down
   * which geometric turn each {@link Dihedral} is. Float rounding in the DCT differs between the
   * two routes, so a coefficient within rounding of the median could flip: at most 2 bits.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Dihedral.class)
  void hashDihedral_pixelsTurnedThatWay_matchVariant(Dihedral orientation) {
    RgbImage image = blobs();
    PdqHash expected = hasher.hash(turn(image, orientation)).hash();

    PdqHash computed = hasher.hashDihedral(image).hash(orientation);

    assertThat(computed.distance(expected)).isLessThanOrEqualTo(2);
  }

  @Test
  void hashDihedral_rotatedPhotoFiles_eachWithinMatchDistanceOfTheirVariant() {
    // The upstream dih/ photos: each file is bridge-1 turned; its hash must match the variant.
    PdqDihedralResult original =
        hasher.hashDihedral(SharedTestData.pdq().resolve("data/reg-test-input/dih/bridge-1-original.jpg"));
    String[] files = {
      "bridge-1-original", "bridge-2-rotate-90", "bridge-3-rotate-180", "bridge-4-rotate-270",
      "bridge-5-flipx", "bridge-6-flipy", "bridge-7-flip-plus-1", "bridge-8-flip-minus-1"
    };
    for (Dihedral orientation : Dihedral.values()) {
      PdqHash turned =
          hasher.hash(SharedTestData.pdq().resolve("data/reg-test-input/dih/" + files[orientation.ordinal()] + ".jpg"))
              .hash();
      assertThat(original.hash(orientation).distance(turned))
          .as("%s vs %s", orientation, files[orientation.ordinal()])
          .isLessThanOrEqualTo(8);
      assertThat(original.minDistance(turned)).isLessThanOrEqualTo(8);
    }
  }

  /** The four exif-rotn photos are separate shots, so only the sides can be checked here. */
  @Test
  void hash_exifRotatedPhotosIgnoringExif_differAsReference() {
    Path dir = SharedTestData.pdq().resolve("data/reg-test-input/exif-rotn");
    PdqHash one = hasher.hash(dir.resolve("exif-rotn-1.jpg")).hash();
    PdqHash six = hasher.hash(dir.resolve("exif-rotn-6.jpg")).hash();

    assertThat(one.matches(six)).isFalse();
  }

  @Test
  void hash_exifApplied_swapsSidesOfQuarterTurn() {
    ImageDecoder upright =
        ImageDecoder.imageIo(ImageDecoderOptions.defaults().withOrientation(ExifOrientation.APPLY));
    Path six = SharedTestData.pdq().resolve("data/reg-test-input/exif-rotn/exif-rotn-6.jpg");
    RgbImage stored = ImageDecoder.imageIo().decode(six);
    RgbImage shown = upright.decode(six);

    assertThat(shown.width()).isEqualTo(stored.height());
    assertThat(shown.height()).isEqualTo(stored.width());
  }

  /** WebP needs the TwelveMonkeys plug-in (the reference cannot read these); F is Pillow's float grey. */
  @Test
  void hash_webpCopyOfPhoto_matchesJpegOriginal() {
    Path modes = SharedTestData.pdq().resolve("data/misc-images/modes");
    PdqHash jpeg = hasher.hash(modes.resolve("original.jpg")).hash();

    PdqHash webp = hasher.hash(modes.resolve("F.webp")).hash();

    assertThat(webp.matches(jpeg)).isTrue();
  }

  // --- helpers ---

  /** 64×64 smooth shapes, not symmetric under any turn, so every variant is a different hash. */
  private static RgbImage blobs() {
    int[] pixels = new int[64 * 64];
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        double v =
            128
                + 60 * Math.sin(x / 7.0 + 0.3) * Math.cos(y / 11.0)
                + 40 * Math.exp(-((x - 18) * (x - 18) + (y - 40) * (y - 40)) / 60.0)
                + 0.8 * x
                - 0.3 * y;
        int g = (int) Math.max(0, Math.min(255, v));
        pixels[y * 64 + x] = g << 16 | g << 8 | g;
      }
    }
    return RgbImage.of(64, 64, pixels);
  }

  /** The image turned as each dihedral constant documents it. */
  private static RgbImage turn(RgbImage image, Dihedral orientation) {
    int n = image.width();
    int[] out = new int[n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        int m = n - 1;
        int source =
            switch (orientation) {
              case ORIGINAL -> image.rgb(x, y);
              case ROTATE_90 -> image.rgb(m - y, x);
              case ROTATE_180 -> image.rgb(m - x, m - y);
              case ROTATE_270 -> image.rgb(y, m - x);
              case FLIP_X -> image.rgb(x, m - y);
              case FLIP_Y -> image.rgb(m - x, y);
              case FLIP_PLUS_1 -> image.rgb(y, x);
              case FLIP_MINUS_1 -> image.rgb(m - y, m - x);
            };
        out[y * n + x] = source;
      }
    }
    return RgbImage.of(n, n, out);
  }

  private static byte[] pngHeader(int width, int height) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(ihdr);
    data.writeInt(width);
    data.writeInt(height);
    data.write(new byte[] {8, 2, 0, 0, 0});
    chunk(out, "IHDR", ihdr.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return bytes.toByteArray();
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeInt(data.length);
    out.write(name);
    out.write(data);
    out.writeInt((int) crc.getValue());
  }
}
