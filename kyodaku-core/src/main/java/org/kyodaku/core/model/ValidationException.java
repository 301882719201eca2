package org.kyodaku.core.model;

/** A value broke one of the model's rules; {@link #field()} names where. */
public final class ValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public ValidationException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The field or parameter that was wrong, as the API spells it. */
  public String field() {
    return field;
  }

  /** The message without the field prefix. */
  public String reason() {
    String m = getMessage();
    return m.substring(field.length() + 2);
  }
}
