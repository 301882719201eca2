package org.kyodaku.signals.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;
import org.kyodaku.signals.aipref.ContentUsage;
import org.kyodaku.signals.noai.RobotsDirectives;
import org.kyodaku.signals.tdmrep.TdmRep;
import org.kyodaku.signals.tdmrep.TdmRepReader;

/**
 * Reads the AI-use signals of one HTTP response's header fields.
 *
 * <ul>
 *   <li>{@code Content-Usage}: all field lines joined with {@code ", "} (RFC 9651 §4.2), read by
 *       {@link ContentUsage}; a syntax error makes the whole field unknown (aipref).
 *   <li>{@code tdm-reservation}, {@code tdm-policy}: {@link TdmRepReader#values}; the last line of
 *       each wins. Returned separately by {@link #tdmRep} for layering over {@code tdmrep.json}.
 *   <li>{@code X-Robots-Tag}: each line read by {@link RobotsDirectives}.
 *   <li>{@code Link}: every link whose {@code rel} includes {@code license} is evidence ({@code rsl}
 *       when {@code type="application/rsl+xml"}, else {@code license-link}) and states nothing.
 * </ul>
 *
 * The standards combine most-restrictively.
 */
public final class HeaderReader {
  private HeaderReader() {}

  /**
   * Reads the header fields.
   *
   * @param agent the asking crawler's token for scoped {@code X-Robots-Tag} values, or empty
   * @param source for evidence, e.g. the resource URL
   */
  public static Signals read(List<Header> headers, Optional<String> agent, String source) {
    return tdmRep(headers, source).toSignals().and(withoutTdmRep(headers, agent, source));
  }

  /**
   * Reads every field but {@code tdm-reservation}/{@code tdm-policy}: for a caller that layers the
   * TDMRep steps itself ({@link #tdmRep}, {@link TdmRep#then}) and must not count them twice.
   */
  public static Signals withoutTdmRep(List<Header> headers, Optional<String> agent, String source) {
    List<Signals> parts = new ArrayList<>();
    List<String> usage = values(headers, "content-usage");
    if (!usage.isEmpty()) {
      parts.add(ContentUsage.read(String.join(", ", usage), source, "header Content-Usage"));
    }
    List<RobotsDirectives.Scoped> robots = new ArrayList<>();
    int line = 0;
    for (Header h : headers) {
      line++;
      if (h.is("x-robots-tag")) {
        robots.add(
            new RobotsDirectives.Scoped(
                Optional.empty(), h.value(), "header line " + line, h.value()));
      }
    }
    parts.add(RobotsDirectives.read(robots, agent, source));
    parts.add(Signals.unknown(licenceLinks(headers, source)));
    return Signals.mostRestrictive(parts);
  }

  /** The TDMRep values of the header fields (the second TDMRep priority step). */
  public static TdmRep tdmRep(List<Header> headers, String source) {
    List<String> r = values(headers, "tdm-reservation");
    List<String> p = values(headers, "tdm-policy");
    return TdmRepReader.values(
        r.isEmpty() ? Optional.empty() : Optional.of(r.getLast()),
        p.isEmpty() ? Optional.empty() : Optional.of(p.getLast()),
        source,
        "header");
  }

  /** Evidence for every {@code rel="license"} link. */
  public static List<Evidence> licenceLinks(List<Header> headers, String source) {
    List<Evidence> out = new ArrayList<>();
    for (String value : values(headers, "link")) {
      for (LinkHeader.Link link : LinkHeader.parse(value)) {
        String rel = link.params().getOrDefault("rel", "").toLowerCase(Locale.ROOT);
        if (!List.of(rel.split("\\s+")).contains("license")) {
          continue;
        }
        boolean rsl = link.params().getOrDefault("type", "").equalsIgnoreCase("application/rsl+xml");
        out.add(
            Evidence.of(
                rsl ? Standard.RSL : Standard.LICENSE_LINK,
                source,
                "header Link",
                link.target(),
                Map.of()));
      }
    }
    return out;
  }

  private static List<String> values(List<Header> headers, String name) {
    return headers.stream().filter(h -> h.is(name)).map(Header::value).collect(Collectors.toList());
  }
}
