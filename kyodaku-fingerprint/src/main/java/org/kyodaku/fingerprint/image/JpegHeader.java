package org.kyodaku.fingerprint.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a JPEG file's marker segments say, read from the bytes without decoding anything: enough to
 * decide whether libjpeg-turbo gives exactly the pixels the JDK's reader gives ({@link
 * #decodesAsJdk()}).
 *
 * <p>The segments are walked from SOI {@code FF D8} to EOI {@code FF D9} (ITU-T T.81 Annex B),
 * stepping over each scan's entropy-coded data:
 * each is {@code FF}, optional fill bytes {@code FF}, a marker code, and a 16-bit big-endian length
 * that counts itself. The frame header (SOF, T.81 B.2.2) gives precision, size and, per component,
 * its identifier and sampling factors; APP0 {@code "JFIF\0"}, APP2 {@code "ICC_PROFILE\0"} and
 * APP14 {@code "Adobe"} are noted because they change how the JDK converts colours; Huffman tables
 * (DHT) are checked against the symbols 8-bit JPEG allows.
 *
 * @param sof the frame marker code ({@code 0xC0}–{@code 0xCF})
 * @param precision bits per sample
 * @param width samples per line
 * @param height lines
 * @param ids component identifiers
 * @param h horizontal sampling factor per component
 * @param v vertical sampling factor per component
 * @param icc whether an ICC profile segment is present
 * @param adobeTransform the colour transform code of the Adobe segment (0 none, 1 YCbCr, 2 YCCK),
 *     or -1 without one
 * @param refined whether every coefficient of every component reaches full precision by the end
 *     of the file (always true for a sequential frame; for a progressive one, a scan with
 *     successive approximation {@code Al = 0} covers each coefficient)
 */
