package org.kyodaku.signals.embed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Embeds an XMP packet into a JPEG or PNG file without touching the image data.
 *
 * <p><b>JPEG.</b> The marker segments before SOS are walked ({@code Jpeg}); every existing XMP
 * APP1 segment (main and extended) is dropped; the new APP1 ({@code
 * http://ns.adobe.com/xap/1.0/\0} + packet) goes after SOI and the leading APP0 (JFIF) and Exif
 * APP1 segments, which must stay first. All other segments and everything from SOS on are copied
 * byte for byte. A packet over one segment (65,504 bytes after the namespace header) is refused:
 * we do not write extended XMP.
 *
 * <p><b>PNG.</b> Every existing {@code iTXt XML:com.adobe.xmp} chunk is dropped; a new one
 * (uncompressed, empty language and translated keyword) goes right before the first {@code IDAT},
 * with its CRC-32. Other chunks are copied byte for byte.
 */
public final class EmbeddedWriter {
  private EmbeddedWriter() {}

  /**
   * The file with {@code xmpPacket} as its XMP.
   *
   * @throws EmbedException if the file is not a sound JPEG or PNG, or the packet is too large
   */
  public static byte[] embed(byte[] image, byte[] xmpPacket) {
    Format format = Format.of(image).orElseThrow(() ->
        new EmbedException("only JPEG and PNG files can be written; unrecognised first bytes"));
    return switch (format) {
      case JPEG -> jpeg(image, xmpPacket);
      case PNG -> png(image, xmpPacket);
      default -> throw new EmbedException("only JPEG and PNG files can be written, not " + format);
    };
  }

  private static byte[] jpeg(byte[] in, byte[] packet) {
    if (Jpeg.XMP.length + packet.length > Jpeg.MAX_PAYLOAD) {
      throw new EmbedException("XMP packet of " + packet.length + " bytes does not fit one JPEG APP1 segment (at most "
          + (Jpeg.MAX_PAYLOAD - Jpeg.XMP.length) + ")");
    }
    Jpeg.Parsed parsed;
    try {
      parsed = Jpeg.parse(in);
    } catch (EmbedException e) {
      throw new EmbedException("JPEG: " + e.getMessage());
    }
    List<Jpeg.Segment> segments = parsed.segments();
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + packet.length + 64);
    out.write(0xff);
    out.write(0xd8);
    int i = 0;
    while (i < segments.size()
        && (segments.get(i).marker() == Jpeg.APP0
            || (segments.get(i).marker() == Jpeg.APP1 && segments.get(i).startsWith(in, Jpeg.EXIF)))) {
      copy(in, segments.get(i), out);
      i++;
    }
    int length = 2 + Jpeg.XMP.length + packet.length;
    out.write(0xff);
    out.write(Jpeg.APP1);
    out.write(length >>> 8);
    out.write(length & 0xff);
    out.writeBytes(Jpeg.XMP);
    out.writeBytes(packet);
    for (; i < segments.size(); i++) {
      Jpeg.Segment s = segments.get(i);
      boolean xmp = s.marker() == Jpeg.APP1 && (s.startsWith(in, Jpeg.XMP) || s.startsWith(in, Jpeg.XMP_EXTENSION));
      if (!xmp) {
        copy(in, s, out);
      }
    }
    out.write(in, parsed.tail(), in.length - parsed.tail());
    return out.toByteArray();
  }

  private static void copy(byte[] in, Jpeg.Segment s, ByteArrayOutputStream out) {
    out.write(in, s.start(), s.end() - s.start());
  }

  private static byte[] png(byte[] in, byte[] packet) {
    List<Png.Chunk> chunks;
    try {
      chunks = Png.parse(in);
    } catch (EmbedException e) {
      throw new EmbedException("PNG: " + e.getMessage());
    }
    if (chunks.stream().noneMatch(c -> c.type().equals("IDAT"))) {
      throw new EmbedException("PNG has no IDAT chunk");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + packet.length + 64);
    out.write(in, 0, 8);
    boolean written = false;
    for (Png.Chunk c : chunks) {
      if (c.type().equals("iTXt") && Bytes.startsWith(in, c.dataStart(), (Png.XMP_KEYWORD + "\0").getBytes(StandardCharsets.ISO_8859_1))) {
        continue;
      }
      if (c.type().equals("IDAT") && !written) {
        writeItxt(out, packet);
        written = true;
      }
      out.write(in, c.start(), c.end() - c.start());
    }
    return out.toByteArray();
  }

  private static void writeItxt(ByteArrayOutputStream out, byte[] packet) {
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    chunk.writeBytes("iTXt".getBytes(StandardCharsets.ISO_8859_1));
    chunk.writeBytes(Png.XMP_KEYWORD.getBytes(StandardCharsets.ISO_8859_1));
    chunk.writeBytes(new byte[] {0, 0, 0, 0, 0});
    chunk.writeBytes(packet);
    byte[] body = chunk.toByteArray();
    int length = body.length - 4;
    out.write(length >>> 24);
    out.write(length >>> 16);
    out.write(length >>> 8);
    out.write(length);
    out.writeBytes(body);
    long crc = Png.crc(body, 0, body.length);
    out.write((int) (crc >>> 24));
    out.write((int) (crc >>> 16));
    out.write((int) (crc >>> 8));
    out.write((int) crc);
  }
}
