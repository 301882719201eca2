package org.kyodaku.signals.http;

import java.util.Objects;

/**
 * One header field line as received; names compare case-insensitively.
 *
 * @param name the field name
 * @param value the field value
 */
public record Header(String name, String value) {
  public Header {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /** Whether this line carries field {@code field}, ignoring case. */
  public boolean is(String field) {
    return name.strip().equalsIgnoreCase(field);
  }
}
