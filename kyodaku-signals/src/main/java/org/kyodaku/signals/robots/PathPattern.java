package org.kyodaku.signals.robots;

import java.nio.charset.StandardCharsets;

/**
 * RFC 9309 §2.2.2–2.2.3 path normalisation and pattern matching, shared by robots.txt rules,
 * {@code Content-Usage} paths, ai.txt and TDMRep {@code location}s (which the TDMRep spec defines by
 * reference to robots matching).
 */
public final class PathPattern {
  private PathPattern() {}

  /**
   * Normalises a path or pattern: non-ASCII characters become UTF-8 percent-escapes, escapes of
   * unreserved characters (ALPHA, DIGIT, {@code - . _ ~}) are decoded, other escapes get upper-case
   * hex. A malformed {@code %} is kept as is.
   */
  public static String normalise(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%'
          && i + 2 < s.length()
          && hex(s.charAt(i + 1)) >= 0
          && hex(s.charAt(i + 2)) >= 0) {
        int v = hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2));
        if (isUnreserved(v)) {
          out.append((char) v);
        } else {
          out.append('%').append(Character.toUpperCase(s.charAt(i + 1)))
              .append(Character.toUpperCase(s.charAt(i + 2)));
        }
        i += 2;
      } else if (c > 0x7e || c < 0x21) {
        int cp = s.codePointAt(i);
        int n = Character.charCount(cp);
        for (byte b : s.substring(i, i + n).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(String.format("%02X", b & 0xff));
        }
        i += n - 1;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Whether a normalised {@code pattern} matches a prefix of the normalised {@code path}: {@code *}
   * matches any sequence, a final {@code $} anchors the end.
   */
  public static boolean matches(String pattern, String path) {
    int n = path.length();
    // Every position in the path that the pattern read so far can end at, ascending.
    int[] ends = new int[n + 1];
    int count = 1;
    ends[0] = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '$' && i == pattern.length() - 1) {
        return ends[count - 1] == n;
      }
      if (c == '*') {
        int first = ends[0];
        count = n - first + 1;
        for (int j = 0; j < count; j++) {
          ends[j] = first + j;
        }
      } else {
        int next = 0;
        for (int j = 0; j < count; j++) {
          int p = ends[j];
          if (p < n && path.charAt(p) == c) {
            ends[next++] = p + 1;
          }
        }
        count = next;
        if (count == 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean isUnreserved(int v) {
    return (v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9')
        || v == '-' || v == '.' || v == '_' || v == '~';
  }
}
