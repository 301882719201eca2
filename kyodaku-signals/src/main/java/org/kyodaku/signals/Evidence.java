package org.kyodaku.signals;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement found in one document, kept for audit (and for the AI Act training-content
 * summary, section 3.1).
 *
 * @param standard where the statement's syntax and meaning come from
 * @param source what was read, as the caller named it (a URL, {@code robots.txt}, {@code header})
 * @param position where in the source: {@code line 4}, {@code offset 12}, {@code rule 2}
 * @param value the raw text of the statement
 * @param says what the statement says, only for the categories it speaks to directly
 * @param error why the document or statement could not be read; such evidence never says {@code
 *     allowed}
 */
public record Evidence(
    Standard standard,
    String source,
    String position,
    String value,
    Map<Category, Preference> says,
    Optional<String> error) {

  public Evidence {
    Objects.requireNonNull(standard, "standard");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(value, "value");
    says = says.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(says));
    if (error.isPresent() && says.containsValue(Preference.ALLOWED)) {
      throw new IllegalArgumentException(
          "evidence with error \"" + error.get() + "\" cannot say allowed: " + says);
    }
  }

  /** A statement that was read. */
  public static Evidence of(
      Standard standard,
      String source,
      String position,
      String value,
      Map<Category, Preference> says) {
    return new Evidence(standard, source, position, value, says, Optional.empty());
  }

  /** A document or statement that could not be read. */
  public static Evidence failure(
      Standard standard,
      String source,
      String position,
      String value,
      Map<Category, Preference> says,
      String error) {
    return new Evidence(standard, source, position, value, says, Optional.of(error));
  }

  /** Whether this records a read failure. */
  public boolean failed() {
    return error.isPresent();
  }
}
