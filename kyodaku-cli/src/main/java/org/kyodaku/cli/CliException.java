package org.kyodaku.cli;

/**
 * A command failed; {@link #exitCode()} is what the process exits with. It carries a catalog key
 * rather than words, so that {@link Main} prints it in the user's language; {@link #getMessage()}
 * is the English wording.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int FAILURE = 1;
  static final int USAGE = 2;

  private final int exitCode;
  private final transient Message message;

  CliException(int exitCode, Message message) {
    super(message.toString());
    this.exitCode = exitCode;
    this.message = message;
  }

  /** Bad usage (exit 2): {@code key} of messages.properties with its placeholders' values. */
  static CliException usage(String key, Object... args) {
    return new CliException(USAGE, Message.of(key, args));
  }

  /** Any other failure (exit 1): {@code key} of messages.properties with its placeholders' values. */
  static CliException failure(String key, Object... args) {
    return new CliException(FAILURE, Message.of(key, args));
  }

  static CliException failure(Message message) {
    return new CliException(FAILURE, message);
  }

  int exitCode() {
    return exitCode;
  }

  Message message() {
    return message;
  }
}
