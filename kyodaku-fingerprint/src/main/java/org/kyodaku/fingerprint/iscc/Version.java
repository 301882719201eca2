package org.kyodaku.fingerprint.iscc;

/** The third header field: the algorithm version of the unit. Only version 0 is defined. */
public enum Version {
  /** The initial algorithms of ISO 24138:2024. */
  V0;

  /** The value written into the header. */
  public int code() {
    return ordinal();
  }

  static Version ofCode(int code) {
    if (code != 0) {
      throw new IsccException("unsupported ISCC version " + code + " (supported: 0)");
    }
    return V0;
  }
}
