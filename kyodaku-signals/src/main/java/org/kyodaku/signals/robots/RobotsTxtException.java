package org.kyodaku.signals.robots;

/** A robots.txt input or crawler token table that cannot be used. */
public final class RobotsTxtException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  RobotsTxtException(String message) {
    super(message);
  }
}
