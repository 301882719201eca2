package org.kyodaku.signals.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;
import org.kyodaku.signals.noai.RobotsDirectives;
import org.kyodaku.signals.tdmrep.TdmRep;
import org.kyodaku.signals.tdmrep.TdmRepReader;

/**
 * Reads the AI-use signals in an HTML document's head.
 *
 * <ul>
 *   <li>{@code <meta name="tdm-reservation" content>} and {@code tdm-policy}: TDMRep (the first of
 *       each counts); returned separately by {@link #tdmRep} for layering (third priority step).
 *   <li>{@code <meta name="robots" content>} (and {@code name=<agent>}, scoped to that agent):
 *       {@link RobotsDirectives}.
 *   <li>{@code <link rel="license" href>}: evidence, {@code rsl} when {@code
 *       type="application/rsl+xml"}, stating nothing.
 * </ul>
 */
public final class HtmlReader {
  private HtmlReader() {}

  /** Reads the document; never throws. */
  public static Signals read(String html, Optional<String> agent, String source) {
    List<HtmlHeadScanner.Tag> tags = HtmlHeadScanner.scan(html);
    return tdmRep(tags, source).toSignals().and(withoutTdmRep(tags, agent, source));
  }

  /**
   * Reads everything but the TDMRep meta: for a caller that layers the TDMRep steps itself ({@link
   * #tdmRep}, {@link TdmRep#then}) and must not count them twice. Never throws.
   */
  public static Signals withoutTdmRep(String html, Optional<String> agent, String source) {
    return withoutTdmRep(HtmlHeadScanner.scan(html), agent, source);
  }

  private static Signals withoutTdmRep(
      List<HtmlHeadScanner.Tag> tags, Optional<String> agent, String source) {
    List<Signals> parts = new ArrayList<>();
    List<RobotsDirectives.Scoped> robots = new ArrayList<>();
    List<Evidence> links = new ArrayList<>();
    for (HtmlHeadScanner.Tag t : tags) {
      Map<String, String> a = t.attributes();
      if (t.name().equals("meta") && a.containsKey("name") && a.containsKey("content")) {
        String name = a.get("name").strip();
        if (name.equalsIgnoreCase("tdm-reservation") || name.equalsIgnoreCase("tdm-policy")) {
          continue;
        }
        Optional<String> scope =
            name.equalsIgnoreCase("robots") ? Optional.empty() : Optional.of(name);
        robots.add(
            new RobotsDirectives.Scoped(
                scope.isPresent() ? scope : Optional.of("robots"),
                a.get("content"),
                "line " + t.line(),
                "<meta name=\"" + name + "\" content=\"" + a.get("content") + "\">"));
      }
      if (t.name().equals("link") && a.containsKey("href")) {
        String rel = a.getOrDefault("rel", "").toLowerCase(Locale.ROOT);
        if (List.of(rel.strip().split("\\s+")).contains("license")) {
          boolean rsl = a.getOrDefault("type", "").strip().equalsIgnoreCase("application/rsl+xml");
          links.add(
              Evidence.of(
                  rsl ? Standard.RSL : Standard.LICENSE_LINK,
                  source,
                  "line " + t.line(),
                  a.get("href").strip(),
                  Map.of()));
        }
      }
    }
    parts.add(RobotsDirectives.read(robots, agent, source));
    parts.add(Signals.unknown(links));
    return Signals.mostRestrictive(parts);
  }

  /** The TDMRep meta values of the document. */
  public static TdmRep tdmRep(String html, String source) {
    return tdmRep(HtmlHeadScanner.scan(html), source);
  }

  private static TdmRep tdmRep(List<HtmlHeadScanner.Tag> tags, String source) {
    Optional<String> reservation = Optional.empty();
    Optional<String> policy = Optional.empty();
    String position = "meta";
    for (HtmlHeadScanner.Tag t : tags) {
      Map<String, String> a = t.attributes();
      if (!t.name().equals("meta") || !a.containsKey("name") || !a.containsKey("content")) {
        continue;
      }
      String name = a.get("name").strip().toLowerCase(Locale.ROOT);
      if (name.equals("tdm-reservation") && reservation.isEmpty()) {
        reservation = Optional.of(a.get("content"));
        position = "line " + t.line();
      } else if (name.equals("tdm-policy") && policy.isEmpty()) {
        policy = Optional.of(a.get("content"));
      }
    }
    return TdmRepReader.values(reservation, policy, source, position);
  }
}
