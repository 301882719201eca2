package org.kyodaku.signals.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds {@code <meta>} and {@code <link>} start tags before the body.
 *
 * <p>Scanning: comments ({@code <!-- -->}) and the contents of {@code script}, {@code style},
 * {@code template}, {@code noscript}, {@code title} and {@code textarea} are skipped, so markup
 * inside them is not mistaken for tags. Scanning stops at {@code </head>} or {@code <body}. Tag and
 * attribute names are case-insensitive; values may be double-quoted, single-quoted or unquoted; the
 * first occurrence of an attribute wins (HTML tokenizer rule). Character references {@code &amp;}
 * {@code &lt;} {@code &gt;} {@code &quot;} {@code &apos;} {@code &#39;} and numeric ones are
 * decoded. Input that does not close a tag ends the scan; nothing throws.
 */
final class HtmlHeadScanner {
  record Tag(String name, Map<String, String> attributes, int line) {}

  private final String html;
  private final String lower;
  private int pos;
  private int lineAt;
  private int line = 1;

  private HtmlHeadScanner(String html) {
    this.html = html;
    // ASCII-only lower case keeps offsets aligned with html (full case mapping may change lengths).
    char[] chars = html.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] += 'a' - 'A';
      }
    }
    this.lower = new String(chars);
  }

  private int lineOf(int offset) {
    for (; lineAt < offset; lineAt++) {
      if (html.charAt(lineAt) == '\n') {
        line++;
      }
    }
    return line;
  }

  static List<Tag> scan(String html) {
    return new HtmlHeadScanner(html).run();
  }

  private List<Tag> run() {
    List<Tag> out = new ArrayList<>();
    while (true) {
      int lt = html.indexOf('<', pos);
      if (lt < 0) {
        return out;
      }
      pos = lt;
      if (html.startsWith("<!--", pos)) {
        int end = html.indexOf("-->", pos + 4);
        if (end < 0) {
          return out;
        }
        pos = end + 3;
        continue;
      }
      int nameStart = pos + 1;
      boolean closing = nameStart < html.length() && html.charAt(nameStart) == '/';
      if (closing) {
        nameStart++;
      }
      int nameEnd = nameStart;
      while (nameEnd < html.length() && Character.isLetterOrDigit(html.charAt(nameEnd))) {
        nameEnd++;
      }
      String name = html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        pos++;
        continue;
      }
      if (closing) {
        if (name.equals("head")) {
          return out;
        }
        pos = nameEnd;
        continue;
      }
      if (name.equals("body")) {
        return out;
      }
      int line = lineOf(lt);
      pos = nameEnd;
      Map<String, String> attrs = attributes();
      if (pos < 0) {
        return out;
      }
      if (name.equals("meta") || name.equals("link")) {
        out.add(new Tag(name, attrs, line));
      }
      if (List.of("script", "style", "template", "noscript", "title", "textarea").contains(name)) {
        int end = lower.indexOf("</" + name, pos);
        if (end < 0) {
          return out;
        }
        pos = end;
      }
    }
  }

  /** Reads attributes up to '>'; leaves pos after it, or -1 when the tag never closes. */
  private Map<String, String> attributes() {
    Map<String, String> attrs = new LinkedHashMap<>();
    int n = html.length();
    while (pos < n) {
      char c = html.charAt(pos);
      if (c == '>') {
        pos++;
        return attrs;
      }
      if (Character.isWhitespace(c) || c == '/') {
        pos++;
        continue;
      }
      int start = pos;
      while (pos < n && !Character.isWhitespace(html.charAt(pos)) && "=>/".indexOf(html.charAt(pos)) < 0) {
        pos++;
      }
      String key = html.substring(start, pos).toLowerCase(Locale.ROOT);
      while (pos < n && Character.isWhitespace(html.charAt(pos))) {
        pos++;
      }
      String value = "";
      if (pos < n && html.charAt(pos) == '=') {
        pos++;
        while (pos < n && Character.isWhitespace(html.charAt(pos))) {
          pos++;
        }
        if (pos < n && (html.charAt(pos) == '"' || html.charAt(pos) == '\'')) {
          char q = html.charAt(pos);
          int end = html.indexOf(q, pos + 1);
          if (end < 0) {
            pos = -1;
            return attrs;
          }
          value = html.substring(pos + 1, end);
          pos = end + 1;
        } else {
          int vs = pos;
          while (pos < n && !Character.isWhitespace(html.charAt(pos)) && html.charAt(pos) != '>') {
            pos++;
          }
          value = html.substring(vs, pos);
        }
      }
      attrs.putIfAbsent(key, decode(value));
    }
    pos = -1;
    return attrs;
  }

  static String decode(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int semi = c == '&' ? s.indexOf(';', i) : -1;
      if (semi > i && semi - i <= 10) {
        String ref = s.substring(i + 1, semi);
        @Nullable String rep =
            switch (ref) {
              case "amp" -> "&";
              case "lt" -> "<";
              case "gt" -> ">";
              case "quot" -> "\"";
              case "apos" -> "'";
              default -> numeric(ref);
            };
        if (rep != null) {
          out.append(rep);
          i = semi + 1;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static @Nullable String numeric(String ref) {
    try {
      int cp;
      if (ref.startsWith("#x") || ref.startsWith("#X")) {
        cp = Integer.parseInt(ref.substring(2), 16);
      } else if (ref.startsWith("#")) {
        cp = Integer.parseInt(ref.substring(1));
      } else {
        return null;
      }
      return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
