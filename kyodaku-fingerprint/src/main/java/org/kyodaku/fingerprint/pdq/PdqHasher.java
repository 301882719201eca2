package org.kyodaku.fingerprint.pdq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kyodaku.fingerprint.image.ImageDecodeException;
import org.kyodaku.fingerprint.image.ImageDecoder;
import org.kyodaku.fingerprint.image.RgbImage;

/**
 * Computes PDQ hashes ({@value #ALGORITHM}), bit-identical to Meta's reference implementation for
 * the same decoded pixels.
 *
 * <p><b>Input</b>: an image of at least 2×2 pixels (a side of one pixel has no frequency content
 * for the hash to describe: every coefficient along it is zero but for rounding noise). <b>Steps</b>
 * (each in its own class, whose comment gives the exact arithmetic): luminance and Jarosz blur
 * down to 64×64 ({@link JaroszDownsampler}); quality from the 64×64 gradients ({@link
 * QualityMetric}); 16×16 low-frequency DCT ({@link Dct64To16}); one bit per coefficient above the
 * median ({@link MedianThreshold}). Cost is linear in pixels (a few float operations per pixel per
 * pass); the DCT and median work on fixed 64×64 and 16×16 blocks.
 *
 * <p>Decoding from files goes through the {@link ImageDecoder} given at construction; the default
 * decodes as the reference does (EXIF orientation ignored), so its hashes can be compared with
 * hashes computed elsewhere. Thread-safe: all buffers are per call.
 */
public final class PdqHasher {
  /** Stored with every PDQ fingerprint; a change to the output would need a new version. */
  public static final String ALGORITHM = "pdq-v1";

  private static final int MIN_SIDE = 2;

  private final ImageDecoder decoder;

  /** A hasher decoding with {@link ImageDecoder#imageIo()}. */
  public PdqHasher() {
    this(ImageDecoder.imageIo());
  }

  /** A hasher decoding files with {@code decoder}. */
  public PdqHasher(ImageDecoder decoder) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /**
   * Hashes the image in {@code file}.
   *
   * @throws ImageDecodeException if the file cannot be decoded (the message names it)
   * @throws PdqException if the image is too small to hash (the message names the file)
   */
  public PdqResult hash(Path file) {
    return hash(decoder.decode(file), file.toString());
  }

  /**
   * Hashes decoded pixels.
   *
   * @throws PdqException if the image is smaller than 2×2
   */
  public PdqResult hash(RgbImage image) {
    return hash(image, "image");
  }

  /**
   * The hashes of the image in {@code file} in all eight {@link Dihedral} orientations.
   *
   * @throws ImageDecodeException if the file cannot be decoded (the message names it)
   * @throws PdqException if the image is too small to hash (the message names the file)
   */
  public PdqDihedralResult hashDihedral(Path file) {
    return hashDihedral(decoder.decode(file), file.toString());
  }

  /**
   * The hashes of {@code image} in all eight {@link Dihedral} orientations, from one DCT.
   *
   * @throws PdqException if the image is smaller than 2×2
   */
  public PdqDihedralResult hashDihedral(RgbImage image) {
    return hashDihedral(image, "image");
  }

  private static PdqResult hash(RgbImage image, String source) {
    Blocks blocks = Blocks.of(image, source);
    return new PdqResult(MedianThreshold.hash(blocks.dct, blocks.scratch), blocks.quality);
  }

  private static PdqDihedralResult hashDihedral(RgbImage image, String source) {
    Blocks blocks = Blocks.of(image, source);
    float[] turned = new float[blocks.dct.length];
    List<PdqHash> hashes = new ArrayList<>(Dihedral.values().length);
    for (Dihedral orientation : Dihedral.values()) {
      Dct64To16.turn(blocks.dct, orientation, turned);
      hashes.add(MedianThreshold.hash(turned, blocks.scratch));
    }
    return new PdqDihedralResult(hashes, blocks.quality);
  }

  /** The fixed-size intermediate results every variant starts from. */
  private record Blocks(float[] dct, int quality, float[] scratch) {
    static Blocks of(RgbImage image, String source) {
      if (image.width() < MIN_SIDE || image.height() < MIN_SIDE) {
        throw new PdqException(
            source + ": " + image.width() + "x" + image.height()
                + " pixels is too small for PDQ; each side needs at least " + MIN_SIDE);
      }
      float[] downsample = new float[JaroszDownsampler.SIZE * JaroszDownsampler.SIZE];
      JaroszDownsampler.downsample(image, downsample);
      int quality = QualityMetric.of(downsample);
      float[] dct = new float[Dct64To16.K * Dct64To16.K];
      Dct64To16.transform(downsample, new float[Dct64To16.K * Dct64To16.N], dct);
      return new Blocks(dct, quality, new float[dct.length]);
    }
  }
}
