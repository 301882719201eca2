package org.kyodaku.signals.noai;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;

/**
 * Reads robots directives ({@code X-Robots-Tag} values, robots {@code <meta>} content) for AI use.
 *
 * <p><b>Syntax.</b> A value is a comma-separated list of directives, case-insensitive, optionally
 * prefixed by {@code agent:} to scope it to one crawler ({@code X-Robots-Tag: googlebot: noindex}).
 * A prefix that is itself a directive taking a value ({@code unavailable_after}, {@code max-snippet}
 * …) is not an agent. Scoped values count for that agent only; for "any crawler" every value counts
 * (a restriction on one crawler means not everyone may).
 *
 * <p><b>Meaning</b> (shared/research/signals.md §3.3). {@code noai}: no AI use of the content:
 * {@code train-ai} and {@code ai-use} disallowed. {@code noimageai}: the same for images; the reader
 * does not know the media type, so it reads it like {@code noai} (fail closed). {@code noindex} and
 * {@code none}: {@code search} disallowed. Nothing here can allow a use: the convention has no
 * positive directive, so the reader never yields {@code allowed}. Unknown directives are ignored.
 */
public final class RobotsDirectives {
  private static final Pattern SCOPED = Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*:(.*)$", Pattern.DOTALL);
  private static final Set<String> VALUED =
      Set.of("unavailable_after", "max-snippet", "max-image-preview", "max-video-preview");

  private RobotsDirectives() {}

  /**
   * Reads directive values.
   *
   * @param values each header field line or meta content
   * @param agent the asking crawler's token, or empty for any crawler
   * @param source for evidence, e.g. {@code header X-Robots-Tag}
   */
  public static Signals read(List<Scoped> values, Optional<String> agent, String source) {
    EnumMap<Category, Preference> says = new EnumMap<>(Category.class);
    List<Evidence> evidence = new ArrayList<>();
    for (Scoped v : values) {
      Optional<String> scope = v.agent();
      String directives = v.directives();
      if (scope.isEmpty()) {
        Matcher m = SCOPED.matcher(v.directives());
        if (m.matches() && !VALUED.contains(m.group(1).toLowerCase(Locale.ROOT))) {
          scope = Optional.of(m.group(1));
          directives = m.group(2);
        }
      }
      if (scope.isPresent()
          && agent.isPresent()
          && !scope.get().equalsIgnoreCase(agent.get())
          && !scope.get().equalsIgnoreCase("robots")) {
        continue;
      }
      EnumMap<Category, Preference> own = new EnumMap<>(Category.class);
      for (String d : directives.split(",")) {
        switch (d.strip().toLowerCase(Locale.ROOT)) {
          case "noai", "noimageai" -> {
            own.put(Category.TRAIN_AI, Preference.DISALLOWED);
            own.put(Category.AI_USE, Preference.DISALLOWED);
          }
          case "noindex", "none" -> own.put(Category.SEARCH, Preference.DISALLOWED);
          default -> {
            // Other robots directives say nothing about AI use.
          }
        }
      }
      if (!own.isEmpty()) {
        says.putAll(own);
        evidence.add(Evidence.of(Standard.NOAI, source, v.position(), v.text(), own));
      }
    }
    return Signals.of(says, evidence);
  }

  /**
   * One directive list.
   *
   * @param agent the scope when the carrier names it separately (a meta {@code name} other than
   *     {@code robots}); empty to let an {@code agent:} prefix decide
   * @param directives the comma-separated directives
   * @param position where it was found
   * @param text the raw text for evidence
   */
  public record Scoped(Optional<String> agent, String directives, String position, String text) {}

  /** Writes the directives a record needs: {@code noai, noimageai}. */
  public static String noai() {
    return "noai, noimageai";
  }

}
