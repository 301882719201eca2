package org.kyodaku.signals.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 8259 JSON, strictly: one value with optional whitespace around it; objects become
 * unmodifiable insertion-ordered {@code Map<String, Object>} (a repeated name fails, since RFC 8259
 * leaves its meaning open and a reservation must not depend on which copy a reader keeps), arrays
 * unmodifiable {@code List<Object>}, strings {@code String}, numbers {@code BigDecimal}, {@code
 * true}/{@code false} {@code Boolean}, {@code null} {@link #NULL}. Nesting deeper than {@value
 * #MAX_DEPTH} fails rather than exhausting the stack.
 */
public final class Json {
  /** The JSON {@code null} value. */
  public static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  static final int MAX_DEPTH = 64;

  private final String s;
  private int pos;

  private Json(String s) {
    this.s = s;
  }

  /**
   * Parses a JSON text.
   *
   * @throws JsonException with the offset on any syntax error
   */
  public static Object parse(String text) {
    Json p = new Json(text);
    p.ws();
    Object v = p.value(0);
    p.ws();
    if (p.pos != text.length()) {
      throw new JsonException("unexpected '" + text.charAt(p.pos) + "' after the value", p.pos);
    }
    return v;
  }

  private void ws() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        break;
      }
    }
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw new JsonException("nesting deeper than " + MAX_DEPTH, pos);
    }
    if (pos >= s.length()) {
      throw new JsonException("expected a value but the text ended", pos);
    }
    char c = s.charAt(pos);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw new JsonException("'" + c + "' cannot start a value", pos);
      }
    };
  }

  private Object literal(String word, Object v) {
    if (!s.startsWith(word, pos)) {
      throw new JsonException("expected " + word, pos);
    }
    pos += word.length();
    return v;
  }

  private Map<String, Object> object(int depth) {
    pos++;
    Map<String, Object> out = new LinkedHashMap<>();
    ws();
    if (pos < s.length() && s.charAt(pos) == '}') {
      pos++;
      return Collections.unmodifiableMap(out);
    }
    while (true) {
      ws();
      if (pos >= s.length() || s.charAt(pos) != '"') {
        throw new JsonException("expected a member name", pos);
      }
      int at = pos;
      String name = string();
      ws();
      if (pos >= s.length() || s.charAt(pos) != ':') {
        throw new JsonException("expected ':' after member name", pos);
      }
      pos++;
      ws();
      Object v = value(depth + 1);
      if (out.put(name, v) != null) {
        throw new JsonException("member \"" + name + "\" repeats", at);
      }
      ws();
      if (pos < s.length() && s.charAt(pos) == ',') {
        pos++;
      } else if (pos < s.length() && s.charAt(pos) == '}') {
        pos++;
        return Collections.unmodifiableMap(out);
      } else {
        throw new JsonException("expected ',' or '}' in object", pos);
      }
    }
  }

  private List<Object> array(int depth) {
    pos++;
    List<Object> out = new ArrayList<>();
    ws();
    if (pos < s.length() && s.charAt(pos) == ']') {
      pos++;
      return Collections.unmodifiableList(out);
    }
    while (true) {
      ws();
      out.add(value(depth + 1));
      ws();
      if (pos < s.length() && s.charAt(pos) == ',') {
        pos++;
      } else if (pos < s.length() && s.charAt(pos) == ']') {
        pos++;
        return Collections.unmodifiableList(out);
      } else {
        throw new JsonException("expected ',' or ']' in array", pos);
      }
    }
  }

  private String string() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw new JsonException(String.format("control character 0x%02x in string", (int) c), pos - 1);
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= s.length()) {
        break;
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (pos + 4 > s.length()) {
            throw new JsonException("truncated \\u escape", pos);
          }
          int v = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0) {
              throw new JsonException("invalid \\u escape", pos);
            }
            v = v * 16 + d;
          }
          pos += 4;
          out.append((char) v);
        }
        default -> throw new JsonException("invalid escape '\\" + e + "'", pos - 1);
      }
    }
    throw new JsonException("string not closed", pos);
  }

  private BigDecimal number() {
    int start = pos;
    if (s.charAt(pos) == '-') {
      pos++;
    }
    if (pos >= s.length() || !Character.isDigit(s.charAt(pos)) || s.charAt(pos) > '9') {
      throw new JsonException("expected a digit", pos);
    }
    if (s.charAt(pos) == '0') {
      pos++;
    } else {
      digits();
    }
    if (pos < s.length() && s.charAt(pos) == '.') {
      pos++;
      if (digits() == 0) {
        throw new JsonException("expected a digit after '.'", pos);
      }
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
        pos++;
      }
      if (digits() == 0) {
        throw new JsonException("expected a digit in exponent", pos);
      }
    }
    try {
      return new BigDecimal(s.substring(start, pos));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new JsonException("number out of range", start);
    }
  }

  private int digits() {
    int n = 0;
    while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
      n++;
    }
    return n;
  }

  /** Writes a value built of the types {@link #parse} returns, indented by two spaces. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, "");
    return out.append('\n').toString();
  }

  private static void write(StringBuilder out, Object v, String indent) {
    switch (v) {
      case Map<?, ?> m -> {
        if (m.isEmpty()) {
          out.append("{}");
          return;
        }
        out.append("{\n");
        int i = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          out.append(indent).append("  ");
          quote(out, String.valueOf(e.getKey()));
          out.append(": ");
          write(out, e.getValue(), indent + "  ");
          out.append(++i < m.size() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
      }
      case List<?> l -> {
        if (l.isEmpty()) {
          out.append("[]");
          return;
        }
        out.append("[\n");
        for (int i = 0; i < l.size(); i++) {
          out.append(indent).append("  ");
          write(out, l.get(i), indent + "  ");
          out.append(i + 1 < l.size() ? ",\n" : "\n");
        }
        out.append(indent).append(']');
      }
      case String str -> quote(out, str);
      case BigDecimal d -> out.append(d.toPlainString());
      case Number n -> out.append(n);
      case Boolean b -> out.append(b);
      default -> {
        if (v == NULL) {
          out.append("null");
        } else {
          throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
        }
      }
    }
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
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
}
