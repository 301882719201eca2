package org.kyodaku.signals.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * PNG chunks (PNG 3rd edition §5.3): length (u32, at most 2^31-1), type, data, CRC-32 over type and
 * data. Every CRC is checked; parsing stops after {@code IEND}.
 */
final class Png {
  static final String XMP_KEYWORD = "XML:com.adobe.xmp";

  record Chunk(String type, int start, int dataStart, int end) {
    int dataLength() {
      return end - 4 - dataStart;
    }
  }

  private Png() {}

  static List<Chunk> parse(byte[] in) {
    List<Chunk> out = new ArrayList<>();
    int pos = 8;
    while (true) {
      long length = Bytes.u32be(in, pos, "PNG chunk length");
      if (length > Integer.MAX_VALUE) {
        throw new EmbedException("PNG chunk at byte " + pos + " has length " + length + " over 2^31-1");
      }
      Bytes.need(in, pos + 4, 4 + length + 4, "PNG chunk");
      String type = new String(in, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      int dataStart = pos + 8;
      int end = dataStart + (int) length + 4;
      long stored = Bytes.u32be(in, end - 4, "PNG chunk CRC");
      long computed = crc(in, pos + 4, 4 + (int) length);
      if (stored != computed) {
        throw new EmbedException("PNG chunk " + type + " at byte " + pos + " has CRC "
            + Long.toHexString(stored) + ", computed " + Long.toHexString(computed));
      }
      out.add(new Chunk(type, pos, dataStart, end));
      pos = end;
      if (type.equals("IEND")) {
        return out;
      }
    }
  }

  static long crc(byte[] in, int from, int length) {
    CRC32 c = new CRC32();
    c.update(in, from, length);
    return c.getValue();
  }
}
