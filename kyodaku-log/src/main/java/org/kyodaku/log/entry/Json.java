package org.kyodaku.log.entry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON subset (RFC 8785 JCS, restricted) shared by {@link EntryWriter} and {@link
 * EntryParser}.
 *
 * <p>Values: {@code String}, {@code Long} (an integer in {@code [-(2^53-1), 2^53-1]}, the I-JSON
 * range RFC 8785 §3.2.2.3 serialises exactly), {@code Boolean}, {@code List} of values, {@code Map}
 * from {@code String} to value. No {@code null} (an absent member is left out) and no fractions or
 * exponents: entries count, they do not measure.
 *
 * <p>Serialisation (RFC 8785 §3.2): no whitespace; object members sorted by their names' UTF-16
 * code units (§3.2.3), names unique; strings as UTF-8 with exactly these escapes (§3.2.2.2): {@code
 * \"}, {@code \\}, {@code \b}, {@code \f}, {@code \n}, {@code \r}, {@code \t}, other characters
 * below U+0020 as <code>&#92;u00xx</code> with lowercase hex, every other character (including {@code /},
 * U+007F and U+2028) literally; integers in shortest decimal form, no {@code -0}.
 *
 * <p>Values are deep-copied into unmodifiable lists and sorted maps by {@link #freeze}.
 */
final class Json {
  /** The largest integer both JSON and an IEEE double hold exactly: {@code 2^53 - 1}. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  /** Nesting deeper than this is refused (entries are shallow; this bounds recursion). */
  static final int MAX_DEPTH = 32;

  private Json() {}

  /** A deep, unmodifiable copy of {@code value}, checked against the value model above. */
  static Object freeze(Object value, String path) {
    return freeze(value, path, 0);
  }

  private static Object freeze(Object value, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw new EntryException(path + " nests deeper than " + MAX_DEPTH + " levels");
    }
    return switch (value) {
      case String s -> {
        checkString(s, path);
        yield s;
      }
      case Long l -> checkInteger(l, path);
      case Integer i -> (long) i;
      case Boolean b -> b;
      case List<?> list -> {
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
          Object item = list.get(i);
          if (item == null) {
            throw new EntryException(path + "[" + i + "] is null; canonical entries have no null");
          }
          out.add(freeze(item, path + "[" + i + "]", depth + 1));
        }
        yield Collections.unmodifiableList(out);
      }
      case Map<?, ?> map -> {
        TreeMap<String, Object> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof String name)) {
            throw new EntryException(path + " has a member name that is not a string");
          }
          checkString(name, path + " member name");
          if (e.getValue() == null) {
            throw new EntryException(
                path + "." + name + " is null; leave the member out instead");
          }
          out.put(name, freeze(e.getValue(), path + "." + name, depth + 1));
        }
        yield Collections.unmodifiableSortedMap(out);
      }
      default ->
          throw new EntryException(
              path
                  + " is a "
                  + value.getClass().getSimpleName()
                  + ", expected a string, integer, boolean, list or map");
    };
  }

  private static long checkInteger(long l, String path) {
    if (l > MAX_SAFE_INTEGER || l < -MAX_SAFE_INTEGER) {
      throw new EntryException(
          path + " is " + l + ", outside the exact JSON integer range ±" + MAX_SAFE_INTEGER);
    }
    return l;
  }

  /** Strings must be valid Unicode: no unpaired surrogate (it has no UTF-8 form). */
  private static void checkString(String s, String path) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new EntryException(path + " has an unpaired surrogate at char " + i);
      }
    }
  }

  /** The canonical bytes of a frozen value. */
  static byte[] write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    write(value, out);
    return out.toByteArray();
  }

  private static void write(Object value, ByteArrayOutputStream out) {
    switch (value) {
      case String s -> writeString(s, out);
      case Long l -> out.writeBytes(Long.toString(l).getBytes(StandardCharsets.US_ASCII));
      case Boolean b -> out.writeBytes((b ? "true" : "false").getBytes(StandardCharsets.US_ASCII));
      case List<?> list -> {
        out.write('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.write(',');
          }
          write(list.get(i), out);
        }
        out.write(']');
      }
      case Map<?, ?> map -> {
        out.write('{');
        boolean first = true;
        // Frozen maps are TreeMaps over String: natural order is UTF-16 code-unit order (JCS).
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            out.write(',');
          }
          first = false;
          writeString((String) e.getKey(), out);
          out.write(':');
          write(e.getValue(), out);
        }
        out.write('}');
      }
      default -> throw new IllegalStateException("not a frozen JSON value: " + value.getClass());
    }
  }

  private static void writeString(String s, ByteArrayOutputStream out) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    out.writeBytes(b.append('"').toString().getBytes(StandardCharsets.UTF_8));
  }
}
