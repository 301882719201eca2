package org.kyodaku.log.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.kyodaku.log.note.SignerKey;

class EntryTest {
  private static final SignerKey REGISTRY = SignerKey.ed25519("kyodaku.example/registry", new byte[32]);
  private static final byte[] AUTHOR_SEED = new byte[32];

  static {
    AUTHOR_SEED[0] = 7;
  }

  private static final String AUTHOR = "p_abcdefgh2345";
  private static final SignerKey AUTHOR_KEY = SignerKey.ed25519(AUTHOR, AUTHOR_SEED);
  private static final Instant AT = Instant.parse("2025-11-03T09:00:00Z");

  static Map<String, Object> grantBody() {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", "g_grant0001");
    b.put("grantor", AUTHOR);
    b.put("licensee", "everyone");
    b.put("uses", List.of("search", "train-ai"));
    b.put("works", List.of("w_work00001", "w_work00002"));
    b.put("validFrom", "2025-11-03T00:00:00Z");
    b.put("territories", List.of("JP"));
    b.put("termsUrl", "https://example.jp/terms");
    return b;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static final String GRANT_JSON =
      "{\"at\":\"2025-11-03T09:00:00Z\",\"author\":\"p_abcdefgh2345\",\"body\":{\"grantor\":"
          + "\"p_abcdefgh2345\",\"id\":\"g_grant0001\",\"licensee\":\"everyone\",\"termsUrl\":"
          + "\"https://example.jp/terms\",\"territories\":[\"JP\"],\"uses\":[\"search\",\"train-ai\"],"
          + "\"validFrom\":\"2025-11-03T00:00:00Z\",\"works\":[\"w_work00001\",\"w_work00002\"]},"
          + "\"type\":\"grant\",\"v\":1}";

  @Test
  void signingBytes_grant_areContextThenSortedCompactJson() {
    Entry e = new Entry("grant", AT, AUTHOR, grantBody());
    assertThat(new String(e.signingBytes(), StandardCharsets.UTF_8))
        .isEqualTo("kyodaku.org/log-entry/v1\n" + GRANT_JSON);
  }

  @Test
  void write_signedGrant_parsesBackAndVerifies() {
    SignedEntry signed = new Entry("grant", AT, AUTHOR, grantBody()).sign(AUTHOR_KEY, SignedBy.AUTHOR);
    byte[] bytes = signed.toBytes();
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).startsWith(GRANT_JSON.substring(0, GRANT_JSON.indexOf(",\"type\"")) + ",\"sig\":{\"by\":\"author\",\"key\":\"p_abcdefgh2345+");
    SignedEntry parsed = EntryParser.parse(bytes);
    assertThat(parsed).isEqualTo(signed);
    EntryVerifier verifier =
        EntryVerifier.of(REGISTRY.verifierKey(), id -> id.equals(AUTHOR) ? Optional.of(AUTHOR_KEY.verifierKey()) : Optional.empty());
    assertThatCode(() -> verifier.verify(parsed)).doesNotThrowAnyException();
  }

  @Test
  void verify_registrySignedOnBehalf_verifiesWithRegistryKeyOnly() {
    SignedEntry signed = new Entry("grant", AT, AUTHOR, grantBody()).sign(REGISTRY, SignedBy.REGISTRY);
    assertThat(signed.signature().by()).isEqualTo(SignedBy.REGISTRY);
    assertThatCode(() -> EntryVerifier.of(REGISTRY.verifierKey(), id -> Optional.empty()).verify(signed))
        .doesNotThrowAnyException();
  }

  @Test
  void verify_bodyChangedAfterSigning_refused() {
    SignedEntry signed = new Entry("grant", AT, AUTHOR, grantBody()).sign(REGISTRY, SignedBy.REGISTRY);
    Map<String, Object> body = grantBody();
    body.put("licensee", "p_otherparty1");
    SignedEntry forged = new SignedEntry(new Entry("grant", AT, AUTHOR, body), signed.signature());
    assertThatThrownBy(() -> EntryVerifier.of(REGISTRY.verifierKey(), id -> Optional.empty()).verify(forged))
        .isInstanceOf(EntryException.class)
        .hasMessageStartingWith("entry signature by kyodaku.example/registry+")
        .hasMessageEndingWith("does not verify over the entry");
  }

