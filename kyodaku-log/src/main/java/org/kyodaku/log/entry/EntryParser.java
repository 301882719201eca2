package org.kyodaku.log.entry;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A strict parser of signed entries. It accepts exactly the bytes {@link EntryWriter} writes:
 *
 * <ol>
 *   <li>canonical JSON, else "non-canonical JSON at byte N: …" (whitespace, order, escapes, numbers,
 *       UTF-8, trailing bytes: see {@link EntryWriter});
 *   <li>an object with {@code v} = {@value Entry#VERSION} (checked first, so that a future version
 *       is reported as such), and exactly the members {@code at}, {@code author}, {@code body},
 *       {@code sig}, {@code type}, {@code v};
 *   <li>the body valid for its type if the type is known ({@code docs/log-entries.md});
 *   <li>re-encoding the parsed entry gives the input back byte for byte (a final guard).
 * </ol>
 *
 * The signature is not verified here: that needs keys ({@link EntryVerifier}).
 */
public final class EntryParser {
  private static final Set<String> MEMBERS = Set.of("at", "author", "body", "sig", "type", "v");

  private EntryParser() {}

  /** Parses one signed entry (see the class comment). */
  @SuppressWarnings("unchecked")
  public static SignedEntry parse(byte[] bytes) {
    Object json = CanonicalParser.parse(bytes);
    if (!(json instanceof Map<?, ?> m)) {
      throw new EntryException("entry is not a JSON object");
    }
    Object v = m.get("v");
    if (!(v instanceof Long version)) {
      throw new EntryException("entry has no integer member \"v\"");
    }
    if (version != Entry.VERSION) {
      throw new EntryException(
          "entry version " + version + " is not supported, expected " + Entry.VERSION);
    }
    Schema.exactMembers(m, "entry", MEMBERS, Set.of());
    String type = Schema.string(m, "entry", "type");
    String author = Schema.string(m, "entry", "author");
    Instant at = Schema.instant(Schema.string(m, "entry", "at"), "entry.at");
    if (!(m.get("body") instanceof Map<?, ?> body)) {
      throw new EntryException("entry.body is not an object");
    }
    Entry entry = new Entry(type, at, author, (Map<String, Object>) body);
    SignedEntry signed = new SignedEntry(entry, EntrySignature.fromJson(m.get("sig")));
    byte[] again = signed.toBytes();
    if (!java.util.Arrays.equals(again, bytes)) {
      throw new EntryException(
          "entry does not re-encode to its input (first difference at byte "
              + java.util.Arrays.mismatch(again, bytes)
              + ")");
    }
    return signed;
  }

  /** Parses any canonical JSON value (strings, longs, booleans, lists, sorted maps). */
  public static Object parseCanonical(byte[] bytes) {
    return CanonicalParser.parse(bytes);
  }
}
