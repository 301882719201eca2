package org.kyodaku.fingerprint.iscc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.kyodaku.core.model.Fingerprint;

/**
 * One ISCC: a unit (Meta, Content, Data, Instance, ...) or a composite ISCC-CODE, as the four
 * header fields plus the body. Immutable; the body is copied in and out.
 *
 * <p>{@code subType} is the raw header value, whose meaning depends on the main type: for Content
 * and Semantic units 0 text, 1 image, 2 audio, 3 video, 4 mixed; for the composite the same plus
 * 5 sum (Data+Instance only), 6 none (no content unit), 7 wide (128-bit Data+Instance); 0 for the
 * other units. {@code lengthField} is the raw header length: for a unit the body length in 32-bit
 * steps minus one, for a composite the index of its set of optional units.
 *
 * @param mainType what kind of code this is
 * @param subType raw SubType header value
 * @param version algorithm version
 * @param lengthField raw Length header value
 * @param body the hash bits, as many bytes as the header says
 */
public record IsccCode(
    MainType mainType, int subType, Version version, int lengthField, byte[] body) {

  static final int ST_TEXT = 0;
  static final int ST_IMAGE = 1;
  static final int ST_AUDIO = 2;
  static final int ST_VIDEO = 3;
  static final int ST_MIXED = 4;
  static final int ST_SUM = 5;
  static final int ST_NONE = 6;
  static final int ST_WIDE = 7;
  private static final String[] CONTENT_NAMES = {"text", "image", "audio", "video", "mixed"};

  public IsccCode {
    if (mainType == MainType.ID) {
      throw new IsccException("ISCC-ID (MainType ID) is not supported");
    }
    if (subType < 0 || subType > 7) {
      throw new IsccException("SubType must be 0..7, got " + subType + " for " + mainType);
    }
    boolean hasSubTypes =
        mainType == MainType.CONTENT || mainType == MainType.SEMANTIC || mainType == MainType.ISCC;
    if (!hasSubTypes && subType != 0) {
      throw new IsccException("SubType of a " + mainType + " unit must be 0, got " + subType);
    }
    if (lengthField < 0 || lengthField > 7) {
      throw new IsccException("Length field must be 0..7, got " + lengthField);
    }
    int expected = bodyBytes(mainType, subType, lengthField);
    if (body.length != expected) {
      throw new IsccException(
          "header of "
              + mainType
              + " expects a body of "
              + expected
              + " bytes, got "
              + body.length);
    }
    body = body.clone();
  }

  /** A unit with the first {@code bits} of {@code digest} as its body. */
  static IsccCode unit(MainType mainType, int subType, int bits, byte[] digest) {
    checkBits(bits, digest.length * 8);
    return new IsccCode(
        mainType, subType, Version.V0, bits / 32 - 1, Arrays.copyOf(digest, bits / 8));
  }

  static void checkBits(int bits, int max) {
    if (bits < 32 || bits > max || bits % 32 != 0) {
      throw new IsccException("bits must be a multiple of 32 from 32 to " + max + ", got " + bits);
    }
  }

  private static int bodyBytes(MainType mainType, int subType, int lengthField) {
    if (mainType != MainType.ISCC) {
      return (lengthField + 1) * 4;
    }
    if (subType == ST_WIDE) {
      return 32;
    }
    return (IsccCodec.UNIT_SETS[lengthField].length + 2) * 8;
  }

  /**
   * Reads an ISCC from its text form: {@code ISCC:} prefix optional, any letter case, hyphens
   * between units ignored.
   *
   * @throws IsccException if the text is not base32, the header is malformed or unsupported, or
   *     the body length does not match the header
   */
  public static IsccCode parse(String text) {
    String bare = IsccCodec.clean(text);
    byte[] raw = IsccCodec.decodeBase32(bare);
    if (raw.length < 2) {
      throw new IsccException("not an ISCC: \"" + text + "\" is shorter than a header");
    }
    int[] h;
    try {
      h = IsccCodec.decodeHeader(raw);
    } catch (IsccException e) {
      throw new IsccException("not an ISCC: \"" + text + "\": " + e.getMessage(), e);
    }
    MainType mainType = MainType.ofCode(h[0]);
    byte[] body = Arrays.copyOfRange(raw, h[4], raw.length);
    try {
      return new IsccCode(mainType, h[1], Version.ofCode(h[2]), h[3], body);
    } catch (IsccException e) {
      throw new IsccException("not a valid ISCC: \"" + text + "\": " + e.getMessage(), e);
    }
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Body length in bits. */
  public int bits() {
    return body.length * 8;
  }

  /** Header and body, the bytes that the text form encodes. */
  public byte[] bytes() {
    byte[] header =
        IsccCodec.encodeHeader(mainType.code(), subType, version.code(), lengthField);
    byte[] all = Arrays.copyOf(header, header.length + body.length);
    System.arraycopy(body, 0, all, header.length, body.length);
    return all;
  }

  /** The canonical text form, {@code ISCC:} followed by unpadded upper-case base32. */
  public String text() {
    return "ISCC:" + IsccCodec.encodeBase32(bytes());
  }

  /**
   * The algorithm and version name: {@code iscc-meta-v0}, {@code iscc-text-v0}, {@code
   * iscc-image-v0}, {@code iscc-audio-v0}, {@code iscc-video-v0}, {@code iscc-mixed-v0}, {@code
   * iscc-semantic-text-v0}, ..., {@code iscc-data-v0}, {@code iscc-instance-v0}, {@code
   * iscc-flake-v0}, and {@code iscc-code-v0} for every composite.
   */
  public String algorithm() {
    String v = "-v" + version.code();
    return switch (mainType) {
      case CONTENT -> "iscc-" + contentName() + v;
      case SEMANTIC -> "iscc-semantic-" + contentName() + v;
      case ISCC -> "iscc-code" + v;
      default -> "iscc-" + mainType.name().toLowerCase(Locale.ROOT) + v;
    };
  }

  private String contentName() {
    return subType < CONTENT_NAMES.length ? CONTENT_NAMES[subType] : "content" + subType;
  }

  /** As a registry fingerprint: {@link #algorithm()} and the hex of {@link #bytes()}. */
  public Fingerprint fingerprint() {
    return new Fingerprint(algorithm(), HexFormat.of().formatHex(bytes()));
  }

  /**
   * The units a composite is made of (optional units, then Data and Instance), each 64 bits long
   * (128 for a wide composite); a unit returns itself.
   */
  public List<IsccCode> units() {
    if (mainType != MainType.ISCC) {
      return List.of(this);
    }
    List<IsccCode> units = new ArrayList<>();
    if (subType == ST_WIDE) {
      units.add(new IsccCode(MainType.DATA, 0, version, 3, Arrays.copyOfRange(body, 0, 16)));
      units.add(new IsccCode(MainType.INSTANCE, 0, version, 3, Arrays.copyOfRange(body, 16, 32)));
      return List.copyOf(units);
    }
    int offset = 0;
    for (MainType t : IsccCodec.UNIT_SETS[lengthField]) {
      int st = t == MainType.META ? 0 : subType;
      units.add(new IsccCode(t, st, version, 1, Arrays.copyOfRange(body, offset, offset + 8)));
      offset += 8;
    }
    units.add(
        new IsccCode(MainType.DATA, 0, version, 1, Arrays.copyOfRange(body, offset, offset + 8)));
    units.add(
        new IsccCode(
            MainType.INSTANCE, 0, version, 1, Arrays.copyOfRange(body, offset + 8, offset + 16)));
    return List.copyOf(units);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof IsccCode c
        && c.mainType == mainType
        && c.subType == subType
        && c.version == version
        && c.lengthField == lengthField
        && Arrays.equals(c.body, body);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes());
  }

  /** Same as {@link #text()}. */
  @Override
  public String toString() {
    return text();
  }
}
