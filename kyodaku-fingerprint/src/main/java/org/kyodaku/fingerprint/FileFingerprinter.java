package org.kyodaku.fingerprint;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.text.StrictUtf8;
import org.kyodaku.fingerprint.image.ImageDecodeException;
import org.kyodaku.fingerprint.image.ImageDecoder;
import org.kyodaku.fingerprint.image.RgbImage;
import org.kyodaku.fingerprint.iscc.IsccCode;
import org.kyodaku.fingerprint.iscc.IsccException;
import org.kyodaku.fingerprint.iscc.IsccHasher;
import org.kyodaku.fingerprint.pdq.PdqException;
import org.kyodaku.fingerprint.pdq.PdqHasher;
import org.kyodaku.fingerprint.pdq.PdqResult;
import org.kyodaku.fingerprint.video.VideoDecodeException;
import org.kyodaku.fingerprint.vpdq.VpdqException;
import org.kyodaku.fingerprint.video.VideoDecoder;
import org.kyodaku.fingerprint.vpdq.VpdqHasher;
import org.kyodaku.fingerprint.vpdq.VpdqOptions;
import org.kyodaku.fingerprint.vpdq.VpdqResult;

/**
 * Computes every fingerprint of a file where the file is; only fingerprints leave the machine.
 *
 * <p>Steps: one streaming pass computes SHA-256 and the ISCC Instance-Code together, a second the
 * ISCC Data-Code. Images are decoded once for PDQ and the ISCC Image-Code; videos give vPDQ
 * (per-frame PDQ through ffmpeg); text files (UTF-8) give the ISCC Text-Code. The ISCC Meta-Code is made from the title given (the work's title), else
 * the file name without extension; the ISCC-CODE composes Meta, Content, Data and Instance.
 *
 * <p>The ISCC Image-Code takes 32x32 grey pixels (ISO 24138); iscc-sdk makes them with Pillow's
 * resampling, we with ITU-R BT.601 luma and area averaging. The code is the standard one, but
 * the two pipelines can disagree by a few bits on the same file; PDQ, in contrast, is
 * bit-identical to Meta's reference (see docs/fingerprints.md).
 */
public final class FileFingerprinter {
  private static final int ISCC_BITS = IsccHasher.DEFAULT_BITS;
  private static final long MAX_TEXT_BYTES = 64L * 1024 * 1024;

  private final IsccHasher iscc = new IsccHasher();
  private final ImageDecoder decoder;
  private final PdqHasher pdq;
  private final VpdqHasher vpdq;

  /** Hashes every frame of a video, as the reference's sample hashes are made. */
  public FileFingerprinter() {
    this(ImageDecoder.imageIo(), new VpdqHasher());
  }

  /**
   * The fingerprinter for registering and checking: videos are sampled at one frame a second (the
   * reference library's default), so that both sides of a comparison are sampled alike and a
   * video's frame hashes stay small enough to send ({@link FrameHashes#MAX_FRAMES}).
   */
  public static FileFingerprinter forRegistry() {
    return new FileFingerprinter(
        ImageDecoder.imageIo(),
        new VpdqHasher(VideoDecoder.ffmpeg(), VpdqOptions.everyFrame().withSecondsPerHash(REGISTRY_SECONDS_PER_HASH)));
  }

  /** The sampling of {@link #forRegistry()}: one hashed frame per second of video. */
  public static final double REGISTRY_SECONDS_PER_HASH = 1;

  public FileFingerprinter(ImageDecoder decoder, VpdqHasher vpdq) {
    this.decoder = decoder;
    this.pdq = new PdqHasher(decoder);
    this.vpdq = vpdq;
  }

