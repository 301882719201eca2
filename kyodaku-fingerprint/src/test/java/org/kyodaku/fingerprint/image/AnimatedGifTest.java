package org.kyodaku.fingerprint.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.fingerprint.FileFingerprinter;
import org.kyodaku.fingerprint.FileFingerprints;
import org.kyodaku.fingerprint.MediaKind;
import org.kyodaku.fingerprint.pdq.PdqHasher;
import org.kyodaku.fingerprint.pdq.PdqResult;

/**
 * An animated GIF is hashed by its first frame, as Meta's reference does ({@code ImageIO.read}
 * reads image 0). The fixtures are made here with the JDK's GIF writer: three full-size frames,
 * each a different picture in colours of the writer's default palette, so that every pixel is
 * stored exactly.
 */
class AnimatedGifTest {
  private static final int WIDTH = 96;
  private static final int HEIGHT = 64;

  /** Frame {@code k}: stripes and a block whose directions and places differ from frame to frame. */
  private static BufferedImage frame(int k) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    int[] levels = {0x00, 0x33, 0x66, 0x99, 0xCC, 0xFF};
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int stripe = (k == 0 ? x / 8 : k == 1 ? y / 8 : (x + y) / 11) % levels.length;
        int v = levels[stripe];
        boolean block = x / 32 == k && y < 32;
        image.setRGB(x, y, block ? 0xFF0000 : v << 16 | v << 8 | levels[(stripe + k + 1) % levels.length]);
      }
    }
    return image;
  }

  /** Writes {@code frames} as one GIF, an animation when there is more than one. */
  private static Path gif(Path file, List<BufferedImage> frames) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (BufferedImage frame : frames) {
        IIOMetadata metadata =
            writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
        String format = metadata.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", "10");
        control.setAttribute("transparentColorIndex", "0");
        root.appendChild(control);
        metadata.setFromTree(format, root);
        writer.writeToSequence(new IIOImage(frame, null, metadata), null);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    return file;
  }

  private static int frameCount(Path file) throws IOException {
    javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (var in = ImageIO.createImageInputStream(file.toFile())) {
      reader.setInput(in);
      return reader.getNumImages(true);
    } finally {
      reader.dispose();
    }
  }

  private static int[] pixels(RgbImage image) {
    int[] all = new int[image.width() * image.height()];
    int[] row = new int[image.width()];
    for (int y = 0; y < image.height(); y++) {
      image.copyRow(y, row);
      System.arraycopy(row, 0, all, y * image.width(), row.length);
    }
    return all;
  }

  @Test
  void decode_animatedGif_givesTheFirstFrameExactly(@TempDir Path dir) throws IOException {
    Path animation = gif(dir.resolve("animation.gif"), List.of(frame(0), frame(1), frame(2)));
    assertThat(frameCount(animation)).as("frames written").isEqualTo(3);

    RgbImage decoded = ImageDecoder.imageIo().decode(animation);

    assertThat(decoded.width()).isEqualTo(WIDTH);
    assertThat(decoded.height()).isEqualTo(HEIGHT);
    int[] expected = frame(0).getRGB(0, 0, WIDTH, HEIGHT, null, 0, WIDTH);
    int[] got = pixels(decoded);
    for (int i = 0; i < expected.length; i++) {
      assertThat(got[i] & 0xFFFFFF).as("pixel %d", i).isEqualTo(expected[i] & 0xFFFFFF);
    }
  }

  @Test
  void hash_animatedGif_equalsItsFirstFrameAloneAndNotTheOthers(@TempDir Path dir) throws IOException {
    PdqHasher pdq = new PdqHasher();
    PdqResult animation = pdq.hash(gif(dir.resolve("animation.gif"), List.of(frame(0), frame(1), frame(2))));
    PdqResult first = pdq.hash(gif(dir.resolve("first.gif"), List.of(frame(0))));
    PdqResult second = pdq.hash(gif(dir.resolve("second.gif"), List.of(frame(1))));

    assertThat(animation).isEqualTo(first);
    assertThat(animation.hash().distance(second.hash())).isGreaterThan(31);
  }

  @Test
  void hash_animatedGif_sameAsTheReferencesImageIoRead(@TempDir Path dir) throws IOException {
    Path animation = gif(dir.resolve("animation.gif"), List.of(frame(2), frame(0)));
    // What the reference hashes: ImageIO.read's image, every pixel through getRGB.
    BufferedImage read = ImageIO.read(animation.toFile());
    RgbImage asReference =
        RgbImage.of(read.getWidth(), read.getHeight(), read.getRGB(0, 0, read.getWidth(), read.getHeight(), null, 0, read.getWidth()));

    assertThat(new PdqHasher().hash(animation)).isEqualTo(new PdqHasher().hash(asReference));
  }

  @Test
  void fingerprint_animatedGif_isAnImageWithFirstFramePdq(@TempDir Path dir) throws IOException {
    Path animation = gif(dir.resolve("animation.gif"), List.of(frame(0), frame(1), frame(2)));

    FileFingerprints f = new FileFingerprinter().fingerprint(animation, Optional.empty());

    assertThat(f.kind()).isEqualTo(MediaKind.IMAGE);
    assertThat(f.contentError()).isEmpty();
    assertThat(f.pdq()).contains(new PdqHasher().hash(gif(dir.resolve("first.gif"), List.of(frame(0)))));
    assertThat(f.iscc().content()).isPresent();
  }
}
