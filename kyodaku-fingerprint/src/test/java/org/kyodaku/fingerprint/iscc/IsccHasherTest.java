package org.kyodaku.fingerprint.iscc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Named cases around the conformance suite: bad input, codec round trips, streaming. */
class IsccHasherTest {
  private final IsccHasher iscc = new IsccHasher();

  @Test
  void parse_characterOutsideBase32_throwsQuotingCode() {
    assertThatThrownBy(() -> IsccCode.parse("ISCC:AAAZXZ6OU74YAZ1M"))
        .isInstanceOf(IsccException.class)
        .hasMessage("not base32: \"AAAZXZ6OU74YAZ1M\" contains '1' at index 14");
  }

  @Test
  void parse_foreignScheme_throwsQuotingScheme() {
    assertThatThrownBy(() -> IsccCode.parse("urn:AAAZXZ6OU74YAZIM"))
        .isInstanceOf(IsccException.class)
        .hasMessage("not an ISCC: \"urn:AAAZXZ6OU74YAZIM\" has scheme \"urn\"");
  }

  @Test
  void parse_bodyShorterThanHeaderSays_throwsWithBothLengths() {
    assertThatThrownBy(() -> IsccCode.parse("ISCC:AAAZXZ6OU74YA"))
        .isInstanceOf(IsccException.class)
        .hasMessage(
            "not a valid ISCC: \"ISCC:AAAZXZ6OU74YA\": header of META expects a body of 8 bytes,"
                + " got 6");
  }

  @Test
  void parse_impossibleBase32Length_throws() {
    assertThatThrownBy(() -> IsccCode.parse("AAAZXZ6OU74YAZ"))
        .isInstanceOf(IsccException.class)
        .hasMessage("not base32: \"AAAZXZ6OU74YAZ\" has 14 characters, an impossible length");
  }

  @Test
  void parse_isccId_throwsUnsupported() {
    // MainType 6 (ID), SubType 0, Version 0, 64-bit body
    String id = "ISCC:" + IsccCodec.encodeBase32(new byte[] {0x60, 0x00, 1, 2, 3, 4, 5, 6, 7, 8});
    assertThatThrownBy(() -> IsccCode.parse(id))
        .isInstanceOf(IsccException.class)
        .hasMessageEndingWith("ISCC-ID (MainType ID) is not supported");
  }

  @Test
  void parse_lowerCaseWithHyphens_readsCanonicalCode() {
    IsccCode code = IsccCode.parse(" iscc:aaaz-xz6o-u74y-azim ");
    assertThat(code.text()).isEqualTo("ISCC:AAAZXZ6OU74YAZIM");
    assertThat(code.mainType()).isEqualTo(MainType.META);
    assertThat(code.bits()).isEqualTo(64);
    assertThat(code.fingerprint().algorithm()).isEqualTo("iscc-meta-v0");
    assertThat(code.fingerprint().value()).isEqualTo("0001" + "9be7cea7f980650c");
  }

  @Test
  void units_composite_decomposesIntoSixtyFourBitUnits() {
    IsccCode composite =
        IsccCode.parse("ISCC:KACYPXW445FTYNJ3CYSXHAFJMA2HUWULUNRFE3BLHRSCXYH2M5AEGQY");
    assertThat(composite.units())
        .extracting(IsccCode::text)
        .containsExactly(
            "ISCC:AAAYPXW445FTYNJ3",
            "ISCC:EAARMJLTQCUWAND2",
            "ISCC:GAAVVC5DMJJGYKZ4",
            "ISCC:IAAWIK7A7JTUAQ2D");
    assertThat(iscc.composite(composite.units(), false)).isEqualTo(composite);
  }

  @Test
  void composite_wideDataAndInstance_keeps128BitsEach() throws Exception {
    byte[] bytes = "wide".getBytes(StandardCharsets.UTF_8);
    IsccCode data = iscc.data(new ByteArrayInputStream(bytes), 128);
    IsccCode instance = iscc.instance(new ByteArrayInputStream(bytes), 256).code();
    IsccCode wide = iscc.composite(List.of(instance, data), true);
    assertThat(wide.text()).startsWith("ISCC:K4");
    assertThat(wide.bits()).isEqualTo(256);
    assertThat(wide.units().get(0)).isEqualTo(data);
    assertThat(IsccCode.parse(wide.text())).isEqualTo(wide);
  }

