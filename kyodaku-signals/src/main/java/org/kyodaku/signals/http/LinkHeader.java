package org.kyodaku.signals.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tolerant RFC 8288 §3 {@code Link} field-value splitter: {@code <target>} followed by {@code ;
 * name=value} or {@code ; name="quoted"} parameters, links separated by commas outside {@code <>}
 * and quotes. A link that does not start with {@code <…>} is skipped.
 */
final class LinkHeader {
  record Link(String target, Map<String, String> params) {}

  private LinkHeader() {}

  static List<Link> parse(String value) {
    List<Link> out = new ArrayList<>();
    int i = 0;
    int n = value.length();
    while (i < n) {
      while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == ',' || value.charAt(i) == '\t')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int close = value.charAt(i) == '<' ? value.indexOf('>', i) : -1;
      String target = close > i ? value.substring(i + 1, close) : null;
      i = close > i ? close + 1 : i;
      Map<String, String> params = new LinkedHashMap<>();
      // Read parameters up to the next comma outside quotes.
      while (i < n && value.charAt(i) != ',') {
        if (value.charAt(i) != ';') {
          i++;
          continue;
        }
        i++;
        int eq = i;
        while (eq < n && value.charAt(eq) != '=' && value.charAt(eq) != ';' && value.charAt(eq) != ',') {
          eq++;
        }
        String name = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
        String v = "";
        i = eq;
        if (i < n && value.charAt(i) == '=') {
          i++;
          while (i < n && value.charAt(i) == ' ') {
            i++;
          }
          StringBuilder b = new StringBuilder();
          if (i < n && value.charAt(i) == '"') {
            i++;
            while (i < n && value.charAt(i) != '"') {
              if (value.charAt(i) == '\\' && i + 1 < n) {
                i++;
              }
              b.append(value.charAt(i++));
            }
            i++;
          } else {
            while (i < n && value.charAt(i) != ';' && value.charAt(i) != ',') {
              b.append(value.charAt(i++));
            }
          }
          v = b.toString().strip();
        }
        if (!name.isEmpty()) {
          params.putIfAbsent(name, v);
        }
      }
      if (target != null) {
        out.add(new Link(target.strip(), params));
      }
    }
    return out;
  }
}
