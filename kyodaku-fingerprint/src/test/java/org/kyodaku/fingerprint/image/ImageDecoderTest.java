package org.kyodaku.fingerprint.image;

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

class ImageDecoderTest {
  private final ImageDecoder decoder = ImageDecoder.imageIo();

  static Path fixture(String name) {
    try {
      return Path.of(ImageDecoderTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void decode_goodJpeg_givesHeaderSize() {
    RgbImage image = decoder.decode(fixture("noise-256x192.jpg"));

    assertThat(image.width()).isEqualTo(256);
    assertThat(image.height()).isEqualTo(192);
  }

  @Test
  void decode_bytesOfGoodJpeg_equalsDecodedFile() throws IOException {
    Path file = fixture("noise-256x192.jpg");
    RgbImage fromFile = decoder.decode(file);
    RgbImage fromBytes = decoder.decode(Files.readAllBytes(file), "upload.jpg");

    int[] a = new int[256];
    int[] b = new int[256];
    for (int y = 0; y < 192; y++) {
      fromFile.copyRow(y, a);
      fromBytes.copyRow(y, b);
      assertThat(b).as("row %d", y).isEqualTo(a);
    }
  }

  @Test
  void decode_onePixelPng_givesThatPixel() {
    RgbImage image = decoder.decode(fixture("one-pixel.png"));

    assertThat(image.width()).isEqualTo(1);
    assertThat(image.height()).isEqualTo(1);
    assertThat(image.rgb(0, 0) & 0xFFFFFF).isEqualTo(0x336699);
  }

  @Test
  void decode_zeroByteFile_throwsNamingFile() {
    Path file = fixture("empty.jpg");

    assertThatThrownBy(() -> decoder.decode(file))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessage(file + ": empty file (0 bytes), not an image");
  }

  @Test
  void decode_zeroBytes_throwsNamingInput() {
    assertThatThrownBy(() -> decoder.decode(new byte[0], "upload.png"))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessage("upload.png: empty input (0 bytes), not an image");
  }

  @Test
  void decode_truncatedJpeg_throwsNamingFileAndDamage() {
    Path file = fixture("truncated.jpg");

    assertThatThrownBy(() -> decoder.decode(file))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageStartingWith(file + ": truncated or damaged JPEG data: ")
        .hasMessageContaining("remature end");
  }

  @Test
  void decode_corruptBytes_throwsNamingFile() {
    Path file = fixture("not-an-image.jpg");

    assertThatThrownBy(() -> decoder.decode(file))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageStartingWith(file + ": not an image in a readable format (readable: ")
        .hasMessageContaining("JPEG")
        .hasMessageContaining("PNG")
        .hasMessageContaining("WEBP");
  }

  @Test
  void decode_missingFile_throwsNamingFile(@TempDir Path dir) {
    Path file = dir.resolve("nowhere.jpg");

    assertThatThrownBy(() -> decoder.decode(file))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessage(file + ": no such file");
  }

  @Test
  void decode_pngHeaderClaiming50000x50000_refusedBeforeDecoding(@TempDir Path dir)
      throws IOException {
    Path file = Files.write(dir.resolve("huge.png"), pngHeader(50_000, 50_000));

    assertThatThrownBy(() -> decoder.decode(file))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessage(
            file + ": PNG image of 50000x50000 = 2500000000 pixels exceeds the limit of "
                + ImageDecoderOptions.DEFAULT_MAX_PIXELS + " pixels");
  }

  @Test
  void decode_imageOneOverConfiguredLimit_refusedQuotingLimit() {
    ImageDecoder strict =
        ImageDecoder.imageIo(ImageDecoderOptions.defaults().withMaxPixels(256 * 192 - 1));
    Path file = fixture("noise-256x192.jpg");

    assertThatThrownBy(() -> strict.decode(file))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessage(file + ": JPEG image of 256x192 = 49152 pixels exceeds the limit of 49151 pixels");
  }

  @Test
  void decode_imageExactlyAtConfiguredLimit_decodes() {
    ImageDecoder exact =
        ImageDecoder.imageIo(ImageDecoderOptions.defaults().withMaxPixels(256 * 192));

    assertThat(exact.decode(fixture("noise-256x192.jpg")).width()).isEqualTo(256);
  }

  @Test
  void options_zeroPixelLimit_throwsQuotingValue() {
    assertThatThrownBy(() -> ImageDecoderOptions.defaults().withMaxPixels(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxPixels must be at least 1, got 0");
  }

  @Test
  void options_defaults_ignoreExifAsReference() {
    assertThat(ImageDecoderOptions.defaults().orientation()).isEqualTo(ExifOrientation.IGNORE);
    assertThat(ImageDecoderOptions.defaults().maxPixels()).isEqualTo(50_000_000L);
  }

  @Test
  void decode_exifOrientation6AndApply_turnsPixelsClockwise() throws IOException {
    byte[] upright = Files.readAllBytes(fixture("noise-256x192.jpg"));
    byte[] tagged = withExifOrientation(upright, 6);
    ImageDecoder applying =
        ImageDecoder.imageIo(ImageDecoderOptions.defaults().withOrientation(ExifOrientation.APPLY));

    RgbImage stored = decoder.decode(tagged, "tagged.jpg");
    RgbImage shown = applying.decode(tagged, "tagged.jpg");

    assertThat(shown.width()).isEqualTo(192);
    assertThat(shown.height()).isEqualTo(256);
    // Clockwise: the stored bottom-left pixel is shown top-left, the stored top-left top-right.
    assertThat(shown.rgb(0, 0)).isEqualTo(stored.rgb(0, 191));
    assertThat(shown.rgb(191, 0)).isEqualTo(stored.rgb(0, 0));
    assertThat(shown.rgb(191, 255)).isEqualTo(stored.rgb(255, 0));
  }

  @Test
  void decode_exifOrientation6ByDefault_keepsStoredPixels() throws IOException {
    byte[] upright = Files.readAllBytes(fixture("noise-256x192.jpg"));

    RgbImage stored = decoder.decode(withExifOrientation(upright, 6), "tagged.jpg");

    assertThat(stored.width()).isEqualTo(256);
    assertThat(stored.rgb(17, 33)).isEqualTo(decoder.decode(upright, "upright.jpg").rgb(17, 33));
  }

  /**
   * {@code jpeg} with an APP1 Exif segment inserted after its APP0 (JFIF) segment; IFD0 holds one
   * entry, orientation (0x0112, SHORT) = {@code orientation}, big-endian ("MM").
   */
  static byte[] withExifOrientation(byte[] jpeg, int orientation) throws IOException {
    int app0End = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
    ByteArrayOutputStream tiff = new ByteArrayOutputStream();
    DataOutputStream t = new DataOutputStream(tiff);
    t.writeBytes("MM");
    t.writeShort(42);
    t.writeInt(8); // IFD0 right after the header
    t.writeShort(1); // one entry
    t.writeShort(0x0112);
    t.writeShort(3); // SHORT
    t.writeInt(1);
    t.writeShort(orientation);
    t.writeShort(0);
    t.writeInt(0); // no next IFD
    byte[] payload = tiff.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream o = new DataOutputStream(out);
    o.write(jpeg, 0, app0End);
    o.writeShort(0xFFE1);
    o.writeShort(2 + 6 + payload.length);
    o.writeBytes("Exif\0\0");
    o.write(payload);
    o.write(jpeg, app0End, jpeg.length - app0End);
    return out.toByteArray();
  }

  /** PNG signature, an IHDR chunk for an 8-bit RGB image of the given size, and IEND. */
  static byte[] pngHeader(int width, int height) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(ihdr);
    data.writeInt(width);
    data.writeInt(height);
    data.write(new byte[] {8, 2, 0, 0, 0}); // depth 8, colour type RGB, deflate, filter 0, no interlace
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