  @Test
  void composite_withoutInstanceCode_throwsListingUnits() {
    IsccCode meta = IsccCode.parse("AAAYPXW445FTYNJ3");
    IsccCode data = IsccCode.parse("GABVVC5DMJJGYKZ4ZBYVNYABFFYXG");
    assertThatThrownBy(() -> iscc.composite(List.of(data, meta), false))
        .isInstanceOf(IsccException.class)
        .hasMessage("ISCC-CODE needs a Data-Code and an Instance-Code, got [META, DATA]");
  }

  @Test
  void composite_singleUnit_throws() {
    assertThatThrownBy(() -> iscc.composite(List.of(IsccCode.parse("AAAYPXW445FTYNJ3")), false))
        .isInstanceOf(IsccException.class)
        .hasMessage("ISCC-CODE needs at least 2 units, got 1");
  }

  @Test
  void text_bitsNotMultipleOf32_throwsQuotingBits() {
    assertThatThrownBy(() -> iscc.text("Hello World", 48))
        .isInstanceOf(IsccException.class)
        .hasMessage("bits must be a multiple of 32 from 32 to 256, got 48");
  }

  @Test
  void data_bitsAbove256_throwsQuotingBits() {
    assertThatThrownBy(() -> iscc.data(new ByteArrayInputStream(new byte[1]), 288))
        .isInstanceOf(IsccException.class)
        .hasMessage("bits must be a multiple of 32 from 32 to 256, got 288");
  }

  @Test
  void meta_nameEmptyAfterNormalisation_throwsQuotingName() {
    assertThatThrownBy(() -> iscc.meta(" \t\u200b\n ", "a description", 64))
        .isInstanceOf(IsccException.class)
        .hasMessage(
            "Meta-Code needs a name that is not empty after normalisation, got \" \t\u200b\n \"");
  }

  @Test
  void metaWithJson_arrayInsteadOfObject_throws() {
    assertThatThrownBy(() -> iscc.metaWithJson("Hello", null, "[1, 2]", 64))
        .isInstanceOf(IsccException.class)
        .hasMessage(
            "metadata is not a valid JSON object: metadata must be a JSON object at offset 0");
  }

  @Test
  void metaWithJson_duplicateMember_throwsQuotingName() {
    assertThatThrownBy(() -> iscc.metaWithJson("Hello", null, "{\"a\":1,\"a\":2}", 64))
        .isInstanceOf(IsccException.class)
        .hasMessageStartingWith("metadata is not a valid JSON object: duplicate member name \"a\"");
  }

  @Test
  void metaWithJson_emptyObject_countsAsNoMetadata() {
    MetaCode withEmpty = iscc.metaWithJson("Hello", "World", "{}", 64);
    assertThat(withEmpty).isEqualTo(iscc.meta("Hello", "World", 64));
    assertThat(withEmpty.meta()).isEmpty();
  }

  @Test
  void metaWithDataUrl_notADataUrl_throwsQuotingUrl() {
    assertThatThrownBy(() -> iscc.metaWithDataUrl("Hello", null, "https://example.org/x", 64))
        .isInstanceOf(IsccException.class)
        .hasMessage("metadata is not a data: URL: \"https://example.org/x\"");
  }

  @Test
  void image_wrongPixelCount_throwsQuotingCount() {
    assertThatThrownBy(() -> iscc.image(new int[1023], 64))
        .isInstanceOf(IsccException.class)
        .hasMessage("Image-Code needs 1024 grey values (32x32), got 1023");
  }

  @Test
  void image_pixelOutOfRange_throwsQuotingIndexAndValue() {
    int[] pixels = new int[1024];
    pixels[40] = 256;
    assertThatThrownBy(() -> iscc.image(pixels, 64))
        .isInstanceOf(IsccException.class)
        .hasMessage("grey value at index 40 must be 0..255, got 256");
  }

  @Test
  void video_noFrames_throws() {
    assertThatThrownBy(() -> iscc.video(List.of(), 64))
        .isInstanceOf(IsccException.class)
        .hasMessage("Video-Code needs at least one frame signature, got none");
  }

  @Test
  void mixed_oneCode_throws() {
    assertThatThrownBy(() -> iscc.mixed(List.of(IsccCode.parse("EUA6GIKXN42IQV3S")), 64))
        .isInstanceOf(IsccException.class)
        .hasMessage("Mixed-Code needs at least 2 Content-Codes, got 1");
  }

