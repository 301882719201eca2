package org.kyodaku.log.entry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kyodaku.log.note.KeyType;
import org.kyodaku.log.note.SignerKey;

/**
 * The content of a log entry, before it is signed: version {@value #VERSION}, a {@code type}, the
 * time the act was recorded, its author's party id, and a type-specific {@code body}.
 *
 * <pre>
 *   {"at":"2025-11-03T09:00:00Z","author":"p_...","body":{...},"type":"grant","v":1}
 * </pre>
 *
 * Types are open: any lowercase, hyphenated name ({@code [a-z][a-z0-9]*(-[a-z0-9]+)*}) with any
 * canonical-JSON object as body; the known types ({@code party}, {@code work}, {@code grant},
 * {@code revocation}, {@code mandate}, {@code dispute}, {@code clearance-run}, {@code map-root})
 * are validated against their schemas in {@code docs/log-entries.md}. {@code author} is a party id
 * or {@code "registry"} for acts of the registry itself (map roots). {@code at} is kept as given and
 * must be in {@link Instant#toString()} form when parsed, so that it round-trips.
 *
 * <p>The body is deep-copied into unmodifiable, sorted maps and lists (see {@link EntryWriter} for
 * the value types); {@code Integer}s become {@code Long}s.
 */
public record Entry(String type, Instant at, String author, Map<String, Object> body) {
  /** The version of this entry format: the value of {@code v}. */
  public static final int VERSION = 1;

  /**
   * Prefix of the message an entry signature covers, so an entry signature can never be replayed
   * as a signature over anything else the same key signs (a note, another protocol's message).
   */
  static final String SIGNING_CONTEXT = "kyodaku.org/log-entry/v1\n";

  @SuppressWarnings("unchecked")
  public Entry {
    if (!Schema.TYPE.matcher(type).matches() || type.length() > 40) {
      throw new EntryException(
          "type \"" + Schema.abbreviate(type) + "\" is not a lowercase hyphenated name");
    }
    if (!author.equals(Schema.REGISTRY_AUTHOR) && !Schema.ID.matcher(author).matches()) {
      throw new EntryException(
          "author \"" + Schema.abbreviate(author) + "\" is neither a party id nor \"registry\"");
    }
    body = (Map<String, Object>) Json.freeze(body, "body");
    Schema.validateBody(type, body);
  }

  /** The entry's members other than {@code sig}, as canonical JSON values. */
  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", at.toString());
    m.put("author", author);
    m.put("body", body);
    m.put("type", type);
    m.put("v", (long) VERSION);
    return m;
  }

  /**
   * The bytes an entry signature covers: {@code "kyodaku.org/log-entry/v1\n"} followed by the
   * canonical JSON of this entry without {@code sig}.
   */
  public byte[] signingBytes() {
    byte[] prefix = SIGNING_CONTEXT.getBytes(StandardCharsets.US_ASCII);
    byte[] json = Json.write(Json.freeze(toJson(), "entry"));
    byte[] out = new byte[prefix.length + json.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(json, 0, out, prefix.length, json.length);
    return out;
  }

  /**
   * Signs this entry with an Ed25519 note key: the author's own ({@link SignedBy#AUTHOR}, whose
   * name must be the author's party id) or the registry's ({@link SignedBy#REGISTRY}).
   */
  public SignedEntry sign(SignerKey key, SignedBy by) {
    if (key.type() != KeyType.ED25519) {
      throw new EntryException("entries are signed with ED25519 keys, not " + key.type());
    }
    if (by == SignedBy.AUTHOR && !key.name().equals(author)) {
      throw new EntryException(
          "author key is named \"" + key.name() + "\", expected the author \"" + author + "\"");
    }
    byte[] sig = key.sign(signingBytes());
    return new SignedEntry(this, new EntrySignature(by, key.name(), key.keyId(), sig));
  }
}
