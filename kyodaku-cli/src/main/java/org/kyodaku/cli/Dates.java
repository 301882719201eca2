package org.kyodaku.cli;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Instants on the command line: ISO-8601 with an offset, checked before anything is sent. */
final class Dates {
  private Dates() {}

  static String check(String option, String value) {
    try {
      return OffsetDateTime.parse(value.strip()).toInstant().toString();
    } catch (DateTimeParseException e) {
      throw CliException.usage("usage.not-a-date", option, value);
    }
  }
}
