package org.kyodaku.fingerprint.iscc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Meta-Code v0 (ISO 24138; iscc-core {@code code_meta.py}): a similarity hash of a work's
 * title, plus its description or its extended metadata.
 *
 * <p><b>Normalisation</b> ({@link TextNormalizer}): the name is cleaned, made one line and trimmed
 * to 128 UTF-8 bytes, and must not end up empty; the description is cleaned (line breaks kept) and
 * trimmed to 4096 bytes. These normalised strings are also returned.
 *
 * <p><b>Soft hash.</b> The collapsed name is cut into 3-code-point n-grams, each hashed with
 * BLAKE3-256, and the digests are combined by {@link SimHash} into 256 bits. Without extra input
 * that is the digest. With extra input, a second 256-bit SimHash is made of it: of the collapsed
 * description's 3-code-point n-grams, or, when extended metadata is given, of the metadata bytes'
 * 4-byte n-grams (BLAKE3 each). The digest is then the first 128 bits of both, interleaved in
 * 32-bit pieces: name, extra, name, extra, ... An empty description or empty metadata counts as
 * no extra input.
 *
 * <p><b>Extended metadata</b> is a JSON object, hashed as its JCS canonical bytes ({@link
 * CanonicalJson}) and returned as a {@code data:application/json;base64,...} URL ({@code
 * application/ld+json} when the object has a top-level {@code @context}), or a {@code data:} URL
 * (RFC 2397), hashed as its decoded payload and returned unchanged. An empty object counts as no
 * metadata, as in the reference. The payload may be at most 128000 bytes. When metadata is given
 * the description still appears in the result but does not enter the hash.
 *
 * <p><b>metahash:</b> BLAKE3-256 multihash of the metadata payload, or, without metadata, of the
 * UTF-8 of name and description joined by one space, stripped.
 */
final class MetaHash {
  private static final int TRIM_NAME = 128;
  private static final int TRIM_DESCRIPTION = 4096;
  private static final int MAX_META = 128_000;

  private MetaHash() {}

  static MetaCode generate(
      String rawName, @Nullable String rawDescription, @Nullable Metadata meta, int bits) {
    IsccCode.checkBits(bits, 256);
    String name =
        TextNormalizer.trim(TextNormalizer.singleLine(TextNormalizer.clean(rawName)), TRIM_NAME);
    if (name.isEmpty()) {
      throw new IsccException(
          "Meta-Code needs a name that is not empty after normalisation, got \""
              + rawName
              + "\"");
    }
    String description =
        TextNormalizer.trim(
            TextNormalizer.clean(rawDescription == null ? "" : rawDescription), TRIM_DESCRIPTION);
    byte[] digest;
    String metahash;
    Optional<String> metaOut = Optional.empty();
    if (meta != null) {
      byte[] payload = meta.payload();
      if (payload.length > MAX_META) {
        throw new IsccException(
            "metadata payload is " + payload.length + " bytes, more than the " + MAX_META
                + " allowed");
      }
      digest = softHash(name, payload.length == 0 ? null : bytesSimHash(payload));
      metahash = Blake3.multihash(Blake3.hash(payload));
      metaOut = Optional.of(meta.url());
    } else {
      digest = softHash(name, description.isEmpty() ? null : textSimHash(description));
      String joined = TextNormalizer.strip(name + " " + description);
      metahash = Blake3.multihash(Blake3.hash(joined.getBytes(StandardCharsets.UTF_8)));
    }
    return new MetaCode(
        IsccCode.unit(MainType.META, 0, bits, digest),
        name,
        description.isEmpty() ? Optional.empty() : Optional.of(description),
        metaOut,
        metahash);
  }

  private static byte[] softHash(String name, byte @Nullable [] extra) {
    byte[] nameHash = textSimHash(name);
    if (extra == null) {
      return nameHash;
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 4; i++) {
      System.arraycopy(nameHash, 4 * i, out, 8 * i, 4);
      System.arraycopy(extra, 4 * i, out, 8 * i + 4, 4);
    }
    return out;
  }

  private static byte[] textSimHash(String text) {
    List<byte[]> digests = new ArrayList<>();
    for (byte[] gram : TextNormalizer.ngrams(TextNormalizer.collapse(text), 3)) {
      digests.add(Blake3.hash(gram));
    }
    return SimHash.of(digests);
  }

  private static byte[] bytesSimHash(byte[] payload) {
    int count = Math.max(payload.length - 4 + 1, 1);
    List<byte[]> digests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Blake3 b = new Blake3();
      b.update(payload, i, Math.min(4, payload.length - i));
      digests.add(b.finish());
    }
    return SimHash.of(digests);
  }

  /** Extended metadata: its payload bytes and the data URL that carries it. */
  record Metadata(byte[] payload, String url) {
    static @Nullable Metadata ofJson(String json) {
      CanonicalJson.Result r = CanonicalJson.canonicalizeObject(json);
      if (r.topLevelNames().isEmpty()) {
        return null;
      }
      String type =
          r.topLevelNames().contains("@context") ? "application/ld+json" : "application/json";
      String url = "data:" + type + ";base64," + Base64.getEncoder().encodeToString(r.canonical());
      return new Metadata(r.canonical(), url);
    }

    static Metadata ofDataUrl(String url) {
      if (!url.regionMatches(true, 0, "data:", 0, 5)) {
        throw new IsccException("metadata is not a data: URL: \"" + abbreviate(url) + "\"");
      }
      int comma = url.indexOf(',');
      if (comma < 0) {
        throw new IsccException(
            "data: URL has no ',' before its data: \"" + abbreviate(url) + "\"");
      }
      String header = url.substring(5, comma);
      String data = url.substring(comma + 1);
      byte[] payload;
      if (header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
        try {
          payload = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
          throw new IsccException(
              "data: URL payload is not base64: \"" + abbreviate(url) + "\"", e);
        }
      } else {
        payload = percentDecode(data, url);
      }
      return new Metadata(payload, url);
    }

    private static byte[] percentDecode(String data, String url) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length());
      byte[] utf8 = data.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < utf8.length; i++) {
        if (utf8[i] == '%') {
          int hi = i + 2 < utf8.length ? Character.digit(utf8[i + 1], 16) : -1;
          int lo = hi >= 0 ? Character.digit(utf8[i + 2], 16) : -1;
          if (lo < 0) {
            throw new IsccException("data: URL has a bad %-escape: \"" + abbreviate(url) + "\"");
          }
          out.write(hi * 16 + lo);
          i += 2;
        } else {
          out.write(utf8[i]);
        }
      }
      return out.toByteArray();
    }

    private static String abbreviate(String s) {
      return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
  }
}
