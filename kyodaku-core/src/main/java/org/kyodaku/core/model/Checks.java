package org.kyodaku.core.model;

import java.util.regex.Pattern;

/** Small validation helpers shared by the records of this package. */
final class Checks {
  static final int MAX_NAME_LENGTH = 500;
  private static final Pattern ID = Pattern.compile("[a-z]{1,3}_[a-z0-9]{8,40}");

  private Checks() {}

  static String id(String field, String value) {
    if (!ID.matcher(value).matches()) {
      throw new ValidationException(field, "not a Kyodaku id: \"" + abbreviate(value) + "\"");
    }
    return value;
  }

  /**
   * A human-entered name or title: any script, stripped, non-empty, at most {@link
   * #MAX_NAME_LENGTH} code points, no control characters.
   */
  static String text(String field, String value) {
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new ValidationException(field, "must not be empty");
    }
    int length = stripped.codePointCount(0, stripped.length());
    if (length > MAX_NAME_LENGTH) {
      throw new ValidationException(
          field, "is " + length + " characters long; at most " + MAX_NAME_LENGTH + " are allowed");
    }
    if (stripped.codePoints().anyMatch(Character::isISOControl)) {
      throw new ValidationException(field, "must not contain control characters");
    }
    if (stripped.codePoints().anyMatch(c -> c >= 0xD800 && c <= 0xDFFF)) {
      throw new ValidationException(field, "is not valid Unicode (a lone surrogate)");
    }
    return stripped;
  }

  static String abbreviate(String value) {
    return value.length() <= 60 ? value : value.substring(0, 57) + "...";
  }
}
