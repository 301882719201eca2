package org.kyodaku.signals.fetch;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.kyodaku.signals.http.Header;

/**
 * How one fetch ended: the response (after redirects) or why there is none.
 *
 * @param url what was asked for
 * @param finalUrl where the answer came from, after redirects ({@code url} when none)
 * @param redirects every {@code Location} followed, in order
 * @param outcome the kind of ending
 * @param status the final HTTP status, absent when no final response arrived
 * @param headers the final response's header fields, in order
 * @param body the body read (up to the cap); empty unless {@code outcome} is {@code success}
 * @param truncated whether the body was cut at the cap (only where a cut is allowed: robots.txt)
 * @param fetchedAt when the fetch started
 * @param error what went wrong, for every outcome but {@code success}
 */
public record Fetched(
    URI url,
    URI finalUrl,
    List<URI> redirects,
    Outcome outcome,
    OptionalInt status,
    List<Header> headers,
    byte[] body,
    boolean truncated,
    Instant fetchedAt,
    Optional<String> error) {

  /** The kinds of ending a fetch can have. */
  public enum Outcome {
    /** A 2xx response, read within the limits. */
    SUCCESS,
    /** A 4xx response. */
    CLIENT_ERROR,
    /** A 5xx response (or any other status that is not a final success or client error). */
    SERVER_ERROR,
    /**
     * No usable response: connection or TLS failure, timeout, too many redirects or a loop, a
     * body over the cap, an unsupported scheme or content coding.
     */
    FAILED
  }

  public Fetched {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(finalUrl, "finalUrl");
    redirects = List.copyOf(redirects);
    headers = List.copyOf(headers);
    body = body.clone();
    if ((outcome == Outcome.SUCCESS) == error.isPresent()) {
      throw new IllegalArgumentException("a fetch has an error exactly when it did not succeed: "
          + outcome + ", " + error);
    }
    if (outcome != Outcome.SUCCESS && body.length > 0) {
      throw new IllegalArgumentException("only a successful fetch has a body");
    }
  }

  /** A fetch that produced no usable response. */
  static Fetched failed(URI url, URI at, List<URI> redirects, OptionalInt status,
      List<Header> headers, Instant fetchedAt, String error) {
    return new Fetched(url, at, redirects, Outcome.FAILED, status, headers, new byte[0], false,
        fetchedAt, Optional.of(error));
  }

  /** The body (a copy). */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body's size in bytes. */
  public int size() {
    return body.length;
  }

  /** Whether the fetch succeeded. */
  public boolean succeeded() {
    return outcome == Outcome.SUCCESS;
  }

  /**
   * The media type of the final response, lower-cased, without parameters ({@code text/plain}),
   * when it declared one.
   */
  public Optional<String> mediaType() {
    return headers.stream()
        .filter(h -> h.is("content-type"))
        .reduce((a, b) -> b)
        .map(h -> {
          String v = h.value();
          int semi = v.indexOf(';');
          return (semi < 0 ? v : v.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        });
  }

  /** The status and the error, for evidence: {@code HTTP 503}, {@code timeout after 20 s}. */
  public String describe() {
    String s = status.isPresent() ? "HTTP " + status.getAsInt() : "";
    if (error.isPresent()) {
      s = s.isEmpty() ? error.get() : s + ": " + error.get();
    }
    return s.isEmpty() ? "no response" : s;
  }
}
