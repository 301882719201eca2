package org.kyodaku.fingerprint.iscc;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text normalisations of ISCC v0 (iscc-core {@code code_meta.py} and {@code
 * code_content_text.py}), on Unicode code points (never UTF-16 units).
 *
 * <p><b>Whitespace</b> is what Python's {@code str.isspace} accepts, which is not Java's {@link
 * Character#isWhitespace}: U+0009..U+000D, U+001C..U+001F, U+0020, U+0085, U+00A0, U+1680,
 * U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 (no-break spaces included).
 *
 * <p><b>Line breaks</b> are what Python's {@code str.splitlines} splits on: LF, CR, CR LF, VT, FF,
 * U+001C..U+001E, U+0085, U+2028, U+2029.
 *
 * <ul>
 *   <li>{@link #clean}: Unicode NFKC; drop every character of general category C (control,
 *       format, surrogate, private use, unassigned) except the newline characters LF, VT, FF, CR,
 *       U+0085, U+2028, U+2029; split into lines; keep at most one blank (whitespace-only) line
 *       in a row; join with LF; strip whitespace at both ends.
 *   <li>{@link #singleLine}: split at runs of whitespace and join with one space.
 *   <li>{@link #trim}: cut the UTF-8 encoding to at most n bytes, drop a character cut in half,
 *       strip whitespace at both ends.
 *   <li>{@link #collapse} (the form that is hashed): NFD; lower case (full Unicode mapping,
 *       locale-independent); drop whitespace and every character of general category C, M
 *       (marks, so diacritics go) or P (punctuation); NFKC.
 * </ul>
 *
 * Unicode data comes from the JDK ({@link Normalizer}, {@link Character#getType}); the JDK's
 * Unicode version may differ from the Python that made a given code, which only matters for code
 * points assigned in between.
 */
final class TextNormalizer {
  private TextNormalizer() {}

  static boolean isSpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0D)
        || (cp >= 0x1C && cp <= 0x20)
        || cp == 0x85
        || cp == 0xA0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x202F
        || cp == 0x205F
        || cp == 0x3000;
  }

  private static boolean isNewline(int cp) {
    return (cp >= 0x0A && cp <= 0x0D) || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
  }

  private static boolean isLineBreak(int cp) {
    return isNewline(cp) || (cp >= 0x1C && cp <= 0x1E);
  }

  private static boolean isOther(int type) {
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED;
  }

  private static boolean isMark(int type) {
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  private static boolean isPunctuation(int type) {
    return type == Character.CONNECTOR_PUNCTUATION
        || type == Character.DASH_PUNCTUATION
        || type == Character.START_PUNCTUATION
        || type == Character.END_PUNCTUATION
        || type == Character.INITIAL_QUOTE_PUNCTUATION
        || type == Character.FINAL_QUOTE_PUNCTUATION
        || type == Character.OTHER_PUNCTUATION;
  }

  static String clean(String text) {
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
    StringBuilder kept = new StringBuilder(nfkc.length());
    nfkc.codePoints()
        .filter(cp -> !isOther(Character.getType(cp)) || isNewline(cp))
        .forEach(kept::appendCodePoint);
    List<String> lines = splitLines(kept.toString());
    List<String> result = new ArrayList<>(lines.size());
    boolean previousBlank = false;
    for (String line : lines) {
      if (strip(line).isEmpty()) {
        if (!previousBlank) {
          result.add("");
          previousBlank = true;
        }
      } else {
        result.add(line);
        previousBlank = false;
      }
    }
    return strip(String.join("\n", result));
  }

  private static List<String> splitLines(String s) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int width = Character.charCount(cp);
      if (isLineBreak(cp)) {
        lines.add(s.substring(start, i));
        if (cp == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          width = 2;
        }
        start = i + width;
      }
      i += width;
    }
    if (start < s.length()) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  static String strip(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isSpace(s.codePointAt(from))) {
      from += Character.charCount(s.codePointAt(from));
    }
    while (to > from && isSpace(s.codePointBefore(to))) {
      to -= Character.charCount(s.codePointBefore(to));
    }
    return s.substring(from, to);
  }

  static String singleLine(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isSpace(cp)) {
        pendingSpace = sb.length() > 0;
      } else {
        if (pendingSpace) {
          sb.append(' ');
          pendingSpace = false;
        }
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  static String trim(String text, int maxBytes) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= maxBytes) {
      return strip(text);
    }
    int cut = maxBytes;
    while (cut > 0 && (utf8[cut] & 0xC0) == 0x80) {
      cut--;
    }
    return strip(new String(utf8, 0, cut, StandardCharsets.UTF_8));
  }

  static String collapse(String text) {
    String lower = Normalizer.normalize(text, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
    StringBuilder kept = new StringBuilder(lower.length());
    lower
        .codePoints()
        .filter(
            cp -> {
              int type = Character.getType(cp);
              return !isSpace(cp) && !isOther(type) && !isMark(type) && !isPunctuation(type);
            })
        .forEach(kept::appendCodePoint);
    return Normalizer.normalize(kept, Normalizer.Form.NFKC);
  }

  /**
   * The n-grams of {@code text} over code points, each as UTF-8: every window of {@code width}
   * code points; a text shorter than that is one n-gram (possibly empty).
   */
  static List<byte[]> ngrams(String text, int width) {
    int[] cps = text.codePoints().toArray();
    int count = Math.max(cps.length - width + 1, 1);
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int len = Math.min(width, cps.length - i);
      out.add(new String(cps, i, len).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }
}