  @Test
  void verify_authorWithoutKey_refused() {
    SignedEntry signed = new Entry("grant", AT, AUTHOR, grantBody()).sign(AUTHOR_KEY, SignedBy.AUTHOR);
    assertThatThrownBy(() -> EntryVerifier.of(REGISTRY.verifierKey(), id -> Optional.empty()).verify(signed))
        .isInstanceOf(EntryException.class)
        .hasMessage("entry is signed by its author p_abcdefgh2345, who has no key");
  }

  @Test
  void sign_authorKeyOfAnotherParty_refused() {
    assertThatThrownBy(() -> new Entry("grant", AT, "p_someoneelse1", grantBody()).sign(AUTHOR_KEY, SignedBy.AUTHOR))
        .isInstanceOf(EntryException.class)
        .hasMessage("author key is named \"p_abcdefgh2345\", expected the author \"p_someoneelse1\"");
  }

  @Test
  void write_jcsStringEscapes_exactBytes() {
    byte[] out = EntryWriter.canonical(Map.of("s", "a\"\\\b\f\n\r\t\u0001\u001f/é\u2028\u007f😀"));
    assertThat(new String(out, StandardCharsets.UTF_8))
        .isEqualTo("{\"s\":\"a\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f/é\u2028\u007f😀\"}");
    assertThat(EntryParser.parseCanonical(out)).isEqualTo(Map.of("s", "a\"\\\b\f\n\r\t\u0001\u001f/é\u2028\u007f😀"));
  }

