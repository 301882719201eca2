package org.kyodaku.log.entry;

import java.util.Map;

/**
 * Writes entries and other values as canonical JSON (RFC 8785 JCS subset): no whitespace, members
 * sorted by UTF-16 code units, strings in UTF-8 with JCS escapes only ({@code \" \\ \b \f \n \r
 * \t}, <code>&#92;u00xx</code> lowercase for other control characters), integers only in {@code [-(2^53-1),
 * 2^53-1]}, no {@code null}.
 *
 * <p>Value types: {@code String}, {@code Long} or {@code Integer}, {@code Boolean}, {@code List},
 * {@code Map<String, ?>}. A signed entry is written as
 *
 * <pre>
 *   {"at":"…","author":"…","body":{…},"sig":{"by":"…","key":"…","value":"…"},"type":"…","v":1}
 * </pre>
 */
public final class EntryWriter {
  private EntryWriter() {}

  /** The canonical bytes of a signed entry: what the log stores. */
  public static byte[] write(SignedEntry entry) {
    Map<String, Object> m = entry.entry().toJson();
    m.put("sig", entry.signature().toJson());
    return Json.write(Json.freeze(m, "entry"));
  }

  /** The canonical bytes of any value of the types above (for digests over JSON documents). */
  public static byte[] canonical(Object value) {
    return Json.write(Json.freeze(value, "value"));
  }
}
