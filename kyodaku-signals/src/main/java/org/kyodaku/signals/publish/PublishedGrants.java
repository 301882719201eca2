package org.kyodaku.signals.publish;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.kyodaku.core.model.Grant;

/**
 * Which registry grants a party's or a work's published signals may state, and as what.
 *
 * <p>Published signals are read by anyone, anywhere, for any of the holder's content, so a grant is
 * published only if it holds for all of that: issued by the holder, current at {@code at} (issued,
 * valid from, not yet expired, not revoked), <b>without a territory limit</b> (no signal format can
 * say "only in Japan", and stating the use as allowed everywhere would over-claim), and covering
 * the whole scope — for a party, {@code allWorks} grants only (a grant for some works does not
 * speak for the party's whole site); for a work, grants that name it or cover all works. A grant
 * to everyone becomes {@link RecordGrant#toEveryone}; one to a licensee becomes {@link
 * RecordGrant#to} with the licensee's party id as its token (a party id that is not a valid token
 * is left out: omitting a grant only ever writes more reservations). Everything left out is
 * written as reserved.
 */
public final class PublishedGrants {
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  private PublishedGrants() {}

  /**
   * The grants to publish.
   *
   * @param grants grants to choose from (others' grants are ignored)
   * @param holder the grantor whose signals are written
   * @param work the work, or empty for the party's own (site-wide) signals
   * @param at the instant the signals describe
   */
  public static List<RecordGrant> of(List<Grant> grants, String holder, Optional<String> work, Instant at) {
    List<RecordGrant> out = new ArrayList<>();
    for (Grant g : published(grants, holder, work, at)) {
      if (g.licensee().isEmpty()) {
        out.add(RecordGrant.toEveryone(g.uses()));
      } else if (TOKEN.matcher(g.licensee().get()).matches()) {
        out.add(RecordGrant.to(g.uses(), Set.of(g.licensee().get())));
      }
    }
    return out;
  }

  /**
   * Where the terms of the published grants are: their {@code termsUrl} when exactly one distinct
   * http(s) URL is named among them, else empty (several terms pages cannot be one pointer).
   */
  public static Optional<URI> terms(List<Grant> grants, String holder, Optional<String> work, Instant at) {
    Set<String> urls = new TreeSet<>();
    for (Grant g : published(grants, holder, work, at)) {
      g.termsUrl().ifPresent(urls::add);
    }
    if (urls.size() != 1) {
      return Optional.empty();
    }
    try {
      URI u = new URI(urls.iterator().next());
      return "https".equals(u.getScheme()) || "http".equals(u.getScheme()) ? Optional.of(u) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static List<Grant> published(List<Grant> grants, String holder, Optional<String> work, Instant at) {
    List<Grant> out = new ArrayList<>();
    for (Grant g : grants) {
      boolean current = g.grantor().equals(holder)
          && !g.issuedAt().isAfter(at)
          && !g.validFrom().isAfter(at)
          && g.validUntil().map(at::isBefore).orElse(true)
          // Published files speak for now and until republished: any recorded revocation counts,
          // even one stamped a moment after the wall clock (the registry may order acts so).
          && g.revocation().isEmpty();
      boolean scope = g.allWorks() || work.map(g.works()::contains).orElse(false);
      if (current && scope && g.territories().isEmpty()) {
        out.add(g);
      }
    }
    return out;
  }
}
