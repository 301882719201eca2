package org.kyodaku.signals.fetch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kyodaku.signals.http.Header;

/**
 * Fetches one document over HTTP(S) under {@link FetchLimits}, and says how it ended ({@link
 * Fetched}); it never throws for anything the network or the server does.
 *
 * <p><b>Steps.</b> Only {@code http} and {@code https} URLs are fetched (a fragment is dropped).
 * Each request is a {@code GET} with our {@code User-Agent}, the caller's {@code Accept} and
 * {@code Accept-Encoding: identity}. Redirects (301, 302, 303, 307, 308) are followed by hand so
 * that each is counted and checked: the {@code Location} is resolved against the current URL, must
 * be http(s), may not revisit a URL of the chain (a loop), and at most {@code maxRedirects} are
 * followed. One deadline ({@code timeout}) covers the whole chain, headers and body; a server that
 * stalls or trickles bytes is cut off there and the fetch fails. The body is read into memory up to
 * a cap: a larger declared {@code Content-Length} is refused before reading, an undeclared larger
 * body is cut off at the cap (the connection closed) and then either kept as a prefix (robots.txt,
 * which RFC 9309 reads only to 500 KiB) or refused. A response with a content coding other than
 * {@code identity} is refused (we asked for none and do not decompress).
 *
 * <p>The status decides the {@link Fetched.Outcome}: 2xx success, 4xx client error, 5xx server
 * error; any other final status, and every network failure, is {@code failed}. What each outcome
 * means for a signal is the caller's rule ({@link SiteChecker}).
 */
public final class HttpFetcher implements AutoCloseable {
  /** The body kept from a redirect or error response: enough to log, never the whole of it. */
  private static final int SIDE_BODY_CAP = 64 * 1024;

  private final HttpClient client;
  private final FetchLimits limits;
  private final Clock clock;
  private final String userAgent;

