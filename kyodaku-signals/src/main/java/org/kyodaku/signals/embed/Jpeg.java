package org.kyodaku.signals.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * JPEG marker segments up to the first SOS (ITU-T T.81 §B.1): {@code FF xx}, fill bytes {@code
 * FF} skipped, standalone markers ({@code 01}, {@code D0}–{@code D7}) without a length, every
 * other segment with a big-endian length that counts itself. Everything from SOS on (scan header,
 * entropy-coded data, later markers) is the {@code tail}, copied verbatim by the writer.
 */
final class Jpeg {
  static final int APP0 = 0xe0;
  static final int APP1 = 0xe1;
  static final int APP11 = 0xeb;
  static final byte[] XMP = Format.ascii("http://ns.adobe.com/xap/1.0/\0");
  static final byte[] XMP_EXTENSION = Format.ascii("http://ns.adobe.com/xmp/extension/\0");
  static final byte[] EXIF = Format.ascii("Exif\0");
  /** The largest payload of one segment: 65535 minus the two length bytes. */
  static final int MAX_PAYLOAD = 65533;

  /** One segment: its marker, where it starts (the FF), and its payload range. */
  record Segment(int marker, int start, int dataStart, int end) {
    boolean startsWith(byte[] in, byte[] prefix) {
      return Bytes.startsWith(in, dataStart, prefix) && dataStart + prefix.length <= end;
    }
  }

  record Parsed(List<Segment> segments, int tail) {}

  private Jpeg() {}

  static Parsed parse(byte[] in) {
    List<Segment> out = new ArrayList<>();
    int pos = 2;
    while (true) {
      if (pos >= in.length) {
        throw new EmbedException("JPEG ends at byte " + pos + " before a start-of-scan marker");
      }
      if ((in[pos] & 0xff) != 0xff) {
        throw new EmbedException("JPEG: expected a marker (FF) at byte " + pos + ", found "
            + String.format("%02X", in[pos] & 0xff));
      }
      int start = pos;
      while (pos < in.length && (in[pos] & 0xff) == 0xff) {
        pos++;
      }
      if (pos >= in.length) {
        throw new EmbedException("JPEG ends inside a marker at byte " + start);
      }
      int marker = in[pos] & 0xff;
      pos++;
      if (marker == 0xda || marker == 0xd9) {
        return new Parsed(out, start);
      }
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        continue;
      }
      int length = Bytes.u16be(in, pos, "JPEG segment length of marker " + String.format("%02X", marker));
      if (length < 2) {
        throw new EmbedException("JPEG segment " + String.format("%02X", marker) + " at byte " + start + " has length " + length);
      }
      Bytes.need(in, pos, length, "JPEG segment " + String.format("%02X", marker));
      out.add(new Segment(marker, start, pos + 2, pos + length));
      pos += length;
    }
  }
}
