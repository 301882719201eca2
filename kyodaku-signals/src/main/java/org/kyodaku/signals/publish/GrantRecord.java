package org.kyodaku.signals.publish;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.kyodaku.core.model.Use;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Preference;

/**
 * A work's or party's grants, as the writers publish them.
 *
 * @param holder the rights holder's display name (no control characters)
 * @param grants the grants; none means everything is reserved
 * @param terms the licence terms page, if any
 * @param licenceRequestPage where a licence can be requested
 * @param tdmPolicy where the TDMRep ODRL policy ({@link SignalWriter#tdmPolicy}) is served
 * @param rslDocument where the RSL licence document ({@link SignalWriter#rsl}) is served
 */
public record GrantRecord(
    String holder,
    List<RecordGrant> grants,
    Optional<URI> terms,
    URI licenceRequestPage,
    URI tdmPolicy,
    URI rslDocument) {

  public GrantRecord {
    if (holder.isBlank() || holder.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new PublishException("holder: \"" + holder + "\" is blank or has control characters");
    }
    grants = List.copyOf(grants);
    terms.ifPresent(t -> checkUrl("terms", t));
    checkUrl("licenceRequestPage", licenceRequestPage);
    checkUrl("tdmPolicy", tdmPolicy);
    checkUrl("rslDocument", rslDocument);
  }

  private static void checkUrl(String field, URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
        || uri.toString().chars().anyMatch(c -> c <= 0x20 || c == '"' || c == '<' || c == '>'
            || c == '\'' || c == '`' || c == '\\' || c > 0x7e)) {
      throw new PublishException(field + ": \"" + uri + "\" is not an absolute http(s) URL");
    }
  }

  /**
   * Whether {@code category} is granted to {@code agent}, or to everyone when {@code agent} is
   * empty. {@code tdm} counts as granted only when every use is.
   */
  public boolean granted(Category category, Optional<String> agent) {
    if (category == Category.TDM) {
      for (Use u : Use.values()) {
        if (!granted(Category.of(u), agent)) {
          return false;
        }
      }
      return true;
    }
    Use asked = Use.valueOf(category.name());
    for (RecordGrant g : grants) {
      boolean reaches = agent.map(g::reaches).orElse(g.everyone());
      if (reaches && g.uses().stream().anyMatch(u -> u.covers(asked))) {
        return true;
      }
    }
    return false;
  }

  /** The verdicts the writers mean: allowed exactly where granted, else disallowed. */
  public Map<Category, Preference> written(Optional<String> agent) {
    EnumMap<Category, Preference> out = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      out.put(c, granted(c, agent) ? Preference.ALLOWED : Preference.DISALLOWED);
    }
    return out;
  }

  /** Every named licensee, sorted ignoring case. */
  public List<String> licensees() {
    TreeSet<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    grants.forEach(g -> out.addAll(g.licensees()));
    return List.copyOf(out);
  }
}
