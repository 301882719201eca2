package org.kyodaku.fingerprint.iscc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a JSON object (RFC 8259) and writes it in the JSON Canonicalization Scheme, JCS (RFC
 * 8785), as UTF-8: the bytes the Meta-Code hashes when its extended metadata is a JSON object.
 *
 * <p>Canonical form: no insignificant whitespace; object members sorted by their names compared
 * as UTF-16 code units ({@link String#compareTo} is exactly that); strings with only {@code "},
 * {@code \}, and U+0000..U+001F escaped ({@code \b \t \n \f \r}, otherwise a {@code u}
 * escape with four lower-case hex digits), everything else literal; {@code true}, {@code false},
 * {@code null} as is.
 *
 * <p>Numbers: a literal with a fraction or an exponent is an IEEE 754 double and is written the
 * way ECMAScript's {@code Number.prototype.toString} writes it (RFC 8785 section 3.2.2.3): {@code
 * 1.0} becomes {@code 1}, {@code 1e+20} becomes {@code 100000000000000000000}, {@code 1e21}
 * stays {@code 1e+21}. A literal without fraction or exponent is kept digit for digit ({@code -0}
 * becomes {@code 0}), as the reference implementation does (Python's {@code jcs} writes Python
 * integers exactly); the two agree for every integer up to 2<sup>53</sup>.
 *
 * <p>Stricter than the reference in two places, both inputs it would not round-trip: duplicate
 * member names and lone surrogates are rejected. Non-finite numbers are rejected as RFC 8785
 * requires.
 */
final class CanonicalJson {
  private final String text;
  private int pos;

  private CanonicalJson(String text) {
    this.text = text;
  }

  /** A parsed JSON object: its canonical UTF-8 bytes and its top-level member names. */
  record Result(byte[] canonical, Set<String> topLevelNames) {}

  static Result canonicalizeObject(String json) {
    CanonicalJson p = new CanonicalJson(json);
    p.skipBlanks();
    if (p.pos >= json.length() || json.charAt(p.pos) != '{') {
      throw p.error("metadata must be a JSON object");
    }
    Object value = p.value();
    p.skipBlanks();
    if (p.pos != json.length()) {
      throw p.error("unexpected text after the JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) value;
    StringBuilder out = new StringBuilder(json.length());
    write(out, object);
    return new Result(out.toString().getBytes(StandardCharsets.UTF_8), object.keySet());
  }

  private Object value() {
    skipBlanks();
    if (pos >= text.length()) {
      throw error("unexpected end of JSON");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return new JsonString(string());
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", JsonNull.INSTANCE);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private Map<String, Object> object() {
    pos++;
    Map<String, Object> map = new TreeMap<>();
    skipBlanks();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipBlanks();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      String name = string();
      skipBlanks();
      expect(':');
      Object v = value();
      if (map.put(name, v) != null) {
        throw error("duplicate member name \"" + name + "\"");
      }
      skipBlanks();
      char c = peek();
      pos++;
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array() {
    pos++;
    List<Object> list = new ArrayList<>();
    skipBlanks();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      list.add(value());
      skipBlanks();
      char c = peek();
      pos++;
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c < 0x20) {
        throw error("unescaped control character in string");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = pos < text.length() ? text.charAt(pos++) : '?';
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
          }
          try {
            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape");
          }
          pos += 4;
        }
        default -> throw error("bad escape '\\" + e + "'");
      }
    }
    String s = sb.toString();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw error("lone surrogate in string");
      }
    }
    return s;
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    boolean integer = true;
    digits(true);
    if (peek() == '.') {
      integer = false;
      pos++;
      digits(false);
    }
    if (peek() == 'e' || peek() == 'E') {
      integer = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      digits(false);
    }
    String literal = text.substring(start, pos);
    if (integer) {
      return new JsonNumber(literal.equals("-0") ? "0" : literal);
    }
    double d = Double.parseDouble(literal);
    if (!Double.isFinite(d)) {
      throw error("number " + literal + " is out of the range of a double");
    }
    return new JsonNumber(ecmaScript(d));
  }

  private void digits(boolean leadingRule) {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == start) {
      throw error("expected a digit");
    }
    if (leadingRule && pos - start > 1 && text.charAt(start) == '0') {
      throw error("leading zero in number");
    }
  }

  /** ECMAScript Number::toString for a finite double (ECMA-262, section 6.1.6.1.20). */
  static String ecmaScript(double d) {
    if (d == 0) {
      return "0";
    }
    if (d < 0) {
      return "-" + ecmaScript(-d);
    }
    BigDecimal shortest = shortestDecimal(d);
    String s = shortest.unscaledValue().toString();
    int k = s.length();
    int n = k - shortest.scale();
    if (k <= n && n <= 21) {
      return s + "0".repeat(n - k);
    }
    if (0 < n && n <= 21) {
      return s.substring(0, n) + "." + s.substring(n);
    }
    if (-6 < n && n <= 0) {
      return "0." + "0".repeat(-n) + s;
    }
    int e = n - 1;
    String exponent = (e < 0 ? "-" : "+") + Math.abs(e);
    return k == 1 ? s + "e" + exponent : s.charAt(0) + "." + s.substring(1) + "e" + exponent;
  }

  /**
   * The decimal with the fewest significant digits that reads back as {@code d}, the closest one
   * if several have that many. {@link Double#toString} gives exactly that (JDK 19 and later),
   * except that it never writes fewer than two digits: when those two can shrink to one that
   * still reads back as {@code d} (a subnormal such as {@link Double#MIN_VALUE}, printed {@code
   * 4.9E-324}), the one-digit decimal is taken.
   */
  private static BigDecimal shortestDecimal(double d) {
    BigDecimal twoOrMore = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (twoOrMore.precision() != 2) {
      return twoOrMore;
    }
    BigDecimal exact = new BigDecimal(d);
    BigDecimal best = twoOrMore;
    for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
      BigDecimal one = twoOrMore.round(new MathContext(1, mode)).stripTrailingZeros();
      if (Double.parseDouble(one.toString()) == d
          && (best.precision() > 1
              || one.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
        best = one;
      }
    }
    return best;
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected text");
    }
    pos += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipBlanks() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private IsccException error(String what) {
    return new IsccException("metadata is not a valid JSON object: " + what + " at offset " + pos);
  }

  private static void write(StringBuilder out, Object v) {
    if (v instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(out, (String) e.getKey());
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (v instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, list.get(i));
      }
      out.append(']');
    } else if (v instanceof JsonString s) {
      writeString(out, s.value());
    } else if (v instanceof JsonNumber n) {
      out.append(n.canonical());
    } else if (v instanceof Boolean b) {
      out.append(b.booleanValue() ? "true" : "false");
    } else {
      out.append("null");
    }
  }

  private static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private record JsonString(String value) {}

  private record JsonNumber(String canonical) {}

  private enum JsonNull {
    INSTANCE
  }
}
