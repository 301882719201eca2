package org.kyodaku.signals.embed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;
import org.kyodaku.signals.c2pa.C2paReader;
import org.kyodaku.signals.tdmrep.TdmRepReader;
import org.kyodaku.signals.xmp.SecureXml;
import org.kyodaku.signals.xmp.XmpException;
import org.kyodaku.signals.xmp.XmpReader;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the AI-use statements embedded in one file.
 *
 * <p><b>Steps.</b> The format is recognised by its first bytes ({@link Format#of}); its structure
 * is walked to find every metadata block; each block is read by its own reader ({@link XmpReader},
 * {@link C2paReader}, {@link TdmRepReader} for EPUB); the blocks combine most-restrictively ({@link
 * Signals#mostRestrictive}). Nothing found means every category {@code unknown}.
 *
 * <ul>
 *   <li><b>JPEG</b>: segments before SOS. APP1 {@code http://ns.adobe.com/xap/1.0/\0} is the main
 *       XMP packet; APP1 {@code http://ns.adobe.com/xmp/extension/\0} chunks (32-byte GUID, u32
 *       full length, u32 offset, data) are assembled per GUID into extended packets (an incomplete
 *       one is failed evidence); APP11 {@code JP} segments (u16 box instance, u32 sequence, box;
 *       continuations repeat the 8-byte box header) are joined per instance into a JUMBF store.
 *   <li><b>PNG</b>: {@code iTXt} with keyword {@code XML:com.adobe.xmp} (zlib-compressed text
 *       inflated up to the XML limit); {@code caBX} holds JUMBF. Every chunk CRC is checked.
 *   <li><b>WebP</b>: RIFF chunks, {@code XMP }.
 *   <li><b>TIFF</b>: IFD0 tag 700 (XMLPacket), byte order from the header; BigTIFF is refused.
 *   <li><b>PDF</b>: every stream whose dictionary has {@code /Type /Metadata} and {@code /Subtype
 *       /XML} (streams are never inside object streams, so a scan finds them whatever the file's
 *       cross-reference form); uncompressed, or one {@code /FlateDecode} inflated up to the XML
 *       limit; any other filter is failed evidence that says nothing. {@code /Length} direct or
 *       indirect, else up to {@code endstream}.
 *   <li><b>EPUB</b>: {@code META-INF/container.xml} names the package document; its {@code <meta
 *       property="tdm:reservation">} (EPUB 3) or {@code <meta name="tdm:reservation"
 *       content>} (EPUB 2), and {@code tdm:policy} likewise.
 * </ul>
 *
 * <p><b>Limits and failures.</b> Files over {@link #MAX_FILE_BYTES}, XML over {@link
 * SecureXml#MAX_BYTES}, ZIPs with more than {@value #MAX_ZIP_ENTRIES} entries and a broken container
 * structure (a length running past the end, a bad CRC, a missing marker) raise {@link
 * EmbedException} naming the byte position: the file's metadata cannot be located, so nothing is
 * answered for it. A block found in a sound container but unreadable itself is failed evidence
 * that says nothing — never {@code allowed}.
 */
public final class EmbeddedReader {
  /** The largest file read, in bytes. */
  public static final long MAX_FILE_BYTES = 512L << 20;
  /** The most ZIP entries an EPUB may have. */
  public static final int MAX_ZIP_ENTRIES = 10_000;

  private static final Pattern TYPE_METADATA = Pattern.compile("/Type\\s*/Metadata(?![A-Za-z0-9])");

  private EmbeddedReader() {}

  /** Reads the file at {@code path}; the source in the evidence is {@code path} as given. */
  public static Signals read(Path path) {
    try {
      long size = Files.size(path);
      if (size > MAX_FILE_BYTES) {
        throw new EmbedException(path + ": " + size + " bytes is over the limit of " + MAX_FILE_BYTES);
      }
      return read(Files.readAllBytes(path), path.toString());
    } catch (IOException e) {
      throw new EmbedException(path + ": cannot read: " + e.getMessage());
    }
  }

  /** Reads a file's bytes; {@code source} names it in the evidence. */
  public static Signals read(byte[] file, String source) {
    if (file.length > MAX_FILE_BYTES) {
      throw new EmbedException(source + ": " + file.length + " bytes is over the limit of " + MAX_FILE_BYTES);
    }
    Format format = Format.of(file).orElseThrow(() -> new EmbedException(
        source + ": not a JPEG, PNG, WebP, TIFF, PDF or EPUB file (unrecognised first bytes)"));
    List<Signals> blocks = new ArrayList<>();
    try {
      switch (format) {
        case JPEG -> jpeg(file, source, blocks);
        case PNG -> png(file, source, blocks);
        case WEBP -> webp(file, source, blocks);
        case TIFF -> tiff(file, source, blocks);
        case PDF -> pdf(file, source, blocks);
        case EPUB -> epub(file, source, blocks);
      }
    } catch (EmbedException e) {
      throw new EmbedException(source + ": " + format + ": " + e.getMessage());
    }
    return Signals.mostRestrictive(blocks);
  }

  private static void jpeg(byte[] in, String source, List<Signals> blocks) {
    Map<String, byte[]> extended = new LinkedHashMap<>();
    Map<String, Integer> filled = new HashMap<>();
    Map<String, Integer> extendedAt = new HashMap<>();
    Map<Integer, TreeMap<Long, byte[]>> jumbf = new TreeMap<>();
    Map<Integer, Integer> jumbfAt = new HashMap<>();
    for (Jpeg.Segment s : Jpeg.parse(in).segments()) {
      if (s.marker() == Jpeg.APP1 && s.startsWith(in, Jpeg.XMP)) {
        blocks.add(XmpReader.read(slice(in, s.dataStart() + Jpeg.XMP.length, s.end()), source,
            "JPEG APP1 XMP at byte " + s.start()));
      } else if (s.marker() == Jpeg.APP1 && s.startsWith(in, Jpeg.XMP_EXTENSION)) {
        int p = s.dataStart() + Jpeg.XMP_EXTENSION.length;
        if (s.end() - p < 40) {
          throw new EmbedException("extended XMP segment at byte " + s.start() + " is shorter than its 40-byte header");
        }
        String guid = new String(in, p, 32, StandardCharsets.ISO_8859_1);
        long full = Bytes.u32be(in, p + 32, "extended XMP length");
        long offset = Bytes.u32be(in, p + 36, "extended XMP offset");
        int n = s.end() - (p + 40);
        if (full > SecureXml.MAX_BYTES) {
          throw new EmbedException("extended XMP at byte " + s.start() + " declares " + full + " bytes, over the limit of " + SecureXml.MAX_BYTES);
        }
        byte[] buf = extended.computeIfAbsent(guid, g -> new byte[(int) full]);
        if (buf.length != full || offset + n > full) {
          throw new EmbedException("extended XMP chunk at byte " + s.start() + " (offset " + offset + ", "
              + n + " bytes) does not fit the declared length " + full);
        }
        System.arraycopy(in, p + 40, buf, (int) offset, n);
        filled.merge(guid, n, Integer::sum);
        extendedAt.putIfAbsent(guid, s.start());
      } else if (s.marker() == Jpeg.APP11 && s.startsWith(in, new byte[] {'J', 'P'})) {
        int p = s.dataStart();
        if (s.end() - p < 16) {
          throw new EmbedException("APP11 JUMBF segment at byte " + s.start() + " is shorter than its header");
        }
        int instance = Bytes.u16be(in, p + 2, "APP11 box instance");
        long sequence = Bytes.u32be(in, p + 4, "APP11 sequence");
        TreeMap<Long, byte[]> parts = jumbf.computeIfAbsent(instance, i -> new TreeMap<>());
        // The first segment carries the whole box header; continuations repeat LBox and TBox.
        int from = parts.isEmpty() ? p + 8 : p + 16;
        if (parts.put(sequence, slice(in, from, s.end())) != null) {
          throw new EmbedException("APP11 JUMBF sequence " + sequence + " repeated at byte " + s.start());
        }
        jumbfAt.putIfAbsent(instance, s.start());
      }
    }
    for (Map.Entry<String, byte[]> e : extended.entrySet()) {
      String at = "JPEG APP1 extended XMP " + e.getKey() + " at byte " + extendedAt.get(e.getKey());
      if (filled.get(e.getKey()) != e.getValue().length) {
        blocks.add(Signals.unknown(List.of(Evidence.failure(Standard.IPTC, source, at,
            filled.get(e.getKey()) + " of " + e.getValue().length + " bytes", Map.of(),
            "extended XMP is incomplete; nothing taken from it"))));
      } else {
        blocks.add(XmpReader.read(e.getValue(), source, at));
      }
    }
    for (Map.Entry<Integer, TreeMap<Long, byte[]>> e : jumbf.entrySet()) {
      ByteArrayOutputStream store = new ByteArrayOutputStream();
      e.getValue().values().forEach(store::writeBytes);
      blocks.add(C2paReader.read(store.toByteArray(), source,
          "JPEG APP11 JUMBF at byte " + jumbfAt.get(e.getKey())));
    }
  }

  private static void png(byte[] in, String source, List<Signals> blocks) {
    for (Png.Chunk c : Png.parse(in)) {
      if (c.type().equals("iTXt")) {
        itxt(in, c, source, blocks);
      } else if (c.type().equals("caBX")) {
        blocks.add(C2paReader.read(slice(in, c.dataStart(), c.end() - 4), source,
            "PNG caBX at byte " + c.start()));
      }
    }
  }

  private static void itxt(byte[] in, Png.Chunk c, String source, List<Signals> blocks) {
    int end = c.end() - 4;
    int p = c.dataStart();
    int nul = Bytes.indexOf(in, new byte[] {0}, p, end);
    if (nul < 0 || !new String(in, p, nul - p, StandardCharsets.ISO_8859_1).equals(Png.XMP_KEYWORD)) {
      return;
    }
    String at = "PNG iTXt XMP at byte " + c.start();
    if (end - nul < 3) {
      throw new EmbedException("iTXt chunk at byte " + c.start() + " ends inside its header");
    }
    int compressed = in[nul + 1];
    int lang = Bytes.indexOf(in, new byte[] {0}, nul + 3, end);
    int translated = lang < 0 ? -1 : Bytes.indexOf(in, new byte[] {0}, lang + 1, end);
    if (translated < 0) {
      throw new EmbedException("iTXt chunk at byte " + c.start() + " lacks its language or translated keyword");
    }
    byte[] text = slice(in, translated + 1, end);
    if (compressed == 1) {
      try {
        text = inflate(text);
      } catch (EmbedException e) {
        blocks.add(Signals.unknown(List.of(Evidence.failure(Standard.IPTC, source, at,
            text.length + " compressed bytes", Map.of(), e.getMessage()))));
        return;
      }
    }
    blocks.add(XmpReader.read(text, source, at));
  }

  private static byte[] inflate(byte[] data) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new EmbedException("compressed XMP is truncated");
        }
        out.write(buf, 0, n);
        if (out.size() > SecureXml.MAX_BYTES) {
          throw new EmbedException("compressed XMP inflates past the limit of " + SecureXml.MAX_BYTES + " bytes");
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new EmbedException("compressed XMP is not zlib data: " + e.getMessage());
    } finally {
      inflater.end();
    }
  }

  private static void webp(byte[] in, String source, List<Signals> blocks) {
    long riff = Bytes.u32le(in, 4, "RIFF size");
    long end = Math.min(in.length, 8 + riff);
    int pos = 12;
    while (pos + 8 <= end) {
      String fourcc = new String(in, pos, 4, StandardCharsets.ISO_8859_1);
      long size = Bytes.u32le(in, pos + 4, "RIFF chunk size");
      if (pos + 8 + size > end) {
        throw new EmbedException("RIFF chunk " + fourcc + " at byte " + pos + " claims " + size
            + " bytes; " + (end - pos - 8) + " are left");
      }
      if (fourcc.equals("XMP ")) {
        blocks.add(XmpReader.read(slice(in, pos + 8, pos + 8 + (int) size), source,
            "WebP XMP chunk at byte " + pos));
      }
      pos += 8 + (int) size + (int) (size & 1);
    }
  }

  private static void tiff(byte[] in, String source, List<Signals> blocks) {
    boolean le = in[0] == 'I';
    long ifd = le ? Bytes.u32le(in, 4, "TIFF IFD0 offset") : Bytes.u32be(in, 4, "TIFF IFD0 offset");
    if (ifd < 8 || ifd >= in.length) {
      throw new EmbedException("TIFF IFD0 offset " + ifd + " is outside the file (" + in.length + " bytes)");
    }
    int at = (int) ifd;
    int count = le ? Bytes.u16le(in, at, "TIFF IFD0 entry count") : Bytes.u16be(in, at, "TIFF IFD0 entry count");
    Bytes.need(in, at + 2, 12L * count, "TIFF IFD0 entries");
    for (int i = 0; i < count; i++) {
      int e = at + 2 + 12 * i;
      int tag = le ? Bytes.u16le(in, e, "tag") : Bytes.u16be(in, e, "tag");
      if (tag != 700) {
        continue;
      }
      long n = le ? Bytes.u32le(in, e + 4, "count") : Bytes.u32be(in, e + 4, "count");
      long offset = n <= 4 ? e + 8 : (le ? Bytes.u32le(in, e + 8, "offset") : Bytes.u32be(in, e + 8, "offset"));
      Bytes.need(in, offset, n, "TIFF tag 700 (XMP) value");
      blocks.add(XmpReader.read(slice(in, (int) offset, (int) (offset + n)), source,
          "TIFF tag 700 XMP at byte " + offset));
    }
  }

  private static void pdf(byte[] in, String source, List<Signals> blocks) {
    String text = new String(in, StandardCharsets.ISO_8859_1);
    Matcher m = TYPE_METADATA.matcher(text);
    int searchFrom = 0;
    while (m.find(searchFrom)) {
      searchFrom = m.end();
      int start = dictStart(text, m.start());
      int streamKw = text.indexOf("stream", m.end());
      if (start < 0 || streamKw < 0) {
        continue;
      }
      int dictEnd = text.lastIndexOf(">>", streamKw);
      String dict = text.substring(start, Math.max(start, dictEnd + 2));
      if (dictEnd < m.end() || !text.substring(dictEnd + 2, streamKw).isBlank()
          || !dict.matches("(?s).*/Subtype\\s*/XML(?![A-Za-z0-9]).*")) {
        continue;
      }
      String at = "PDF metadata stream at byte " + start; // reassigned when inflated
      int data = streamKw + 6;
      if (data < in.length && in[data] == '\r') {
        data++;
      }
      if (data < in.length && in[data] == '\n') {
        data++;
      }
      Optional<String> unsupported = filterProblem(dict);
      if (unsupported.isPresent()) {
        blocks.add(Signals.unknown(List.of(Evidence.failure(Standard.IPTC, source, at,
            dict.replaceAll("\\s+", " "), Map.of(),
            unsupported.get() + "; its statements are unknown"))));
        continue;
      }
      int end = text.indexOf("endstream", data);
      OptionalLong length = streamLength(text, dict);
      if (length.isPresent() && data + length.getAsLong() <= in.length) {
        end = data + (int) length.getAsLong();
      }
      if (end < 0) {
        throw new EmbedException("metadata stream at byte " + start + " has no endstream");
      }
      byte[] packet = slice(in, data, end);
      if (FLATE.matcher(dict).find()) {
        try {
          packet = inflate(packet);
        } catch (EmbedException e) {
          blocks.add(Signals.unknown(List.of(Evidence.failure(Standard.IPTC, source, at,
              dict.replaceAll("\\s+", " "), Map.of(), "FlateDecode metadata stream: " + e.getMessage()))));
          searchFrom = end;
          continue;
        }
        at = at + " (FlateDecode, " + packet.length + " bytes inflated)";
      }
      blocks.add(XmpReader.read(packet, source, at));
      searchFrom = end;
    }
  }

  private static final Pattern FLATE =
      Pattern.compile("/Filter\\s*(?:/FlateDecode|\\[\\s*/FlateDecode\\s*])(?![A-Za-z0-9])");

  /**
   * Why the stream's filters cannot be undone, if they cannot: we undo exactly one {@code
   * /FlateDecode} (written {@code /Filter /FlateDecode} or {@code [/FlateDecode]}) without {@code
   * /DecodeParms} (predictors are for images, not XML); chains and other filters are refused.
   */
  private static Optional<String> filterProblem(String dict) {
    if (!dict.contains("/Filter")) {
      return Optional.empty();
    }
    if (!FLATE.matcher(dict).find()) {
      return Optional.of("metadata stream with a filter other than a single /FlateDecode not read");
    }
    if (dict.contains("/DecodeParms")) {
      return Optional.of("FlateDecode metadata stream with /DecodeParms (a predictor) not read");
    }
    return Optional.empty();
  }

  /**
   * The stream's {@code /Length}: a direct integer, or an indirect {@code N G R} resolved to the
   * first {@code N G obj <integer> endobj} in the file. Empty when neither is found; the caller
   * then ends the stream at {@code endstream}.
   */
  private static OptionalLong streamLength(String text, String dict) {
    Matcher direct = Pattern.compile("/Length\\s+(\\d{1,10})(?!\\s+\\d+\\s+R)").matcher(dict);
    if (direct.find()) {
      return OptionalLong.of(Long.parseLong(direct.group(1)));
    }
    Matcher ref = Pattern.compile("/Length\\s+(\\d{1,10})\\s+(\\d{1,5})\\s+R").matcher(dict);
    if (ref.find()) {
      Matcher obj = Pattern.compile("(?<![0-9])" + ref.group(1) + "\\s+" + ref.group(2)
          + "\\s+obj\\s*(\\d{1,10})\\s*endobj").matcher(text);
      if (obj.find()) {
        return OptionalLong.of(Long.parseLong(obj.group(1)));
      }
    }
    return OptionalLong.empty();
  }

  /** The start of the dictionary enclosing {@code at}: the "<<" opened last and not closed. */
  private static int dictStart(String text, int at) {
    int depth = 0;
    for (int i = at - 1; i > 0 && at - i < 65536; i--) {
      if (text.charAt(i) == '>' && text.charAt(i - 1) == '>') {
        depth++;
        i--;
      } else if (text.charAt(i) == '<' && text.charAt(i - 1) == '<') {
        if (depth == 0) {
          return i - 1;
        }
        depth--;
        i--;
      }
    }
    return -1;
  }

  private static void epub(byte[] in, String source, List<Signals> blocks) {
    Map<String, byte[]> xml = new HashMap<>();
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(in))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (++entries > MAX_ZIP_ENTRIES) {
          throw new EmbedException("ZIP has more than " + MAX_ZIP_ENTRIES + " entries");
        }
        String name = e.getName();
        if (name.equals("META-INF/container.xml") || name.toLowerCase(java.util.Locale.ROOT).endsWith(".opf")) {
          xml.put(name, limited(zip, name));
        }
      }
    } catch (IOException e) {
      throw new EmbedException("ZIP structure not readable after entry " + entries + ": " + e.getMessage());
    }
    byte[] container = xml.get("META-INF/container.xml");
    if (container == null) {
      throw new EmbedException("a ZIP file without META-INF/container.xml is not an EPUB");
    }
    String opfPath;
    try {
      NodeList roots = SecureXml.parse(container).getElementsByTagNameNS("*", "rootfile");
      opfPath = roots.getLength() == 0 ? "" : ((Element) roots.item(0)).getAttribute("full-path");
    } catch (XmpException e) {
      throw new EmbedException("META-INF/container.xml: " + e.getMessage());
    }
    byte[] opf = xml.get(opfPath);
    if (opf == null) {
      throw new EmbedException("the package document \"" + opfPath + "\" named by META-INF/container.xml is missing");
    }
    String at = "EPUB " + opfPath;
    Document doc;
    try {
      doc = SecureXml.parse(opf);
    } catch (XmpException e) {
      blocks.add(Signals.unknown(List.of(Evidence.failure(Standard.TDMREP, source, at, opfPath, Map.of(),
          "package document not readable, nothing taken from it: " + e.getMessage()))));
      return;
    }
    Optional<String> reservation = Optional.empty();
    Optional<String> policy = Optional.empty();
    NodeList metas = doc.getElementsByTagNameNS("*", "meta");
    for (int i = 0; i < metas.getLength(); i++) {
      Element meta = (Element) metas.item(i);
      String property = meta.getAttribute("property").strip();
      String name = meta.getAttribute("name").strip();
      String value = property.isEmpty() ? meta.getAttribute("content") : meta.getTextContent();
      String key = property.isEmpty() ? name : property;
      if (key.equals("tdm:reservation") && reservation.isEmpty()) {
        reservation = Optional.of(value);
      } else if (key.equals("tdm:policy") && policy.isEmpty()) {
        policy = Optional.of(value.strip());
      }
    }
    blocks.add(TdmRepReader.values(reservation, policy, source, at + " meta tdm:reservation").toSignals());
  }

  private static byte[] limited(InputStream in, String name) throws IOException {
    byte[] data = in.readNBytes(SecureXml.MAX_BYTES + 1);
    if (data.length > SecureXml.MAX_BYTES) {
      throw new EmbedException("ZIP entry " + name + " inflates past " + SecureXml.MAX_BYTES + " bytes");
    }
    return data;
  }

  private static byte[] slice(byte[] in, int from, int to) {
    return java.util.Arrays.copyOfRange(in, from, to);
  }
}
