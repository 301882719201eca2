package org.kyodaku.log.registry;

/**
 * A copy of the log does not check ({@link LogAudit}): the message names the file or entry and
 * quotes the expected and the found value.
 */
public final class AuditException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuditException(String message) {
    super(message);
  }

  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
