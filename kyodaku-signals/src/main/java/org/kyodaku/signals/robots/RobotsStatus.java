package org.kyodaku.signals.robots;

/**
 * How fetching {@code /robots.txt} ended (RFC 9309 §2.3.1). The caller fetches; this library only
 * needs the outcome.
 */
public enum RobotsStatus {
  /** 2xx: the body is parsed. */
  FETCHED,
  /** 4xx: "unavailable"; the crawler may access anything (§2.3.1.3). */
  UNAVAILABLE,
  /** 5xx or network error: "unreachable"; the crawler must assume complete disallow (§2.3.1.4). */
  UNREACHABLE;

  /**
   * The status for a final HTTP status code (redirects already followed).
   *
   * @throws RobotsTxtException for 1xx and 3xx codes, which are not final outcomes
   */
  public static RobotsStatus ofHttp(int status) {
    if (status >= 200 && status < 300) {
      return FETCHED;
    }
    if (status >= 400 && status < 500) {
      return UNAVAILABLE;
    }
    if (status >= 500 && status < 600) {
      return UNREACHABLE;
    }
    throw new RobotsTxtException(
        "HTTP status " + status + " is not a final robots.txt outcome; follow redirects first");
  }
}
