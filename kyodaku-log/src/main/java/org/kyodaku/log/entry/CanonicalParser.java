package org.kyodaku.log.entry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * A strict reader of the canonical JSON subset described in {@link Json}: it accepts exactly the
 * bytes {@link Json#write} produces and refuses anything else with the byte offset of the first
 * departure, e.g. whitespace, a member out of order or repeated, {@code \/} or <code>&#92;u0041</code> where
 * the canonical form has a literal character, uppercase hex in <code>&#92;u001F</code>, a leading zero, a
 * fraction, {@code -0}, {@code null}, overlong or otherwise invalid UTF-8, trailing bytes.
 *
 * <p>One pass, recursive descent, depth bounded by {@link Json#MAX_DEPTH}.
 */
final class CanonicalParser {
  private final byte[] in;
  private int at;

  private CanonicalParser(byte[] in) {
    this.in = in;
  }

  static Object parse(byte[] input) {
    CanonicalParser p = new CanonicalParser(input);
    Object value = p.value(0);
    if (p.at != input.length) {
      throw p.error("trailing " + describe(input[p.at]) + " after the value");
    }
    return value;
  }

  private Object value(int depth) {
    if (depth > Json.MAX_DEPTH) {
      throw error("nesting deeper than " + Json.MAX_DEPTH + " levels");
    }
    if (at >= in.length) {
      throw error("unexpected end of input, expected a value");
    }
    byte b = in[at];
    return switch (b) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> throw error("null is not allowed in entries (leave the member out)");
      default -> {
        if (b == '-' || (b >= '0' && b <= '9')) {
          yield number();
        }
        throw error(unexpected(b, "a value") + whitespaceHint(b));
      }
    };
  }

  private Object object(int depth) {
    at++;
    TreeMap<String, Object> members = new TreeMap<>();
    if (peek() == '}') {
      at++;
      return Collections.unmodifiableSortedMap(members);
    }
    String previous = null;
    while (true) {
      if (peek() != '"') {
        throw error(unexpected(peek(), "a member name") + whitespaceHint(peek()));
      }
      int nameAt = at;
      String name = string();
      if (previous != null) {
        int order = name.compareTo(previous);
        if (order == 0) {
          throw new EntryException(
              "non-canonical JSON at byte " + nameAt + ": member \"" + name + "\" repeated");
        }
        if (order < 0) {
          throw new EntryException(
              "non-canonical JSON at byte "
                  + nameAt
                  + ": member \""
                  + name
                  + "\" after \""
                  + previous
                  + "\", expected members sorted by UTF-16 code units");
        }
      }
      expect(':', "':' after a member name");
      members.put(name, value(depth + 1));
      previous = name;
      int c = peek();
      if (c == '}') {
        at++;
        return Collections.unmodifiableSortedMap(members);
      }
      if (c != ',') {
        throw error(unexpected(c, "',' or '}'") + whitespaceHint(c));
      }
      at++;
    }
  }

  private Object array(int depth) {
    at++;
    List<Object> items = new ArrayList<>();
    if (peek() == ']') {
      at++;
      return Collections.unmodifiableList(items);
    }
    while (true) {
      items.add(value(depth + 1));
      int c = peek();
      if (c == ']') {
        at++;
        return Collections.unmodifiableList(items);
      }
      if (c != ',') {
        throw error(unexpected(c, "',' or ']'") + whitespaceHint(c));
      }
      at++;
    }
  }

  private Object literal(String word, Boolean value) {
    for (int i = 0; i < word.length(); i++) {
      if (at + i >= in.length || in[at + i] != word.charAt(i)) {
        at += i;
        throw error("expected the literal " + word);
      }
    }
    at += word.length();
    return value;
  }

  private Object number() {
    int start = at;
    boolean negative = in[at] == '-';
    if (negative) {
      at++;
    }
    if (at >= in.length || in[at] < '0' || in[at] > '9') {
      throw error("expected a digit after '-'");
    }
    if (in[at] == '0') {
      at++;
      if (at < in.length && in[at] >= '0' && in[at] <= '9') {
        throw error("leading zero in a number");
      }
      if (negative) {
        throw new EntryException("non-canonical JSON at byte " + start + ": -0 is written 0");
      }
    } else {
      while (at < in.length && in[at] >= '0' && in[at] <= '9') {
        at++;
      }
    }
    if (at < in.length && (in[at] == '.' || in[at] == 'e' || in[at] == 'E')) {
      throw error("fraction or exponent; entries hold integers only");
    }
    String digits = new String(in, start, at - start, java.nio.charset.StandardCharsets.US_ASCII);
    long value;
    try {
      value = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      value = Long.MAX_VALUE;
    }
    if (value > Json.MAX_SAFE_INTEGER || value < -Json.MAX_SAFE_INTEGER) {
      throw new EntryException(
          "non-canonical JSON at byte "
              + start
              + ": integer "
              + abbreviate(digits)
              + " is outside ±"
              + Json.MAX_SAFE_INTEGER);
    }
    return value;
  }

  private String string() {
    at++; // opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (at >= in.length) {
        throw error("unterminated string");
      }
      int b = in[at] & 0xff;
      if (b == '"') {
        at++;
        return out.toString();
      }
      if (b == '\\') {
        escape(out);
      } else if (b < 0x20) {
        throw error(
            "raw control character U+" + String.format("%04X", b) + " in a string, expected an escape");
      } else if (b < 0x80) {
        out.append((char) b);
        at++;
      } else {
        utf8(out, b);
      }
    }
  }

  private void escape(StringBuilder out) {
    int start = at;
    if (at + 1 >= in.length) {
      throw error("unterminated escape");
    }
    char e = (char) in[at + 1];
    at += 2;
    switch (e) {
      case '"' -> out.append('"');
      case '\\' -> out.append('\\');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'u' -> {
        if (at + 4 > in.length) {
          at = start;
          throw error("truncated \\u escape");
        }
        String hex = new String(in, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!hex.matches("[0-9a-f]{4}")) {
          at = start;
          throw error("\\u" + hex + " is not four lowercase hex digits");
        }
        int c = Integer.parseInt(hex, 16);
        if (c >= 0x20 || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
          at = start;
          throw error(
              "\\u"
                  + hex
                  + " escapes a character the canonical form writes "
                  + (c >= 0x20 ? "literally" : "with a short escape"));
        }
        out.append((char) c);
        at += 4;
      }
      default -> {
        at = start;
        throw error(
            "escape \\"
                + e
                + " is not canonical"
                + (e == '/' ? " ('/' is written literally)" : ""));
      }
    }
  }

  /** Decodes one UTF-8 sequence strictly (RFC 3629: no overlong forms, no surrogates). */
  private void utf8(StringBuilder out, int b0) {
    int n;
    int min;
    int cp;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      n = 1;
      min = 0x80;
      cp = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      n = 2;
      min = 0x800;
      cp = b0 & 0x0f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      n = 3;
      min = 0x10000;
      cp = b0 & 0x07;
    } else {
      throw error("invalid UTF-8 lead byte 0x" + String.format("%02x", b0));
    }
    if (at + n >= in.length) {
      throw error("truncated UTF-8 sequence");
    }
    for (int i = 1; i <= n; i++) {
      int c = in[at + i] & 0xff;
      if ((c & 0xc0) != 0x80) {
        throw error("invalid UTF-8 continuation byte 0x" + String.format("%02x", c));
      }
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw error("invalid UTF-8 (overlong, surrogate or beyond U+10FFFF)");
    }
    out.appendCodePoint(cp);
    at += n + 1;
  }

  private int peek() {
    return at < in.length ? in[at] & 0xff : -1;
  }

  private void expect(char c, String what) {
    if (peek() != c) {
      throw error(unexpected(peek(), what) + whitespaceHint(peek()));
    }
    at++;
  }

  private EntryException error(String what) {
    return new EntryException("non-canonical JSON at byte " + at + ": " + what);
  }

  private static String unexpected(int b, String expected) {
    return (b < 0 ? "unexpected end of input" : "found " + describe((byte) b))
        + ", expected "
        + expected;
  }

  private static String whitespaceHint(int b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t' ? " (canonical JSON has no whitespace)" : "";
  }

  private static String describe(byte b) {
    int v = b & 0xff;
    return v >= 0x21 && v < 0x7f ? "'" + (char) v + "'" : String.format("byte 0x%02x", v);
  }

  private static String abbreviate(String s) {
    return s.length() <= 30 ? s : s.substring(0, 27) + "...";
  }
}
