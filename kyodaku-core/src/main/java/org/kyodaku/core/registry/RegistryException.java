package org.kyodaku.core.registry;

import java.util.Optional;

/** A registry act failed; {@link #kind()} says how, the message says what and where. */
public final class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How an act failed; each shell maps these to its own codes (HTTP status, exit code). */
  public enum Kind {
    /** No credential, or one that is unknown or expired. */
    UNAUTHENTICATED,
    /** The caller's role or ownership does not permit the act. */
    FORBIDDEN,
    /** A named record does not exist. */
    NOT_FOUND,
    /** The input breaks a rule. */
    INVALID,
    /** The act conflicts with the current state (e.g. revoking a revoked grant). */
    CONFLICT,
    /** The store could not be reached or failed. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final Optional<String> field;

  public RegistryException(Kind kind, String message) {
    this(kind, Optional.empty(), message, null);
  }

  public RegistryException(Kind kind, Optional<String> field, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.field = field;
  }

  public Kind kind() {
    return kind;
  }

  /** The input field the failure is about, when there is one. */
  public Optional<String> field() {
    return field;
  }

  static RegistryException notFound(String what, String id) {
    return new RegistryException(Kind.NOT_FOUND, "no " + what + " with id \"" + id + "\"");
  }

  static RegistryException forbidden(String message) {
    return new RegistryException(Kind.FORBIDDEN, message);
  }

  static RegistryException invalid(String field, String message) {
    return new RegistryException(Kind.INVALID, Optional.of(field), field + ": " + message, null);
  }
}
