package org.kyodaku.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum constant with the label that the API, CLI and log use for it: its name in lower case
 * with hyphens ({@code RIGHTS_HOLDER} is {@code rights-holder}).
 */
public interface Labelled {
  default String label() {
    return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Finds the constant of {@code type} whose label is {@code label}, ignoring case and spaces
   * around it.
   *
   * @param what a noun for the error message, such as {@code "use"}
   * @throws ValidationException listing every valid label when none matches
   */
  static <E extends Enum<E> & Labelled> E parse(
      Class<E> type, String field, String what, String label) {
    String wanted = label.strip().toLowerCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.label().equals(wanted)) {
        return constant;
      }
    }
    throw new ValidationException(
        field, "unknown " + what + " \"" + label + "\"; valid values are: " + labels(type));
  }

  /** Every label of {@code type}, comma-separated, in declaration order. */
  static <E extends Enum<E> & Labelled> String labels(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(Labelled::label)
        .collect(Collectors.joining(", "));
  }
}
