package org.kyodaku.core.model;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A licence: a rights holder permits one licensee, or everyone, some uses of some works, for a
 * period, optionally only in some territories, under stated terms.
 *
 * <p>A grant is never changed once issued. Revoking it adds a {@link Revocation}; the grant and
 * every decision made before the revocation stay as they were.
 *
 * @param id the grant's id ({@code g_...})
 * @param grantor the party that issued it; it must own every work in scope
 * @param licensee the party permitted, or empty for everyone
 * @param uses at least one use
 * @param allWorks whether the grant covers every work of the grantor, including later ones
 * @param works the works covered when {@code allWorks} is false (then at least one)
 * @param validFrom first instant at which the grant applies (inclusive)
 * @param validUntil instant from which it no longer applies (exclusive), if any
 * @param territories where it applies; empty means everywhere
 * @param termsUrl where the terms are published, if anywhere
 * @param issuedAt when the registry recorded the grant
 * @param revocation its revocation, if revoked
 */
public record Grant(
    String id,
    String grantor,
    Optional<String> licensee,
    Set<Use> uses,
    boolean allWorks,
    Set<String> works,
    Instant validFrom,
    Optional<Instant> validUntil,
    Set<String> territories,
    Optional<String> termsUrl,
    Instant issuedAt,
    Optional<Revocation> revocation) {

  /** The spelling of "no particular licensee" in the API and CLI. */
  public static final String EVERYONE = "everyone";

  public Grant {
    Checks.id("id", id);
    Checks.id("grantor", grantor);
    licensee.ifPresent(l -> Checks.id("licensee", l));
    if (uses.isEmpty()) {
      throw new ValidationException("uses", "name at least one use: " + Use.validLabels());
    }
    uses = java.util.Collections.unmodifiableSet(EnumSet.copyOf(uses));
    TreeSet<String> sortedWorks = new TreeSet<>();
    for (String w : works) {
      sortedWorks.add(Checks.id("works", w));
    }
    if (allWorks && !sortedWorks.isEmpty()) {
      throw new ValidationException("works", "list works or choose all works, not both");
    }
    if (!allWorks && sortedWorks.isEmpty()) {
      throw new ValidationException("works", "name at least one work, or choose all works");
    }
    works = java.util.Collections.unmodifiableSortedSet(sortedWorks);
    if (validUntil.isPresent() && !validUntil.get().isAfter(validFrom)) {
      throw new ValidationException(
          "validUntil",
          "must be after validFrom (" + validFrom + "), got " + validUntil.get());
    }
    territories = Territories.codes("territories", territories);
    termsUrl.ifPresent(Grant::checkUrl);
  }

  /** This grant with its revocation recorded. */
  public Grant revoked(Revocation r) {
    return new Grant(
        id,
        grantor,
        licensee,
        uses,
        allWorks,
        works,
        validFrom,
        validUntil,
        territories,
        termsUrl,
        issuedAt,
        Optional.of(r));
  }

  /**
   * An absolute http(s) URL. Internationalised host names (例え.jp) are accepted when they convert
   * to ASCII under IDNA, since {@link URI} itself only parses ASCII host names.
   */
  private static void checkUrl(String url) {
    if (url.length() > 2000) {
      throw new ValidationException("termsUrl", "is longer than 2000 characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ValidationException(
          "termsUrl", "not a URL: \"" + Checks.abbreviate(url) + "\" (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme();
    boolean http = scheme != null && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"));
    if (!http || !hasHost(uri)) {
      throw new ValidationException(
          "termsUrl", "must be an absolute http(s) URL, got \"" + Checks.abbreviate(url) + "\"");
    }
  }

  private static boolean hasHost(URI uri) {
    if (uri.getHost() != null) {
      return true;
    }
    String authority = uri.getRawAuthority();
    if (authority == null || authority.isEmpty()) {
      return false;
    }
    String host = authority.substring(authority.indexOf('@') + 1).replaceFirst(":[0-9]*$", "");
    try {
      String ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
      return !ascii.isEmpty() && new URI("http://" + ascii + "/").getHost() != null;
    } catch (IllegalArgumentException | URISyntaxException e) {
      return false;
    }
  }
}
