package org.kyodaku.signals.fetch;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.kyodaku.signals.Signals;

/**
 * What {@link SiteChecker} found for one URL.
 *
 * @param url the URL checked
 * @param signals every signal combined (per use, with the evidence); each evidence's {@code source}
 *     is the URL of the fetch it came from, so its fetch time is that fetch's
 * @param fetches every fetch made for this URL (shared per-origin fetches included), in order
 * @param resourceSha256 the SHA-256 (lower-case hex) of the resource's body when it was read whole
 */
public record SiteCheck(URI url, Signals signals, List<Fetch> fetches, Optional<String> resourceSha256) {

  public SiteCheck {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(signals, "signals");
    fetches = List.copyOf(fetches);
  }

  /**
   * One fetch, without its body: the audit trail of what was asked, when, and how it ended.
   *
   * @param role what the document was fetched as ({@code robots.txt}, {@code tdmrep.json},
   *     {@code ai.txt}, {@code resource}, {@code tdm-policy}, {@code rsl})
   * @param url what was asked for
   * @param finalUrl where the answer came from
   * @param redirects every redirect followed
   * @param outcome how it ended
   * @param status the final HTTP status, if any
   * @param mediaType the final response's media type, if declared
   * @param bytes how many body bytes were read
   * @param truncated whether the body was cut at its cap
   * @param fetchedAt when the fetch started
   * @param error what went wrong, unless it succeeded
   */
  public record Fetch(
      String role,
      URI url,
      URI finalUrl,
      List<URI> redirects,
      Fetched.Outcome outcome,
      OptionalInt status,
      Optional<String> mediaType,
      int bytes,
      boolean truncated,
      Instant fetchedAt,
      Optional<String> error) {

    public Fetch {
      redirects = List.copyOf(redirects);
    }

    static Fetch of(String role, Fetched f) {
      return new Fetch(role, f.url(), f.finalUrl(), f.redirects(), f.outcome(), f.status(),
          f.mediaType(), f.size(), f.truncated(), f.fetchedAt(), f.error());
    }
  }

  /** When the document named {@code source} in evidence was fetched, if it was. */
  public Optional<Instant> fetchedAt(String source) {
    return fetches.stream()
        .filter(f -> f.url().toString().equals(source))
        .map(Fetch::fetchedAt)
        .findFirst();
  }
}
