package org.kyodaku.fingerprint.image;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the EXIF orientation tag of a JPEG file without decoding it.
 *
 * <p>Input: a stream positioned at the first byte of the file. Steps:
 *
 * <ol>
 *   <li>The file must start with SOI {@code FF D8} (ITU-T T.81 Annex B); otherwise the answer is 1.
 *   <li>Marker segments are walked ({@code FF xx}, then a 16-bit big-endian length that counts
 *       itself) until an APP1 ({@code FF E1}) segment whose payload starts {@code "Exif\0\0"}, or
 *       until start of scan ({@code FF DA}), where metadata ends.
 *   <li>The rest of that payload is a TIFF structure (TIFF 6.0 §2): byte order {@code II} or
 *       {@code MM}, the number 42, the offset of IFD0; IFD0 is a 16-bit entry count and 12-byte
 *       entries {@code (tag, type, count, value)}. Tag {@code 0x0112} with type SHORT (3) holds the
 *       orientation in the first two bytes of its value field (CIPA DC-008 §4.6.4).
 * </ol>
 *
 * Anything missing, malformed or outside 1–8 reads as 1 ("as stored"): a bad tag must not make a
 * readable image unreadable. The stream is left at position 0 with its byte order restored.
 */
final class JpegExifOrientation {
  private static final int SOI = 0xFFD8;
  private static final int APP1 = 0xFFE1;
  private static final int SOS = 0xFFDA;
  private static final int EOI = 0xFFD9;
  private static final int ORIENTATION_TAG = 0x0112;
  private static final int TIFF_SHORT = 3;
  private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final int MAX_SEGMENTS = 64;

  private JpegExifOrientation() {}

  static int read(ImageInputStream in) throws IOException {
    ByteOrder order = in.getByteOrder();
    try {
      in.setByteOrder(ByteOrder.BIG_ENDIAN);
      if (in.readUnsignedShort() != SOI) {
        return 1;
      }
      for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
        int marker = in.readUnsignedShort();
        if ((marker & 0xFF00) != 0xFF00 || marker == SOS || marker == EOI) {
          return 1;
        }
        int length = in.readUnsignedShort();
        if (length < 2) {
          return 1;
        }
        byte[] payload = new byte[length - 2];
        in.readFully(payload);
        if (marker == APP1
            && payload.length > EXIF_HEADER.length
            && Arrays.equals(payload, 0, EXIF_HEADER.length, EXIF_HEADER, 0, EXIF_HEADER.length)) {
          return fromTiff(payload, EXIF_HEADER.length);
        }
      }
      return 1;
    } catch (EOFException truncated) {
      return 1;
    } finally {
      in.setByteOrder(order);
      in.seek(0);
    }
  }

  private static int fromTiff(byte[] b, int start) {
    int n = b.length - start;
    if (n < 8) {
      return 1;
    }
    boolean little;
    if (b[start] == 'I' && b[start + 1] == 'I') {
      little = true;
    } else if (b[start] == 'M' && b[start + 1] == 'M') {
      little = false;
    } else {
      return 1;
    }
    if (u16(b, start + 2, little) != 42) {
      return 1;
    }
    long ifd = u32(b, start + 4, little);
    if (ifd < 8 || ifd + 2 > n) {
      return 1;
    }
    int entries = u16(b, start + (int) ifd, little);
    for (int e = 0; e < entries; e++) {
      int at = start + (int) ifd + 2 + 12 * e;
      if (at + 12 > b.length) {
        return 1;
      }
      if (u16(b, at, little) == ORIENTATION_TAG) {
        if (u16(b, at + 2, little) != TIFF_SHORT) {
          return 1;
        }
        int value = u16(b, at + 8, little);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private static int u16(byte[] b, int at, boolean little) {
    int b0 = b[at] & 0xFF;
    int b1 = b[at + 1] & 0xFF;
    return little ? b0 | b1 << 8 : b0 << 8 | b1;
  }

  private static long u32(byte[] b, int at, boolean little) {
    long lo = u16(b, little ? at : at + 2, little);
    long hi = u16(b, little ? at + 2 : at, little);
    return hi << 16 | lo;
  }
}
