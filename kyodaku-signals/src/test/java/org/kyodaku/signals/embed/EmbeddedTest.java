package org.kyodaku.signals.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.kyodaku.core.model.Use;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;
import org.kyodaku.signals.publish.GrantRecord;
import org.kyodaku.signals.publish.RecordGrant;
import org.kyodaku.signals.xmp.DataMining;
import org.kyodaku.signals.xmp.Notice;
import org.kyodaku.signals.xmp.XmpWriter;

/** Reading every container, and embedding into JPEG and PNG without touching the pixels. */
class EmbeddedTest {
  static final URI PAGE = URI.create("https://registry.example/works/w_1");

  static GrantRecord record(RecordGrant... grants) {
    return new GrantRecord("山田 花子", List.of(grants), Optional.empty(), PAGE, PAGE, PAGE);
  }

  static Notice notice() {
    return new Notice("© 2026 山田 花子", List.of("山田 花子"), PAGE, Optional.of("ISCC:KACYPXW445FTYNJ3"));
  }

  static byte[] image(String format) throws Exception {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x ^ y) * 3));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(img, format, out)).isTrue();
    return out.toByteArray();
  }

  static String xmp(String properties) {
    return "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
        + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\""
        + " xmlns:plus=\"http://ns.useplus.org/ldf/xmp/1.0/\" xmlns:tdm=\"http://www.w3.org/ns/tdmrep/\""
        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">" + properties
        + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
  }

  static void assertUses(Signals s, Preference tdm, Preference trainAi, Preference genai, Preference aiUse, Preference search) {
    assertThat(s.verdicts()).isEqualTo(Map.of(Category.TDM, tdm, Category.TRAIN_AI, trainAi,
        Category.TRAIN_GENAI, genai, Category.AI_USE, aiUse, Category.SEARCH, search));
  }

  static final Preference A = Preference.ALLOWED;
  static final Preference D = Preference.DISALLOWED;
  static final Preference U = Preference.UNKNOWN;

  // ---- writing ------------------------------------------------------------------------------

  @Test
  void embed_jpeg_pixelsAndEntropyCodedDataUnchanged() throws Exception {
    byte[] before = image("jpg");
    byte[] after = EmbeddedWriter.embed(before, XmpWriter.packet(record(), notice()));
    assertThat(raster(after)).isEqualTo(raster(before));
    int sosBefore = Jpeg.parse(before).tail();
    int sosAfter = Jpeg.parse(after).tail();
    assertThat(Arrays.copyOfRange(after, sosAfter, after.length))
        .isEqualTo(Arrays.copyOfRange(before, sosBefore, before.length));
    assertThat(Jpeg.parse(after).segments().getFirst().marker()).isEqualTo(Jpeg.APP0);
    Signals s = EmbeddedReader.read(after, "out.jpg");
    assertUses(s, D, D, D, D, D);
    assertThat(s.evidence()).extracting(Evidence::value)
        .contains(DataMining.PROHIBITED_SEE_CONSTRAINT.uri(), "dc:rights: © 2026 山田 花子", "dc:creator: 山田 花子",
            "dc:identifier: ISCC:KACYPXW445FTYNJ3", "xmpRights:WebStatement: " + PAGE);
  }

  @Test
  void embed_jpegTwice_replacesThePacket() throws Exception {
    byte[] once = EmbeddedWriter.embed(image("jpg"), XmpWriter.packet(record(), notice()));
    byte[] twice = EmbeddedWriter.embed(once,
        XmpWriter.packet(record(RecordGrant.toEveryone(Set.of(Use.values()))), notice()));
    assertThat(Jpeg.parse(twice).segments()).filteredOn(seg -> seg.startsWith(twice, Jpeg.XMP)).hasSize(1);
    assertUses(EmbeddedReader.read(twice, "x.jpg"), A, A, A, A, A);
  }

  @Test
  void embed_png_pixelsUnchangedAndCrcValid() throws Exception {
    byte[] before = image("png");
    byte[] after = EmbeddedWriter.embed(before,
        XmpWriter.packet(record(RecordGrant.toEveryone(Set.of(Use.SEARCH))), notice()));
    assertThat(raster(after)).isEqualTo(raster(before));
    List<Png.Chunk> chunks = Png.parse(after); // checks every CRC
    int itxt = indexOf(chunks, "iTXt");
    assertThat(itxt).isLessThan(indexOf(chunks, "IDAT"));
    assertUses(EmbeddedReader.read(after, "out.png"), D, D, D, D, A);
  }

  @Test
  void embed_gif_refused() {
    assertThatThrownBy(() -> EmbeddedWriter.embed("GIF89a....".getBytes(StandardCharsets.ISO_8859_1), new byte[0]))
        .isInstanceOf(EmbedException.class).hasMessageContaining("only JPEG and PNG");
  }

  @Test
  void dataMining_ofRecord_neverAllowsAnUngrantedUse() {
    List<Set<Use>> cases = List.of(Set.of(), Set.of(Use.SEARCH), Set.of(Use.SEARCH, Use.AI_USE),
        Set.of(Use.TRAIN_GENAI), Set.of(Use.TRAIN_AI), Set.of(Use.AI_USE), Set.of(Use.values()),
        Set.of(Use.TRAIN_GENAI, Use.AI_USE, Use.SEARCH));
    for (Set<Use> uses : cases) {
      GrantRecord r = uses.isEmpty() ? record() : record(RecordGrant.toEveryone(uses));
      Signals read = EmbeddedReader.read(EmbeddedWriter.embed(imageUnchecked(), XmpWriter.packet(r, notice())), "x.png");
      for (Category c : Category.values()) {
        if (!r.granted(c, Optional.empty())) {
          assertThat(read.get(c)).as(uses + " " + c).isEqualTo(D);
        }
      }
    }
    assertThat(DataMining.of(record(RecordGrant.toEveryone(Set.of(Use.SEARCH, Use.AI_USE)))))
        .isEqualTo(DataMining.PROHIBITED_AIML_TRAINING);
  }

  @Test
  void exiftool_readsWhatWeWrote() throws Exception {
    byte[] jpg = EmbeddedWriter.embed(image("jpg"), XmpWriter.packet(record(), notice()));
    byte[] png = EmbeddedWriter.embed(image("png"), XmpWriter.packet(record(RecordGrant.toEveryone(Set.of(Use.values()))), notice()));
    for (var file : List.of(Map.entry("jpg", jpg), Map.entry("png", png))) {
      java.nio.file.Path f = java.nio.file.Files.createTempFile("kyodaku", "." + file.getKey());
      try {
        java.nio.file.Files.write(f, file.getValue());
        String json = exiftool("-j", "-XMP-plus:all", "-XMP-dc:all", f.toString());
        String expected = (file.getKey().equals("jpg") ? DataMining.PROHIBITED_SEE_CONSTRAINT : DataMining.ALLOWED).uri();
        assertThat(json).contains("\"DataMining\": \"" + expected + "\"")
            .contains("\"Rights\": \"© 2026 山田 花子\"")
            .contains("\"Creator\": \"山田 花子\"")
            .contains("\"Identifier\": \"ISCC:KACYPXW445FTYNJ3\"");
        if (file.getKey().equals("jpg")) {
          assertThat(json).contains("\"OtherConstraints\": \"AI and data-mining uses are reserved");
        }
        assertThat(exiftool("-j", "-XMP-xmpRights:all", f.toString()))
            .contains("\"WebStatement\": \"" + PAGE + "\"").contains("\"Marked\": true");
        assertThat(exiftool("-validate", "-warning", "-a", f.toString())).doesNotContain("Error");
      } finally {
        java.nio.file.Files.deleteIfExists(f);
      }
    }
  }

  /** Runs exiftool; a missing program fails the test (CI installs it, see .ci/run). */
  static String exiftool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("exiftool"));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new AssertionError("exiftool is required for this test (apt-get install libimage-exiftool-perl): " + e.getMessage(), e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isIn(0, 1);
    return out;
  }

  // ---- reading each container -----------------------------------------------------------------

  @Test
  void read_webp_xmpChunk() {
    byte[] packet = xmp("<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-GENAIMLTRAINING</plus:DataMining>")
        .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("WEBP".getBytes(StandardCharsets.ISO_8859_1));
    riffChunk(body, "VP8L", new byte[] {0x2f, 0, 0, 0, 0});
    riffChunk(body, "XMP ", packet);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
    le32(file, body.size());
    file.writeBytes(body.toByteArray());
    assertUses(EmbeddedReader.read(file.toByteArray(), "a.webp"), D, D, D, A, A);
  }

  @Test
  void read_tiff_tag700() {
    byte[] packet = xmp("<plus:DataMining>DMI-Prohibited-ExceptSearchEngineIndexing</plus:DataMining>")
        .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
    f.writeBytes(new byte[] {1, 0}); // one entry
    f.writeBytes(new byte[] {(byte) 0xbc, 0x02, 1, 0});
    le32(f, packet.length);
    le32(f, 8 + 2 + 12 + 4);
    le32(f, 0); // no next IFD
    f.writeBytes(packet);
    assertUses(EmbeddedReader.read(f.toByteArray(), "a.tif"), D, D, D, D, A);
  }

  @Test
  void read_pdf_uncompressedMetadataStream_tdmRep() {
    byte[] packet = xmp("<tdm:reservation>1</tdm:reservation><tdm:policy>https://p.example/policy.json</tdm:policy>")
        .getBytes(StandardCharsets.UTF_8);
    String pdf = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Metadata 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Metadata /Subtype /XML /Length "
        + packet.length + " >>\nstream\n";
    byte[] bytes = concat(pdf.getBytes(StandardCharsets.ISO_8859_1), packet,
        "\nendstream\nendobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1));
    Signals s = EmbeddedReader.read(bytes, "a.pdf");
    assertUses(s, D, D, D, D, D);
    assertThat(s.evidence()).extracting(Evidence::standard).contains(Standard.TDMREP);
  }

  @Test
  void read_pdf_corruptCompressedMetadata_unknownWithEvidence() {
    String pdf = "%PDF-1.7\n2 0 obj\n<< /Type /Metadata /Subtype /XML /Filter /FlateDecode /Length 3 >>\nstream\nabc\nendstream\nendobj\n";
    Signals s = EmbeddedReader.read(pdf.getBytes(StandardCharsets.ISO_8859_1), "c.pdf");
    assertUses(s, U, U, U, U, U);
    assertThat(s.evidence()).singleElement().satisfies(e -> {
      assertThat(e.failed()).isTrue();
      assertThat(e.error().orElseThrow()).startsWith("FlateDecode metadata stream: compressed XMP is not zlib data");
      assertThat(e.position()).isEqualTo("PDF metadata stream at byte 17");
    });
  }

  @Test
  void read_epub3_opfMeta() throws Exception {
    String opf = "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" prefix=\"tdm: http://www.w3.org/ns/tdmrep#\">"
        + "<metadata><meta property=\"tdm:reservation\">1</meta><meta property=\"tdm:policy\">https://p.example/p.json</meta></metadata></package>";
    Signals s = EmbeddedReader.read(epub(opf), "book.epub");
    assertUses(s, D, D, D, D, D);
    assertThat(s.evidence()).singleElement().satisfies(e ->
        assertThat(e.value()).isEqualTo("tdm-reservation: 1, tdm-policy: https://p.example/p.json"));
  }

  @Test
  void read_epub2_opfMetaZero_allowsTdm() throws Exception {
    String opf = "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"2.0\"><metadata>"
        + "<meta name=\"tdm:reservation\" content=\"0\"/></metadata></package>";
    assertUses(EmbeddedReader.read(epub(opf), "book.epub"), A, A, A, A, A);
  }

  @Test
  void read_jpegWithExtendedXmp_assembled() throws Exception {
    byte[] jpg = image("jpg");
    byte[] ext = xmp("<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED</plus:DataMining>")
        .getBytes(StandardCharsets.UTF_8);
    String guid = "0123456789ABCDEF0123456789ABCDEF";
    int half = ext.length / 2;
    byte[] withExt = insertAfterSoi(jpg,
        app1Extended(guid, ext, 0, half), app1Extended(guid, ext, half, ext.length));
    Signals s = EmbeddedReader.read(withExt, "e.jpg");
    assertUses(s, D, D, D, D, D);
    assertThat(s.evidence()).singleElement().satisfies(e -> assertThat(e.position()).startsWith("JPEG APP1 extended XMP " + guid));
  }

  @Test
  void read_jpegC2paApp11_trainingMiningRestrictionsOnly() throws Exception {
    byte[] cbor = cborMap(Map.of("entries", Map.of(
        "cawg.ai_generative_training", Map.of("use", "notAllowed"),
        "cawg.ai_inference", Map.of("use", "constrained", "constraint_info", "https://c.example/terms"),
        "cawg.data_mining", Map.of("use", "allowed"))));
    byte[] store = superbox("c2pa", superbox("urn:uuid:1", superbox("c2pa.assertions",
        superbox("cawg.training-mining", box("cbor", cbor)))));
    byte[] seg = concat(new byte[] {(byte) 0xff, (byte) 0xeb, 0, 0}, new byte[] {'J', 'P', 0, 1, 0, 0, 0, 1}, store);
    seg[2] = (byte) ((seg.length - 2) >>> 8);
    seg[3] = (byte) (seg.length - 2);
    Signals s = EmbeddedReader.read(insertAfterSoi(image("jpg"), seg), "c.jpg");
    assertUses(s, D, D, D, D, U);
    assertThat(s.evidence()).extracting(Evidence::value).anySatisfy(v -> assertThat(v)
        .startsWith("C2PA manifest store, 1 manifest(s), active urn:uuid:1; signature not verified"));
    assertThat(s.evidence()).extracting(Evidence::value).anySatisfy(v -> assertThat(v)
        .contains("cawg.data_mining=allowed").endsWith("signature not verified, assertion not verified"
            + " (the claim does not reference cawg.training-mining); signer not trusted, only restrictions count"));
  }

  @Test
  void read_pngCaBx_malformedCbor_failedEvidenceNeverAllowed() throws Exception {
    byte[] store = superbox("c2pa", superbox("urn:uuid:1", superbox("c2pa.assertions",
        superbox("c2pa.training-mining", box("cbor", new byte[] {(byte) 0xa1, 0x61})))));
    byte[] png = insertPngChunkBeforeIdat(image("png"), "caBX", store);
    Signals s = EmbeddedReader.read(png, "c.png");
    assertUses(s, U, U, U, U, U);
    assertThat(s.evidence()).filteredOn(Evidence::failed).singleElement()
        .satisfies(e -> assertThat(e.error().orElseThrow()).contains("length 1 at byte 1 exceeds the 0 bytes left"));
  }

  @Test
  void read_xmpWithDoctype_failedEvidence() throws Exception {
    String evil = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + xmp("<plus:DataMining>DMI-ALLOWED</plus:DataMining>&e;").replaceFirst("<\\?xpacket[^>]*>", "");
    byte[] png = insertPngChunkBeforeIdat(image("png"), "iTXt",
        concat("XML:com.adobe.xmp\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1), evil.getBytes(StandardCharsets.UTF_8)));
    Signals s = EmbeddedReader.read(png, "evil.png");
    assertUses(s, U, U, U, U, U);
    assertThat(s.evidence()).singleElement().satisfies(e -> assertThat(e.error().orElseThrow()).contains("DOCTYPE"));
  }

  @Test
  void read_unknownDataMiningValue_failedEvidence() throws Exception {
    byte[] jpg = EmbeddedWriter.embed(image("jpg"), xmp("<plus:DataMining>DMI-MAYBE</plus:DataMining>").getBytes(StandardCharsets.UTF_8));
    Signals s = EmbeddedReader.read(jpg, "m.jpg");
    assertUses(s, U, U, U, U, U);
    assertThat(s.anyFailure()).isTrue();
  }

  @Test
  void read_truncatedJpegSegment_namesBytePosition() throws Exception {
    byte[] jpg = image("jpg");
    byte[] cut = Arrays.copyOf(jpg, 30);
    assertThatThrownBy(() -> EmbeddedReader.read(cut, "cut.jpg")).isInstanceOf(EmbedException.class)
        .hasMessageStartingWith("cut.jpg: jpeg: ").hasMessageContaining("at byte");
  }

  @Test
  void read_pngBadCrc_namesChunkAndPosition() throws Exception {
    byte[] png = image("png");
    png[20] ^= 1; // inside IHDR
    assertThatThrownBy(() -> EmbeddedReader.read(png, "bad.png")).isInstanceOf(EmbedException.class)
        .hasMessageContaining("PNG chunk IHDR at byte 8 has CRC");
  }

  @Test
  void read_unknownFormat_refused() {
    assertThatThrownBy(() -> EmbeddedReader.read("hello".getBytes(StandardCharsets.UTF_8), "a.txt"))
        .isInstanceOf(EmbedException.class).hasMessage("a.txt: not a JPEG, PNG, WebP, TIFF, PDF or EPUB file (unrecognised first bytes)");
  }

  @Test
  void read_imageWithoutMetadata_allUnknown() throws Exception {
    Signals s = EmbeddedReader.read(image("png"), "plain.png");
    assertUses(s, U, U, U, U, U);
    assertThat(s.evidence()).isEmpty();
  }

  // ---- helpers ------------------------------------------------------------------------------

  static byte[] imageUnchecked() {
    try {
      return image("png");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static int[] raster(byte[] file) throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(file));
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }

  static int indexOf(List<Png.Chunk> chunks, String type) {
    for (int i = 0; i < chunks.size(); i++) {
      if (chunks.get(i).type().equals(type)) {
        return i;
      }
    }
    return -1;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static void le32(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }

  static void be32(ByteArrayOutputStream out, long v) {
    out.write((int) (v >>> 24));
    out.write((int) (v >>> 16));
    out.write((int) (v >>> 8));
    out.write((int) v);
  }

  static void riffChunk(ByteArrayOutputStream out, String fourcc, byte[] data) {
    out.writeBytes(fourcc.getBytes(StandardCharsets.ISO_8859_1));
    le32(out, data.length);
    out.writeBytes(data);
    if ((data.length & 1) == 1) {
      out.write(0);
    }
  }

  static byte[] epub(String opf) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.BEST_COMPRESSION);
      zip.putNextEntry(new ZipEntry("mimetype"));
      zip.write("application/epub+zip".getBytes(StandardCharsets.US_ASCII));
      zip.putNextEntry(new ZipEntry("META-INF/container.xml"));
      zip.write(("<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
          + "<rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>")
          .getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("OEBPS/content.opf"));
      zip.write(opf.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  static byte[] insertAfterSoi(byte[] jpg, byte[]... segments) {
    return concat(Arrays.copyOf(jpg, 2), concat(segments), Arrays.copyOfRange(jpg, 2, jpg.length));
  }

  static byte[] app1Extended(String guid, byte[] full, int from, int to) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(Jpeg.XMP_EXTENSION);
    body.writeBytes(guid.getBytes(StandardCharsets.ISO_8859_1));
    be32(body, full.length);
    be32(body, from);
    body.write(full, from, to - from);
    int length = body.size() + 2;
    return concat(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >>> 8), (byte) length}, body.toByteArray());
  }

  static byte[] insertPngChunkBeforeIdat(byte[] png, String type, byte[] data) {
    List<Png.Chunk> chunks = Png.parse(png);
    int at = chunks.get(indexOf(chunks, "IDAT")).start();
    ByteArrayOutputStream c = new ByteArrayOutputStream();
    be32(c, data.length);
    byte[] typed = concat(type.getBytes(StandardCharsets.ISO_8859_1), data);
    c.writeBytes(typed);
    be32(c, Png.crc(typed, 0, typed.length));
    return concat(Arrays.copyOf(png, at), c.toByteArray(), Arrays.copyOfRange(png, at, png.length));
  }

  static byte[] box(String type, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    be32(out, 8 + content.length);
    out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(content);
    return out.toByteArray();
  }

  static byte[] superbox(String label, byte[]... children) {
    byte[] jumd = box("jumd", concat(new byte[16], new byte[] {0x03}, (label + "\0").getBytes(StandardCharsets.UTF_8)));
    return box("jumb", concat(jumd, concat(children)));
  }

  /** A test-side CBOR encoder for maps of text keys to text or maps. */
  static byte[] cborMap(Map<String, ?> map) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head(out, 5, map.size());
    for (Map.Entry<String, ?> e : new java.util.TreeMap<>(map).entrySet()) {
      text(out, e.getKey());
      if (e.getValue() instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, ?> inner = (Map<String, ?>) m;
        out.writeBytes(cborMap(inner));
      } else {
        text(out, (String) e.getValue());
      }
    }
    return out.toByteArray();
  }

  static void text(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    head(out, 3, b.length);
    out.writeBytes(b);
  }

  static void head(ByteArrayOutputStream out, int major, int n) {
    if (n < 24) {
      out.write(major << 5 | n);
    } else if (n < 256) {
      out.write(major << 5 | 24);
      out.write(n);
    } else {
      out.write(major << 5 | 25);
      out.write(n >>> 8);
      out.write(n);
    }
  }
}
