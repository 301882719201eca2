package org.kyodaku.server;

import java.util.Optional;

/**
 * A failure to answer with an RFC 9457 problem document. {@code type} is a slug under {@code
 * https://kyodaku.org/problems/}; titles per language live in {@link Problems}.
 */
final class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String type;
  final Optional<String> field;

  Problem(int status, String type, String detail, Optional<String> field) {
    super(detail);
    this.status = status;
    this.type = type;
    this.field = field;
  }

  static Problem badRequest(String field, String detail) {
    return new Problem(400, "invalid-request", field + ": " + detail, Optional.of(field));
  }
}
