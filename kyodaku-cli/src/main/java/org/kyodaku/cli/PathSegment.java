package org.kyodaku.cli;

import java.util.regex.Pattern;

/** An id placed in a URL path: only id characters, so nothing can redirect the request. */
final class PathSegment {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  private PathSegment() {}

  static String of(String what, String value) {
    if (!SAFE.matcher(value).matches()) {
      throw CliException.usage("usage.not-an-id", what, value);
    }
    return value;
  }
}
