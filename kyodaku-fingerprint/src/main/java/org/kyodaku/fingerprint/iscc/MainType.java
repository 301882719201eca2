package org.kyodaku.fingerprint.iscc;

/**
 * The first header field of every ISCC: what kind of unit (or composite) the code is. The
 * number is the value written into the header (ISO 24138, "MainType").
 */
public enum MainType {
  /** Similarity of metadata (title, description, extended metadata). */
  META(0),
  /** Semantic content similarity (reserved by the standard; no generator exists yet). */
  SEMANTIC(1),
  /** Perceptual content similarity: text, image, audio, video or mixed. */
  CONTENT(2),
  /** Similarity of the raw bytes. */
  DATA(3),
  /** Identity of the raw bytes (a checksum). */
  INSTANCE(4),
  /** The composite ISCC-CODE: several units behind one header. */
  ISCC(5),
  /** ISCC-ID, a registry-issued identifier (not supported by this package). */
  ID(6),
  /** Time-based unique identifier. */
  FLAKE(7);

  private final int code;

  MainType(int code) {
    this.code = code;
  }

  /** The value written into the header. */
  public int code() {
    return code;
  }

  static MainType ofCode(int code) {
    for (MainType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IsccException("unknown ISCC MainType " + code + " (known: 0..7)");
  }
}