  /**
   * A fetcher.
   *
   * @param userAgent the {@code User-Agent} sent, e.g. {@code kyodaku-signals/0.1}
   */
  public HttpFetcher(FetchLimits limits, Clock clock, String userAgent) {
    this.limits = limits;
    this.clock = clock;
    this.userAgent = userAgent;
    this.client = HttpClient.newBuilder()
        .connectTimeout(limits.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The limits this fetcher runs under. */
  public FetchLimits limits() {
    return limits;
  }

  /**
   * Fetches {@code url}.
   *
   * @param cap the most body bytes read
   * @param cut whether a larger body is kept as its first {@code cap} bytes (else it fails)
   * @param accept the {@code Accept} header
   */
  public Fetched fetch(URI url, long cap, boolean cut, String accept) {
    Instant started = clock.instant();
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    List<URI> redirects = new ArrayList<>();
    Optional<String> bad = unsupported(url);
    if (bad.isPresent()) {
      return Fetched.failed(url, url, redirects, OptionalInt.empty(), List.of(), started, bad.get());
    }
    URI at = withoutFragment(url);
    Set<URI> seen = new HashSet<>();
    seen.add(at);
    while (true) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return Fetched.failed(url, at, redirects, OptionalInt.empty(), List.of(), started, timedOut());
      }
      HttpRequest request;
      try {
        request = HttpRequest.newBuilder(at)
            .GET()
            .timeout(Duration.ofNanos(remaining))
            .header("User-Agent", userAgent)
            .header("Accept", accept)
            .header("Accept-Encoding", "identity")
            .build();
      } catch (IllegalArgumentException e) {
        return Fetched.failed(url, at, redirects, OptionalInt.empty(), List.of(), started,
            "cannot request " + at + ": " + e.getMessage());
      }
      CompletableFuture<HttpResponse<CappedBody.Body>> pending = client.sendAsync(request, info -> {
        boolean success = info.statusCode() >= 200 && info.statusCode() < 300;
        OptionalLong declared = info.headers().firstValueAsLong("content-length");
        return success
            ? new CappedBody(cap, cut, declared)
            : new CappedBody(SIDE_BODY_CAP, true, declared);
      });
      HttpResponse<CappedBody.Body> response;
      try {
        response = pending.get(remaining, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        pending.cancel(true);
        return Fetched.failed(url, at, redirects, OptionalInt.empty(), List.of(), started, timedOut());
      } catch (InterruptedException e) {
        pending.cancel(true);
        Thread.currentThread().interrupt();
        return Fetched.failed(url, at, redirects, OptionalInt.empty(), List.of(), started, "interrupted");
      } catch (ExecutionException e) {
        return Fetched.failed(url, at, redirects, OptionalInt.empty(), List.of(), started, network(e.getCause()));
      }
      int status = response.statusCode();
      List<Header> headers = new ArrayList<>();
      response.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(new Header(name, v))));
      OptionalInt code = OptionalInt.of(status);
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        Optional<String> location = response.headers().firstValue("location");
        if (location.isEmpty()) {
          return Fetched.failed(url, at, redirects, code, headers, started, "redirect without a Location header");
        }
        URI next;
        try {
          next = withoutFragment(at.resolve(new URI(location.get().strip())));
        } catch (URISyntaxException | IllegalArgumentException e) {
          return Fetched.failed(url, at, redirects, code, headers, started,
              "redirect to an invalid Location \"" + location.get() + "\"");
        }
        Optional<String> refused = unsupported(next);
        if (refused.isPresent()) {
          return Fetched.failed(url, at, redirects, code, headers, started, "redirect refused: " + refused.get());
        }
        if (!seen.add(next)) {
          return Fetched.failed(url, at, redirects, code, headers, started, "redirect loop: back to " + next);
        }
        if (redirects.size() >= limits.maxRedirects()) {
          return Fetched.failed(url, at, redirects, code, headers, started,
              "more than " + limits.maxRedirects() + " redirects");
        }
        redirects.add(next);
        at = next;
        continue;
      }
      Optional<String> coding = response.headers().firstValue("content-encoding")
          .map(v -> v.strip().toLowerCase(Locale.ROOT))
          .filter(v -> !v.isEmpty() && !v.equals("identity"));
      if (coding.isPresent()) {
        return Fetched.failed(url, at, redirects, code, headers, started,
            "content coding \"" + coding.get() + "\" was not asked for and is not decoded");
      }
      CappedBody.Body body = response.body();
      if (status >= 200 && status < 300) {
        if (body.tooLarge()) {
          return Fetched.failed(url, at, redirects, code, headers, started,
              "body larger than the limit of " + cap + " bytes; not read");
        }
        return new Fetched(url, at, redirects, Fetched.Outcome.SUCCESS, code, headers, body.bytes(),
            body.truncated(), started, Optional.empty());
      }
      if (status >= 400 && status < 500) {
        return new Fetched(url, at, redirects, Fetched.Outcome.CLIENT_ERROR, code, headers, new byte[0],
            false, started, Optional.of("client error"));
      }
      if (status >= 500 && status < 600) {
        return new Fetched(url, at, redirects, Fetched.Outcome.SERVER_ERROR, code, headers, new byte[0],
            false, started, Optional.of("server error"));
      }
      return Fetched.failed(url, at, redirects, code, headers, started,
          "status " + status + " is not a final answer we can use");
    }
  }

  private String timedOut() {
    return "no complete response within " + limits.timeout().toMillis() + " ms";
  }

  private String network(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return "connection not opened within " + limits.connectTimeout().toMillis() + " ms";
    }
    if (cause instanceof HttpTimeoutException) {
      return timedOut();
    }
    if (cause instanceof ConnectException) {
      return "connection refused or unreachable";
    }
    if (cause instanceof IOException) {
      String m = cause.getMessage();
      return "network error: " + cause.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
    return "fetch failed: " + cause;
  }

  private static Optional<String> unsupported(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("only http and https URLs are fetched, not \"" + url + "\"");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      return Optional.of("URL without a host: \"" + url + "\"");
    }
    return Optional.empty();
  }

  private static URI withoutFragment(URI u) {
    if (u.getRawFragment() == null) {
      return u;
    }
    String s = u.toString();
    return URI.create(s.substring(0, s.indexOf('#')));
  }

  /** Stops the client's connections and threads. */
  @Override
  public void close() {
    client.shutdownNow();
  }
}
