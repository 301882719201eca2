package org.kyodaku.fingerprint.iscc;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Generates ISCC codes (ISO 24138:2024, algorithms v0), bit for bit as the reference
 * implementation iscc-core 1.3.0 does. Stateless and thread-safe.
 *
 * <p>{@code bits} is the length of the code body: a multiple of 32 from 32 to 256; {@value
 * #DEFAULT_BITS} is the usual choice and the only one a composite ISCC-CODE keeps.
 *
 * <pre>{@code
 * IsccHasher iscc = new IsccHasher();
 * IsccCode data = iscc.data(in1, 64);
 * InstanceCode instance = iscc.instance(in2, 64);
 * IsccCode sum = iscc.composite(List.of(data, instance.code()), false); // ISCC:KUA...
 * }</pre>
 */
public final class IsccHasher {
  /** The default body length, 64 bits. */
  public static final int DEFAULT_BITS = 64;

  /**
   * Meta-Code from a title and an optional description (algorithm {@code iscc-meta-v0}).
   *
   * @throws IsccException if the name is empty after normalisation, or {@code bits} is invalid
   */
  public MetaCode meta(String name, @Nullable String description, int bits) {
    return MetaHash.generate(name, description, null, bits);
  }

  /**
   * Meta-Code from a title and extended metadata given as a JSON object (hashed in its RFC 8785
   * canonical form). The description, if any, is normalised and returned but not hashed. An
   * empty object counts as no metadata.
   *
   * @throws IsccException if the JSON is not an object, or is invalid
   */
  public MetaCode metaWithJson(
      String name, @Nullable String description, String jsonObject, int bits) {
    return MetaHash.generate(name, description, MetaHash.Metadata.ofJson(jsonObject), bits);
  }

  /**
   * Meta-Code from a title and extended metadata given as a {@code data:} URL (RFC 2397), which
   * is returned unchanged and whose decoded payload is hashed.
   *
   * @throws IsccException if the URL is not a readable {@code data:} URL
   */
  public MetaCode metaWithDataUrl(
      String name, @Nullable String description, String dataUrl, int bits) {
    return MetaHash.generate(name, description, MetaHash.Metadata.ofDataUrl(dataUrl), bits);
  }

  /** Text-Code of plain text (algorithm {@code iscc-text-v0}); markup should be removed first. */
  public TextCode text(String text, int bits) {
    return TextHash.generate(text, bits);
  }

  /**
   * Image-Code (algorithm {@code iscc-image-v0}) of a normalised image: 1024 grey values 0..255 of
   * a 32x32 image, row by row.
   */
  public IsccCode image(int[] greyPixels, int bits) {
    IsccCode.checkBits(bits, 256);
    return IsccCode.unit(MainType.CONTENT, IsccCode.ST_IMAGE, bits, ImageHash.digest(greyPixels));
  }

  /** Audio-Code (algorithm {@code iscc-audio-v0}) of a Chromaprint fingerprint (signed ints). */
  public IsccCode audio(int[] chromaprint, int bits) {
    IsccCode.checkBits(bits, 256);
    return IsccCode.unit(MainType.CONTENT, IsccCode.ST_AUDIO, bits, AudioHash.digest(chromaprint));
  }

  /**
   * Video-Code (algorithm {@code iscc-video-v0}) of MPEG-7 frame signatures, 380 values each.
   */
  public IsccCode video(List<int[]> frameSignatures, int bits) {
    IsccCode.checkBits(bits, 256);
    return IsccCode.unit(
        MainType.CONTENT, IsccCode.ST_VIDEO, bits, VideoHash.digest(frameSignatures));
  }

  /**
   * Mixed-Code (algorithm {@code iscc-mixed-v0}) of two or more Content-Codes, each at least
   * {@code bits} long.
   */
  public IsccCode mixed(List<IsccCode> contentCodes, int bits) {
    return MixedHash.generate(contentCodes, bits);
  }

  /**
   * Data-Code (algorithm {@code iscc-data-v0}) of all bytes of {@code in}, read to its end in
   * constant memory; the stream is not closed.
   */
  public IsccCode data(InputStream in, int bits) throws IOException {
    IsccCode.checkBits(bits, 256);
    return IsccCode.unit(MainType.DATA, 0, bits, DataHash.digest(in));
  }

  /**
   * Instance-Code (algorithm {@code iscc-instance-v0}) of all bytes of {@code in}, read to its end
   * in constant memory; the stream is not closed.
   */
  public InstanceCode instance(InputStream in, int bits) throws IOException {
    return InstanceHash.compute(in, bits);
  }

  /**
   * The composite ISCC-CODE of two or more units (any order), Data and Instance required. With
   * {@code wide}, exactly a Data- and an Instance-Code of 128 bits or more make a 256-bit wide
   * composite.
   */
  public IsccCode composite(List<IsccCode> units, boolean wide) {
    return CompositeCode.generate(units, wide);
  }
}
