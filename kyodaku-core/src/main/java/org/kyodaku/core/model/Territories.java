package org.kyodaku.core.model;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Territories are ISO 3166-1 alpha-2 country codes, kept in upper case. */
public final class Territories {
  // Checked before upper-casing: Unicode case mapping turns some non-ASCII letters into ASCII
  // ("ı" -> "I", "ſ" -> "S"), which would let "ıt" pass as IT.
  private static final Pattern CODE = Pattern.compile("[A-Za-z]{2}");

  private Territories() {}

  /**
   * Normalises one code to upper case.
   *
   * @throws ValidationException when it is not two ASCII letters
   */
  public static String code(String field, String value) {
    String stripped = value.strip();
    if (!CODE.matcher(stripped).matches()) {
      throw new ValidationException(
          field,
          "not an ISO 3166-1 alpha-2 country code: \""
              + Checks.abbreviate(value)
              + "\" (e.g. JP, US, FR)");
    }
    return stripped.toUpperCase(Locale.ROOT);
  }

  /** Normalises a set of codes; the result is sorted and unmodifiable. */
  public static Set<String> codes(String field, Set<String> values) {
    TreeSet<String> out = new TreeSet<>();
    for (String v : values) {
      out.add(code(field, v));
    }
    return java.util.Collections.unmodifiableSortedSet(out);
  }
}