  /**
   * Fingerprints {@code file}; a content fingerprint that cannot be made (a corrupt image, text
   * that is not UTF-8) is left out and {@link FileFingerprints#contentError()} says why.
   *
   * @param title the work's title for the ISCC Meta-Code, or empty to use the file name
   * @throws IOException when the file cannot be read at all
   */
  public FileFingerprints fingerprint(Path file, Optional<String> title) throws IOException {
    MessageDigest sha = sha256();
    IsccCode instance;
    try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), sha)) {
      instance = iscc.instance(in, ISCC_BITS).code();
    }
    Fingerprint sha256 = Fingerprint.sha256(HexFormat.of().formatHex(sha.digest()));
    IsccCode data;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      data = iscc.data(in, ISCC_BITS);
    }
    MediaKind kind = MediaKind.of(file);
    Optional<PdqResult> pdqResult = Optional.empty();
    Optional<VpdqResult> vpdqResult = Optional.empty();
    Optional<IsccCode> content = Optional.empty();
    Optional<String> error = Optional.empty();
    try {
      switch (kind) {
        case IMAGE -> {
          RgbImage image = decoder.decode(file);
          pdqResult = Optional.of(pdq.hash(image));
          content = Optional.of(iscc.image(grey32(image), ISCC_BITS));
        }
        case TEXT -> content = Optional.of(iscc.text(text(file), ISCC_BITS).code());
        case VIDEO -> vpdqResult = Optional.of(vpdq.hash(file));
        case OTHER -> {}
      }
    } catch (ImageDecodeException
        | PdqException
        | IsccException
        | FingerprintException
        | VideoDecodeException
        | VpdqException e) {
      error = Optional.of(e.getMessage());
    }
    String name = title.orElseGet(() -> stem(file));
    IsccCode meta = iscc.meta(name.isBlank() ? file.getFileName().toString() : name, null, ISCC_BITS).code();
    List<IsccCode> units = new ArrayList<>();
    units.add(meta);
    content.ifPresent(units::add);
    units.add(data);
    units.add(instance);
    IsccCode code = iscc.composite(units, false);
    return new FileFingerprints(
        file,
        kind,
        sha256,
        pdqResult,
        vpdqResult,
        new FileFingerprints.Iscc(meta, content, data, instance, code),
        error);
  }

  /**
   * 32x32 grey pixels: BT.601 luma, each output pixel the mean of the source area it covers. This
   * is the input {@link IsccHasher#image} takes; public so that the Image-Code's cost can be
   * measured apart from decoding (kyodaku-benchmarks).
   *
   * <p><b>Steps.</b> Source column {@code x} belongs to output column {@code floor(32x / W)}, row
   * {@code y} to output row {@code floor(32y / H)}. Each pixel's luma is {@code 0.299·R + 0.587·G +
   * 0.114·B} in double precision, products added left to right. A cell's sum takes its pixels in
   * raster order (rows top to bottom, each row left to right); the output is {@code round(sum /
   * count)}. A source narrower or lower than 32 pixels leaves cells empty; each takes the luma of
   * the source pixel at {@code (min(W-1, floor(xW/32)), min(H-1, floor(yH/32)))}.
   *
   * <p><b>Bit-identical to the first implementation</b> (which read each pixel through {@link
   * RgbImage#rgb} and summed into the cell found by two divisions): stored {@code iscc-image-v0}
   * codes depend on every rounding, so each cell still receives exactly the same additions in the
   * same order. What changed is only how the work is scheduled: rows are copied whole, the cell
   * boundaries of the columns are computed once, each row's luma is computed in one pass, and
   * the row's additions go to eight cells at a time interleaved (the k-th pixel of each, then the
   * (k+1)-th), with the eight sums in registers: eight independent addition chains the processor
   * overlaps, instead of one chain through memory. A count of pixels is exact in a
   * double, so the divisor is the cell's area. {@code Grey32Test} compares with the first
   * implementation on the shared test images and on random images of odd sizes.
   */
  public static int[] grey32(RgbImage image) {
    int w = image.width();
    int h = image.height();
    // First source column of each output column: floor(32x / w) >= c  <=>  x >= ceil(c·w / 32).
    int[] first = new int[GREY + 1];
    for (int c = 0; c <= GREY; c++) {
      first[c] = (int) (((long) c * w + GREY - 1) / GREY);
    }
    int narrowest = w / GREY;
    double[] sum = new double[GREY * GREY];
    int[] rows = new int[GREY];
    int[] row = new int[w];
    double[] luma = new double[w];
    for (int y = 0; y < h; y++) {
      int oy = (int) ((long) y * GREY / h);
      rows[oy]++;
      image.copyRow(y, row);
      for (int x = 0; x < w; x++) {
        luma[x] = luma(row[x]);
      }
      int base = oy * GREY;
      // Every cell is narrowest or narrowest + 1 columns wide: the common columns of eight cells
      // at a time (eight sums in registers, eight independent chains), then each cell's last
      // column if it has one more. Per cell, still left to right.
      for (int c = 0; c < GREY; c += 8) {
        sumColumns8(luma, first, c, narrowest, sum, base + c);
      }
      for (int c = 0; c < GREY; c++) {
        for (int x = first[c] + narrowest; x < first[c + 1]; x++) {
          sum[base + c] += luma[x];
        }
      }
    }
    int[] out = new int[GREY * GREY];
    for (int i = 0; i < out.length; i++) {
      int y = i / GREY;
      int x = i % GREY;
      long area = (long) rows[y] * (first[x + 1] - first[x]);
      if (area > 0) {
        out[i] = (int) Math.round(sum[i] / area);
      } else {
        // A source smaller than 32 pixels on a side leaves gaps; they take the nearest row's value.
        int sy = Math.min(h - 1, y * h / GREY);
        int sx = Math.min(w - 1, x * w / GREY);
        out[i] = (int) Math.round(luma(image.rgb(sx, sy)));
      }
    }
    return out;
  }

  private static final int GREY = 32;

  /**
   * BT.601 luma of a packed {@code 0xRRGGBB} pixel in double precision, products added left to
   * right: stored {@code iscc-image-v0} codes depend on this exact expression.
   */
  private static double luma(int rgb) {
    return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
  }

  /**
   * Adds {@code luma[first[c+i] .. first[c+i] + n - 1]} to {@code sum[at + i]} for i = 0..7, each
   * sum left to right: the same additions as one cell at a time, interleaved.
   */
  private static void sumColumns8(double[] luma, int[] first, int c, int n, double[] sum, int at) {
    int f0 = first[c];
    int f1 = first[c + 1];
    int f2 = first[c + 2];
    int f3 = first[c + 3];
    int f4 = first[c + 4];
    int f5 = first[c + 5];
    int f6 = first[c + 6];
    int f7 = first[c + 7];
    double s0 = sum[at];
    double s1 = sum[at + 1];
    double s2 = sum[at + 2];
    double s3 = sum[at + 3];
    double s4 = sum[at + 4];
    double s5 = sum[at + 5];
    double s6 = sum[at + 6];
    double s7 = sum[at + 7];
    for (int k = 0; k < n; k++) {
      s0 += luma[f0 + k];
      s1 += luma[f1 + k];
      s2 += luma[f2 + k];
      s3 += luma[f3 + k];
      s4 += luma[f4 + k];
      s5 += luma[f5 + k];
      s6 += luma[f6 + k];
      s7 += luma[f7 + k];
    }
    sum[at] = s0;
    sum[at + 1] = s1;
    sum[at + 2] = s2;
    sum[at + 3] = s3;
    sum[at + 4] = s4;
    sum[at + 5] = s5;
    sum[at + 6] = s6;
    sum[at + 7] = s7;
  }

  private static String text(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_TEXT_BYTES) {
      throw new FingerprintException(
          file + ": text files over " + MAX_TEXT_BYTES / (1024 * 1024) + " MiB get no Text-Code");
    }
    byte[] bytes = Files.readAllBytes(file);
    return StrictUtf8.decode(bytes)
        .orElseThrow(
            () ->
                new FingerprintException(
                    file + ": not UTF-8 text, so no Text-Code (malformed at byte "
                        + StrictUtf8.malformedAt(bytes).orElseThrow() + ")"));
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