  @Test
  void write_keysSortedByUtf16CodeUnits_asRfc8785() {
    // RFC 8785 §3.2.3: U+10000 (surrogates D800 DC00) sorts before U+FB33 by code units.
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("\uFB33", 1);
    m.put("\uD800\uDC00", 2);
    m.put("b", 3);
    m.put("a", 4);
    assertThat(new String(EntryWriter.canonical(m), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":4,\"b\":3,\"\uD800\uDC00\":2,\"\uFB33\":1}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "whitespace after brace| { \"a\":1}| non-canonical JSON at byte 1: found byte 0x20, expected a member name (canonical JSON has no whitespace)",
        "members out of order|{\"b\":1,\"a\":2}|non-canonical JSON at byte 7: member \"a\" after \"b\", expected members sorted by UTF-16 code units",
        "repeated member|{\"a\":1,\"a\":2}|non-canonical JSON at byte 7: member \"a\" repeated",
        "escaped slash|{\"a\":\"\\/\"}|non-canonical JSON at byte 6: escape \\/ is not canonical ('/' is written literally)",
        "escaped letter|{\"a\":\"\\u0041\"}|non-canonical JSON at byte 6: \\u0041 escapes a character the canonical form writes literally",
        "uppercase hex|{\"a\":\"\\u001F\"}|non-canonical JSON at byte 6: \\u001F is not four lowercase hex digits",
        "short escape spelled long|{\"a\":\"\\u000a\"}|non-canonical JSON at byte 6: \\u000a escapes a character the canonical form writes with a short escape",
        "leading zero|{\"a\":01}|non-canonical JSON at byte 6: leading zero in a number",
        "fraction|{\"a\":1.0}|non-canonical JSON at byte 6: fraction or exponent; entries hold integers only",
        "minus zero|{\"a\":-0}|non-canonical JSON at byte 5: -0 is written 0",
        "beyond 2^53|{\"a\":9007199254740992}|non-canonical JSON at byte 5: integer 9007199254740992 is outside ±9007199254740991",
        "null|{\"a\":null}|non-canonical JSON at byte 5: null is not allowed in entries (leave the member out)",
        "trailing newline|{\"a\":1}\\n|non-canonical JSON at byte 7: trailing byte 0x0a after the value",
      })
  void parseCanonical_nonCanonicalInput_refusedWithPosition(String name, String input, String message) {
    assertThatThrownBy(() -> EntryParser.parseCanonical(utf8(input.replace("\\n", "\n"))))
        .isInstanceOf(EntryException.class)
        .hasMessage(message);
  }

  @Test
  void parseCanonical_overlongUtf8_refused() {
    byte[] overlong = {'"', (byte) 0xc0, (byte) 0xaf, '"'};
    assertThatThrownBy(() -> EntryParser.parseCanonical(overlong))
        .isInstanceOf(EntryException.class)
        .hasMessage("non-canonical JSON at byte 1: invalid UTF-8 lead byte 0xc0");
  }

  @Test
  void parse_signedEntryWithSpaceInserted_refusedAtThatByte() {
    byte[] good = new Entry("grant", AT, AUTHOR, grantBody()).sign(REGISTRY, SignedBy.REGISTRY).toBytes();
    String s = new String(good, StandardCharsets.UTF_8);
    String bad = s.replace("\"type\":", "\"type\": ");
    assertThatThrownBy(() -> EntryParser.parse(utf8(bad)))
        .isInstanceOf(EntryException.class)
        .hasMessage("non-canonical JSON at byte " + (s.indexOf("\"type\":") + 7)
            + ": found byte 0x20, expected a value (canonical JSON has no whitespace)");
  }

  @Test
  void parse_futureVersion_refusedAsSuch() {
    assertThatThrownBy(() -> EntryParser.parse(utf8("{\"at\":\"x\",\"v\":2}")))
        .isInstanceOf(EntryException.class)
        .hasMessage("entry version 2 is not supported, expected 1");
  }

  @Test
  void parse_nonCanonicalTime_refused() {
    String s = new String(new Entry("grant", AT, AUTHOR, grantBody()).sign(REGISTRY, SignedBy.REGISTRY).toBytes(), StandardCharsets.UTF_8);
    String bad = s.replace("\"at\":\"2025-11-03T09:00:00Z\"", "\"at\":\"2025-11-03T09:00:00.000Z\"");
    assertThatThrownBy(() -> EntryParser.parse(utf8(bad)))
        .isInstanceOf(EntryException.class)
        .hasMessage("entry.at \"2025-11-03T09:00:00.000Z\" is not canonical, expected \"2025-11-03T09:00:00Z\"");
  }

  @Test
  void entry_grantWithWorksAndAllWorks_refused() {
    Map<String, Object> b = grantBody();
    b.put("allWorks", true);
    assertThatThrownBy(() -> new Entry("grant", AT, AUTHOR, b))
        .isInstanceOf(EntryException.class)
        .hasMessage("body must have exactly one of \"works\" and \"allWorks\"");
  }

  @Test
  void entry_grantUsesUnsorted_refused() {
    Map<String, Object> b = grantBody();
    b.put("uses", List.of("train-ai", "search"));
    assertThatThrownBy(() -> new Entry("grant", AT, AUTHOR, b))
        .isInstanceOf(EntryException.class)
        .hasMessage("body.uses[1] \"search\" is not after \"train-ai\": a set is written sorted, without repeats");
  }

  @Test
  void entry_grantMissingValidFrom_refused() {
    Map<String, Object> b = grantBody();
    b.remove("validFrom");
    assertThatThrownBy(() -> new Entry("grant", AT, AUTHOR, b))
        .isInstanceOf(EntryException.class)
        .hasMessage("body has no member \"validFrom\"");
  }

  @Test
  void entry_partyWithSecret_refusedAsUnknownMember() {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", AUTHOR);
    b.put("kind", "creator");
    b.put("name", "山田 花子");
    b.put("token", "kyo_secret");
    assertThatThrownBy(() -> new Entry("party", AT, AUTHOR, b))
        .isInstanceOf(EntryException.class)
        .hasMessage("body has unknown member \"token\", expected only [id, key, kind, name]");
  }

  @Test
  void entry_partyWithKey_publishesVerifierKeyNamedByPartyId() {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", AUTHOR);
    b.put("kind", "creator");
    b.put("name", "山田 花子");
    b.put("key", AUTHOR_KEY.verifierKey().vkey());
    assertThatCode(() -> new Entry("party", AT, AUTHOR, b)).doesNotThrowAnyException();
    b.put("key", REGISTRY.verifierKey().vkey());
    assertThatThrownBy(() -> new Entry("party", AT, AUTHOR, b))
        .isInstanceOf(EntryException.class)
        .hasMessage("body.key is named \"kyodaku.example/registry\", expected the party id \"p_abcdefgh2345\"");
  }

  @Test
  void entry_workWithShortSha256_refused() {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", "w_work00001");
    b.put("title", "富士山");
    b.put("kind", "image");
    b.put("owner", AUTHOR);
    b.put("assets", List.of(Map.of("fingerprints", List.of(Map.of("alg", "sha256", "value", "abcd")))));
    assertThatThrownBy(() -> new Entry("work", AT, AUTHOR, b))
        .isInstanceOf(EntryException.class)
        .hasMessage("body.assets[0].fingerprints[0].value has 4 hex digits, expected 64 for sha256");
  }

  private static Map<String, Object> videoWork(Map<String, Object> framesDigest) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", "w_work00001");
    b.put("title", "富士山");
    b.put("kind", "video");
    b.put("owner", AUTHOR);
    b.put(
        "assets",
        List.of(
            Map.of(
                "fingerprints", List.of(Map.of("alg", "sha256", "value", "a".repeat(64))),
                "framesDigest", framesDigest)));
    return b;
  }

  @Test
  void entry_workWithFramesDigest_signsParsesBackAndVerifies() {
    Entry e =
        new Entry(
            "work", AT, AUTHOR, videoWork(Map.of("alg", "frames-sha256-v1", "count", 3L, "value", "c".repeat(64))));
    SignedEntry s = e.sign(AUTHOR_KEY, SignedBy.AUTHOR);

    assertThat(EntryParser.parse(s.toBytes())).isEqualTo(s);
    assertThat(new String(s.toBytes(), StandardCharsets.UTF_8))
        .contains("\"framesDigest\":{\"alg\":\"frames-sha256-v1\",\"count\":3,\"value\":\"" + "c".repeat(64) + "\"}");
  }

  @Test
  void entry_framesDigestOfUnknownAlgorithm_refused() {
    assertThatThrownBy(
            () ->
                new Entry(
                    "work", AT, AUTHOR, videoWork(Map.of("alg", "frames-md5-v1", "count", 3L, "value", "c".repeat(64)))))
        .isInstanceOf(EntryException.class)
        .hasMessage("body.assets[0].framesDigest.alg \"frames-md5-v1\" is not a known frames digest; known: frames-sha256-v1");
  }

  @Test
  void entry_framesDigestWithShortValueOrNoFrames_refused() {
    assertThatThrownBy(
            () -> new Entry("work", AT, AUTHOR, videoWork(Map.of("alg", "frames-sha256-v1", "count", 3L, "value", "cc"))))
        .isInstanceOf(EntryException.class)
        .hasMessage("body.assets[0].framesDigest.value \"cc\" is not 64 lowercase hex digits");
    assertThatThrownBy(
            () ->
                new Entry(
                    "work", AT, AUTHOR, videoWork(Map.of("alg", "frames-sha256-v1", "count", 0L, "value", "c".repeat(64)))))
        .isInstanceOf(EntryException.class)
        .hasMessage("body.assets[0].framesDigest.count is 0, expected at least one frame");
    assertThatThrownBy(
            () ->
                new Entry(
                    "work", AT, AUTHOR,
                    videoWork(Map.of("alg", "frames-sha256-v1", "count", 1_000_000_000L, "value", "c".repeat(64)))))
        .isInstanceOf(EntryException.class)
        .hasMessage("body.assets[0].framesDigest.count is 1000000000, more than the 20000 frames a registration may have");
  }

  @Test
  void entry_unknownType_acceptedAsCanonicalJson() {
    Entry e = new Entry("x-experiment", AT, AUTHOR, Map.of("anything", List.of(1, true, "x")));
    SignedEntry s = e.sign(REGISTRY, SignedBy.REGISTRY);
    assertThat(EntryParser.parse(s.toBytes())).isEqualTo(s);
  }
}