record JpegHeader(
    int sof,
    int precision,
    int width,
    int height,
    int[] ids,
    int[] h,
    int[] v,
    boolean icc,
    int adobeTransform,
    boolean refined) {

  private static final byte[] ICC_PROFILE = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.ISO_8859_1);
  private static final int APP2 = 0xE2;
  private static final int APP14 = 0xEE;
  private static final int SOS = 0xDA;
  private static final int DHT = 0xC4;
  private static final int EOI = 0xD9;
  /** Far above any real file's segments and scans; a bound on the walk over hostile ones. */
  private static final int MAX_SEGMENTS = 4096;

  /**
   * The header of {@code jpeg}, or {@code null} unless the whole file is well formed as far as
   * the checks below go (the JDK path then decides and reports what is wrong): exactly one frame
   * header, every scan's Huffman tables defined before it (libjpeg-turbo would quietly substitute
   * the standard tables where the JDK refuses), every table within the 8-bit symbol ranges, and
   * an EOI marker at the end of the data.
   */
  static JpegHeader parse(byte[] jpeg) {
    if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
      return null;
    }
    JpegHeader frame = null;
    boolean icc = false;
    int adobeTransform = -1;
    int tables = 0; // bit id: DC table id defined; bit 4 + id: AC table id defined
    int[] finest = null; // progressive: per component and coefficient, the lowest Al scanned
    int at = 2;
    for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
      if (at >= jpeg.length || (jpeg[at] & 0xFF) != 0xFF) {
        return null;
      }
      while (at < jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
        at++; // the marker's FF and any fill bytes
      }
      if (at >= jpeg.length) {
        return null;
      }
      int marker = jpeg[at] & 0xFF;
      if (marker == EOI) {
        return frame == null ? null : frame.with(icc, adobeTransform, refined(finest));
      }
      if (at + 2 >= jpeg.length) {
        return null;
      }
      int length = (jpeg[at + 1] & 0xFF) << 8 | (jpeg[at + 2] & 0xFF);
      int payload = at + 3;
      int end = at + 1 + length;
      if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)
          || length < 2 || end > jpeg.length) {
        return null; // a standalone marker outside entropy-coded data, or a segment cut short
      }
      if (marker == SOS) {
        if (frame == null || !scanTablesDefined(jpeg, payload, end, frame.sof == 0xC2, tables)) {
          return null;
        }
        if (frame.sof == 0xC2) {
          finest = finest != null ? finest : unscanned(frame.ids.length);
          if (!recordScan(jpeg, payload, frame.ids, finest)) {
            return null;
          }
        }
        at = endOfEntropyCodedData(jpeg, end);
        continue;
      }
      if (marker >= 0xC0 && marker <= 0xCF && marker != DHT && marker != 0xC8 && marker != 0xCC) {
        if (frame != null) {
          return null;
        }
        frame = frame(jpeg, marker, payload, end);
        if (frame == null) {
          return null;
        }
      } else if (marker == DHT) {
        int defined = huffmanTablesInSpec(jpeg, payload, end);
        if (defined < 0) {
          return null;
        }
        tables |= defined;
      } else if (marker == APP2) {
        icc |= startsWith(jpeg, payload, end, ICC_PROFILE);
      } else if (marker == APP14 && startsWith(jpeg, payload, end, ADOBE)) {
        // "Adobe", version (2 bytes), flags0 (2), flags1 (2), then the transform code.
        adobeTransform = end - payload >= 12 ? jpeg[payload + 11] & 0xFF : 0;
      }
      at = end;
    }
    return null;
  }

  /**
   * Whether the tables a scan header (T.81 B.2.3) selects are defined: sequential scans use both
   * of each component's tables; progressive ones the DC table in a first DC scan, the AC table in
   * an AC scan, none in a DC refinement.
   */
  private static boolean scanTablesDefined(
      byte[] b, int at, int end, boolean progressive, int tables) {
    if (end - at < 1) {
      return false;
    }
    int n = b[at] & 0xFF;
    if (n < 1 || end - at != 1 + 2 * n + 3) {
      return false;
    }
    int spectralStart = b[at + 1 + 2 * n] & 0xFF;
    int approximationHigh = (b[at + 3 + 2 * n] & 0xFF) >> 4;
    boolean usesDc = !progressive || (spectralStart == 0 && approximationHigh == 0);
    boolean usesAc = !progressive || spectralStart > 0;
    for (int c = 0; c < n; c++) {
      int selectors = b[at + 2 + 2 * c] & 0xFF;
      int dc = selectors >> 4;
      int ac = selectors & 0x0F;
      if ((usesDc && (dc > 3 || (tables & 1 << dc) == 0))
          || (usesAc && (ac > 3 || (tables & 1 << (4 + ac)) == 0))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The offset of the first marker after the entropy-coded data starting at {@code at}: the
   * first {@code FF} followed by neither a stuffed {@code 00} nor a restart marker (T.81 B.1.1.5,
   * B.2.1); the end of the input if there is none.
   */
  private static int endOfEntropyCodedData(byte[] b, int at) {
    for (int i = at; i + 1 < b.length; i++) {
      if (b[i] == (byte) 0xFF) {
        int next = b[i + 1] & 0xFF;
        if (next != 0x00 && (next < 0xD0 || next > 0xD7)) {
          return i;
        }
      }
    }
    return b.length;
  }

  private static JpegHeader frame(byte[] b, int marker, int at, int end) {
    if (end - at < 6) {
      return null;
    }
    int precision = b[at] & 0xFF;
    int height = (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF);
    int width = (b[at + 3] & 0xFF) << 8 | (b[at + 4] & 0xFF);
    int n = b[at + 5] & 0xFF;
    if (n < 1 || end - at != 6 + 3 * n) {
      return null;
    }
    int[] ids = new int[n];
    int[] h = new int[n];
    int[] v = new int[n];
    for (int c = 0; c < n; c++) {
      int p = at + 6 + 3 * c;
      ids[c] = b[p] & 0xFF;
      h[c] = (b[p + 1] & 0xFF) >> 4;
      v[c] = b[p + 1] & 0x0F;
    }
    return new JpegHeader(marker, precision, width, height, ids, h, v, false, -1, true);
  }

  /**
   * The tables a DHT segment (T.81 B.2.4.2) defines, as bits (see {@code tables} in {@link
   * #parse}), or -1 unless every one stays inside what 8-bit JPEG allows:
   * DC symbols are magnitude categories 0–11, AC symbols a run (high nibble) and a category 1–10
   * (low nibble; 0 is an end-of-band run or ZRL). libjpeg 6b and libjpeg-turbo decode a symbol
   * beyond that differently, without a warning; the JDK then decides.
   */
  private static int huffmanTablesInSpec(byte[] b, int at, int end) {
    int defined = 0;
    while (at < end) {
      if (end - at < 17) {
        return -1;
      }
      int tableClass = (b[at] & 0xFF) >> 4;
      int id = b[at] & 0x0F;
      int total = 0;
      for (int i = 1; i <= 16; i++) {
        total += b[at + i] & 0xFF;
      }
      at += 17;
      if (tableClass > 1 || id > 3 || total > 256 || end - at < total) {
        return -1;
      }
      for (int i = 0; i < total; i++) {
        int symbol = b[at + i] & 0xFF;
        if (tableClass == 0 ? symbol > 11 : (symbol & 0x0F) > 10) {
          return -1;
        }
      }
      defined |= 1 << (4 * tableClass + id);
      at += total;
    }
    return defined;
  }

  private JpegHeader with(boolean icc, int adobeTransform, boolean refined) {
    return new JpegHeader(sof, precision, width, height, ids, h, v, icc, adobeTransform, refined);
  }

  private static int[] unscanned(int components) {
    int[] finest = new int[components * 64];
    Arrays.fill(finest, Integer.MAX_VALUE);
    return finest;
  }

  /**
   * Notes which coefficients a progressive scan (T.81 G.1.1.1: spectral selection {@code Ss..Se},
   * successive approximation {@code Al}) brings to which precision; false if the scan names a
   * component the frame lacks or a band outside 0–63.
   */
  private static boolean recordScan(byte[] b, int at, int[] ids, int[] finest) {
    int n = b[at] & 0xFF;
    int ss = b[at + 1 + 2 * n] & 0xFF;
    int se = b[at + 2 + 2 * n] & 0xFF;
    int al = b[at + 3 + 2 * n] & 0x0F;
    if (ss > se || se > 63) {
      return false;
    }
    for (int c = 0; c < n; c++) {
      int component = indexOf(ids, b[at + 1 + 2 * c] & 0xFF);
      if (component < 0) {
        return false;
      }
      for (int k = ss; k <= se; k++) {
        int i = component * 64 + k;
        finest[i] = Math.min(finest[i], al);
      }
    }
    return true;
  }

  private static int indexOf(int[] ids, int id) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == id) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Sequential frames are always complete; a progressive one only if every coefficient was
   * refined to {@code Al = 0}. Otherwise libjpeg smooths the blocks of the final picture, and
   * libjpeg-turbo 2.1 smooths differently from libjpeg 6b.
   */
  private static boolean refined(int[] finest) {
    return finest == null || Arrays.stream(finest).allMatch(al -> al == 0);
  }

  private static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
    return end - at >= prefix.length
        && Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
  }

  /**
   * Whether libjpeg-turbo's pixels for this file are known to be the JDK reader's, so the native
   * decoder may stand in for it without changing a single hash bit. Both decode with libjpeg's
   * accurate integer IDCT, its "fancy" triangular chroma upsampling and its fixed-point YCbCr
   * conversion (the JDK ships libjpeg 6b; libjpeg-turbo's SIMD code reproduces 6b's output for
   * these), so the answer is yes exactly when nothing outside that common core is involved:
   *
   * <ul>
   *   <li>a Huffman-coded baseline, extended or progressive frame (SOF0/1/2) of 8-bit samples: the
   *       JDK cannot read arithmetic coding, lossless or 12-bit frames at all; a progressive file
   *       only if its scans refine every coefficient fully (else both smooth blocks, differently);
   *   <li>one grey component, or three components numbered 1, 2, 3 (YCbCr for both decoders,
   *       whether or not a JFIF segment says so);
   *   <li>chroma not subsampled and luma at 1×1, 2×1 or 2×2 (4:4:4, 4:2:2, 4:2:0): libjpeg-turbo
   *       upsamples 4:4:0 with a smoothing filter libjpeg 6b lacks, and rarer layouts are not
   *       worth the risk;
   *   <li>no ICC profile (the JDK converts the pixels through it to sRGB);
   *   <li>no Adobe segment, except the YCbCr transform on a three-component file, which is what
   *       both assume anyway (other transform codes mean RGB or CMYK samples, where the JDK's own
   *       rules decide the colours).
   * </ul>
   */
  boolean decodesAsJdk() {
    if (sof > 0xC2 || precision != 8 || width < 1 || height < 1 || icc || !refined) {
      return false;
    }
    if (ids.length == 1) {
      return adobeTransform == -1;
    }
    return ids.length == 3
        && (adobeTransform == -1 || adobeTransform == 1)
        && ids[0] == 1 && ids[1] == 2 && ids[2] == 3
        && h[1] == 1 && v[1] == 1 && h[2] == 1 && v[2] == 1
        && ((h[0] == 1 && v[0] == 1) || (h[0] == 2 && v[0] == 1) || (h[0] == 2 && v[0] == 2));
  }

  boolean grey() {
    return ids.length == 1;
  }
}