  @Test
  void mixed_nonContentCode_throws() {
    List<IsccCode> codes =
        List.of(IsccCode.parse("EUA6GIKXN42IQV3S"), IsccCode.parse("AAAYPXW445FTYNJ3"));
    assertThatThrownBy(() -> iscc.mixed(codes, 64))
        .isInstanceOf(IsccException.class)
        .hasMessage("Mixed-Code takes only Content-Codes, got iscc-meta-v0 ISCC:AAAYPXW445FTYNJ3");
  }

  @Test
  void dataAndInstance_largeStreamReadInOddPieces_equalWholeRead() throws Exception {
    byte[] bytes = new byte[300_000];
    new Random(24138).nextBytes(bytes);
    IsccCode whole = iscc.data(new ByteArrayInputStream(bytes), 256);
    IsccCode trickled = iscc.data(trickle(bytes), 256);
    assertThat(trickled).isEqualTo(whole);
    InstanceCode instance = iscc.instance(trickle(bytes), 64);
    assertThat(instance.filesize()).isEqualTo(300_000);
    assertThat(instance).isEqualTo(iscc.instance(new ByteArrayInputStream(bytes), 64));
  }

  @Test
  void data_oneByteChanged_keepsMostBits() throws Exception {
    byte[] bytes = new byte[100_000];
    new Random(7).nextBytes(bytes);
    IsccCode before = iscc.data(new ByteArrayInputStream(bytes), 256);
    bytes[50_000] ^= 1;
    IsccCode after = iscc.data(new ByteArrayInputStream(bytes), 256);
    int distance = 0;
    for (int i = 0; i < 32; i++) {
      distance += Integer.bitCount((before.body()[i] ^ after.body()[i]) & 0xFF);
    }
    assertThat(distance).isBetween(1, 32);
  }

  @Test
  void xxh32_publishedVectors_match() {
    assertThat(Xxh32.hash(new byte[0])).isEqualTo(0x02CC5D05L);
    assertThat(Xxh32.hash("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x32D153FFL);
    assertThat(
            Xxh32.hash(
                "Nobody inspects the spammish repetition".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(0xE2293B2FL);
  }

  @Test
  void ecmaScript_numbers_formatAsRfc8785() {
    assertThat(CanonicalJson.ecmaScript(1.0)).isEqualTo("1");
    assertThat(CanonicalJson.ecmaScript(-0.0)).isEqualTo("0");
    assertThat(CanonicalJson.ecmaScript(1e20)).isEqualTo("100000000000000000000");
    assertThat(CanonicalJson.ecmaScript(1e21)).isEqualTo("1e+21");
    assertThat(CanonicalJson.ecmaScript(0.000001)).isEqualTo("0.000001");
    assertThat(CanonicalJson.ecmaScript(1e-7)).isEqualTo("1e-7");
    assertThat(CanonicalJson.ecmaScript(-123.456)).isEqualTo("-123.456");
    // RFC 8785 appendix B samples
    assertThat(CanonicalJson.ecmaScript(Double.longBitsToDouble(0x44b52d02c7e14af5L)))
        .isEqualTo("9.999999999999997e+22");
    assertThat(CanonicalJson.ecmaScript(Double.longBitsToDouble(0x44b52d02c7e14af6L)))
        .isEqualTo("1e+23");
    assertThat(CanonicalJson.ecmaScript(Double.longBitsToDouble(0x3eb0c6f7a0b5ed8dL)))
        .isEqualTo("0.000001");
    assertThat(CanonicalJson.ecmaScript(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(CanonicalJson.ecmaScript(3 * Double.MIN_VALUE)).isEqualTo("1.5e-323");
  }

  @Test
  void canonicalJson_rfc8785Sample_sortsAndEscapes() {
    String json = "{\"b\": [1E2, true, null], \"a\": \"\\u00e9\\n\\u001f\", \"\\u20ac\": {}}";
    byte[] canonical = CanonicalJson.canonicalizeObject(json).canonical();
    assertThat(new String(canonical, StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":\"é\\n\\u001f\",\"b\":[100,true,null],\"€\":{}}");
  }

  private static InputStream trickle(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      private int turn;

      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + (turn++ * 7919) % 5000));
      }
    };
  }
}
