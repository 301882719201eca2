package org.kyodaku.log.entry;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An entry's Ed25519 signature, the {@code sig} member:
 *
 * <pre>
 *   "sig":{"by":"author"|"registry","key":"&lt;key name&gt;+&lt;8 hex key ID&gt;","value":"&lt;base64, 64 bytes&gt;"}
 * </pre>
 *
 * The key is named as in C2SP signed-note (name and 32-bit key ID of a note verifier key), so the
 * log key tooling reads it. The signature covers {@link Entry#signingBytes()}.
 */
public record EntrySignature(SignedBy by, String keyName, int keyId, byte[] value) {
  /** Bytes in an Ed25519 signature (RFC 8032). */
  public static final int LENGTH = 64;

  public EntrySignature {
    if (keyName.isEmpty() || keyName.contains("+") || keyName.chars().anyMatch(c -> c <= ' ')) {
      throw new EntryException("sig.key name \"" + keyName + "\" is empty or has '+' or a space");
    }
    if (value.length != LENGTH) {
      throw new EntryException("sig.value has " + value.length + " bytes, expected " + LENGTH);
    }
    value = value.clone();
  }

  /** A copy of the 64 signature bytes. */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /** {@code <name>+<8 hex>}. */
  public String key() {
    return keyName + "+" + HexFormat.of().toHexDigits(keyId);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("by", by.label());
    m.put("key", key());
    m.put("value", Base64.getEncoder().encodeToString(value));
    return m;
  }

  static EntrySignature fromJson(Object json) {
    if (!(json instanceof Map<?, ?> m)) {
      throw new EntryException("sig is not an object");
    }
    Schema.exactMembers(m, "sig", java.util.Set.of("by", "key", "value"), java.util.Set.of());
    SignedBy by = SignedBy.of(Schema.string(m, "sig", "by"));
    String key = Schema.string(m, "sig", "key");
    int plus = key.lastIndexOf('+');
    if (plus <= 0 || !key.substring(plus + 1).matches("[0-9a-f]{8}")) {
      throw new EntryException("sig.key \"" + key + "\" is not <name>+<8 lowercase hex>");
    }
    int keyId = HexFormat.fromHexDigits(key, plus + 1, key.length());
    String b64 = Schema.string(m, "sig", "value");
    byte[] value;
    try {
      value = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new EntryException("sig.value is not base64: " + e.getMessage());
    }
    if (!Base64.getEncoder().encodeToString(value).equals(b64)) {
      throw new EntryException("sig.value is not canonical padded base64");
    }
    return new EntrySignature(by, key.substring(0, plus), keyId, value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EntrySignature s
        && by == s.by
        && keyName.equals(s.keyName)
        && keyId == s.keyId
        && MessageDigest.isEqual(value, s.value);
  }

  @Override
  public int hashCode() {
    return (by.hashCode() * 31 + keyName.hashCode()) * 31 + keyId + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "EntrySignature[" + by.label() + " " + key() + "]";
  }
}
