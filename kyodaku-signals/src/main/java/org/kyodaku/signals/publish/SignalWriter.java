package org.kyodaku.signals.publish;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.aipref.ContentUsage;
import org.kyodaku.signals.contentsignal.ContentSignal;
import org.kyodaku.signals.http.Header;
import org.kyodaku.signals.json.Json;
import org.kyodaku.signals.noai.RobotsDirectives;
import org.kyodaku.signals.robots.CrawlerTokens;

/**
 * Writes every signal for one {@link GrantRecord}, consistently.
 *
 * <p><b>Rule.</b> A use is written as allowed only when the record grants it to everyone (or, in a
 * licensee's own robots.txt group, to that licensee); everything else is written as reserved. Where
 * a format cannot express a distinction it states nothing rather than something wrong:
 *
 * <ul>
 *   <li>aipref {@code Content-Usage}: {@code train-ai} (vocab-07, generative training) and {@code
 *       search}, always.
 *   <li>Content Signals: {@code search}, {@code ai-input}; {@code ai-train=yes} when training any
 *       model is granted, {@code no} when not even generative training is, omitted in between.
 *   <li>robots.txt tokens: every token of the crawler table whose purpose needs a use not granted
 *       to everyone gets {@code Disallow: /}; each named licensee gets its own group ({@code Allow:
 *       /} when its token's purpose is granted to it or its token is not in the table), with its
 *       own {@code Content-Usage} and {@code Content-Signal} lines; the {@code *} group allows
 *       crawling and carries the preferences for everyone. A {@code License} line points to the RSL
 *       document.
 *   <li>TDMRep: {@code tdm-reservation: 0} only when every use is granted to everyone (TDMRep is
 *       one bit for all mining); otherwise {@code 1} with the ODRL policy, which points to the
 *       licence-request page.
 *   <li>{@code noai, noimageai} (X-Robots-Tag, robots meta) when neither generative training nor
 *       AI use is granted to everyone; never {@code noindex}, which would also remove the page
 *       from search engines.
 *   <li>ai.txt: {@code Allow: /} when training any model is granted, {@code Disallow: /} when not
 *       even generative training is, no rule in between.
 *   <li>RSL: one licence permitting the granted and prohibiting the reserved usages, and an offer
 *       licence for the reserved ones with the licence-request page as its custom payment.
 * </ul>
 */
public final class SignalWriter {
  private static final Optional<String> EVERYONE = Optional.empty();

  private final GrantRecord record;
  private final CrawlerTokens tokens;

  /** A writer for {@code record}, blocking the tokens of {@code tokens}. */
  public SignalWriter(GrantRecord record, CrawlerTokens tokens) {
    this.record = record;
    this.tokens = tokens;
  }

  private boolean granted(Category c, Optional<String> agent) {
    return record.granted(c, agent);
  }

  /**
   * Every output as a file, keyed by its path relative to a site root, in a fixed order: {@code
   * robots.txt}, {@code .well-known/tdmrep.json}, {@code tdm-policy.json}, {@code ai.txt}, {@code
   * rsl.xml}, and the snippets {@code headers.txt}, {@code nginx.conf}, {@code apache.conf}, {@code
   * Caddyfile}, {@code meta.html}. One call, one record: the files cannot disagree.
   */
  public Map<String, String> files() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("robots.txt", robotsTxt());
    out.put(".well-known/tdmrep.json", tdmrepJson());
    out.put("tdm-policy.json", tdmPolicy());
    out.put("ai.txt", aiTxt());
    out.put("rsl.xml", rsl());
    StringBuilder headers = new StringBuilder();
    headers().forEach(h -> headers.append(h.name()).append(": ").append(h.value()).append('\n'));
    out.put("headers.txt", headers.toString());
    out.put("nginx.conf", nginx());
    out.put("apache.conf", apache());
    out.put("Caddyfile", caddy());
    out.put("meta.html", htmlMeta());
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The media type each of {@link #files()} is served with. */
  public static String mediaType(String file) {
    return switch (file) {
      case ".well-known/tdmrep.json" -> "application/json";
      case "tdm-policy.json" -> "application/ld+json";
      case "rsl.xml" -> "application/rsl+xml";
      case "meta.html" -> "text/html; charset=utf-8";
      default -> "text/plain; charset=utf-8";
    };
  }

  /** The robots.txt block. */
  public String robotsTxt() {
    StringBuilder out = new StringBuilder();
    out.append("# AI-use signals for ").append(record.holder()).append(", written by Kyodaku.\n");
    out.append("# Uses not allowed below are reserved (EU Directive 2019/790 Art. 4(3)).\n");
    out.append("# Licences: ").append(record.licenceRequestPage()).append('\n');
    record.terms().ifPresent(t -> out.append("# Terms: ").append(t).append('\n'));
    out.append("License: ").append(record.rslDocument()).append("\n\n");
    List<String> licensees = record.licensees();
    List<CrawlerTokens.Token> blocked = new ArrayList<>();
    for (CrawlerTokens.Token t : tokens.all()) {
      boolean licensee = licensees.stream().anyMatch(l -> l.equalsIgnoreCase(t.name()));
      if (!licensee && !granted(t.primary().allowedCategory(), EVERYONE)) {
        blocked.add(t);
      }
    }
    blocked.sort(Comparator.comparing(CrawlerTokens.Token::name, String.CASE_INSENSITIVE_ORDER));
    if (!blocked.isEmpty()) {
      for (CrawlerTokens.Token t : blocked) {
        out.append("User-agent: ").append(t.name()).append('\n');
      }
      out.append("Disallow: /\n\n");
    }
    for (String l : licensees) {
      Optional<String> agent = Optional.of(l);
      out.append("User-agent: ").append(l).append('\n');
      Optional<CrawlerTokens.Token> t = tokens.find(l);
      if (t.isEmpty() || granted(t.get().primary().allowedCategory(), agent)) {
        out.append("Allow: /\n");
      }
      preferenceLines(out, agent);
      out.append('\n');
    }
    out.append("User-agent: *\nAllow: /\n");
    preferenceLines(out, EVERYONE);
    return out.toString();
  }

  private void preferenceLines(StringBuilder out, Optional<String> agent) {
    out.append("Content-Usage: ").append(contentUsage(agent)).append('\n');
    out.append("Content-Signal: ").append(contentSignal(agent)).append('\n');
  }

  private String contentUsage(Optional<String> agent) {
    return ContentUsage.write(granted(Category.TRAIN_GENAI, agent), granted(Category.SEARCH, agent));
  }

  private String contentSignal(Optional<String> agent) {
    Map<Category, Boolean> m = new EnumMap<>(Category.class);
    m.put(Category.SEARCH, granted(Category.SEARCH, agent));
    m.put(Category.AI_USE, granted(Category.AI_USE, agent));
    if (granted(Category.TRAIN_AI, agent)) {
      m.put(Category.TRAIN_AI, true);
    } else if (!granted(Category.TRAIN_GENAI, agent)) {
      m.put(Category.TRAIN_AI, false);
    }
    return ContentSignal.write(m);
  }

  private boolean reserved() {
    return !granted(Category.TDM, EVERYONE);
  }

  private boolean noai() {
    return !granted(Category.TRAIN_GENAI, EVERYONE) && !granted(Category.AI_USE, EVERYONE);
  }

  /** {@code /.well-known/tdmrep.json}: one rule for the whole origin. */
  public String tdmrepJson() {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("location", "/");
    rule.put("tdm-reservation", reserved() ? BigDecimal.ONE : BigDecimal.ZERO);
    if (reserved()) {
      rule.put("tdm-policy", record.tdmPolicy().toString());
    }
    return Json.write(List.of(rule));
  }

  /**
   * The TDMRep policy: an ODRL 2.2 {@code Offer} in the TDMRep profile whose assigner's {@code
   * vcard:hasURL} is the licence-request page; permission {@code tdm:mine} with the duty {@code
   * obtainConsent}.
   */
  public String tdmPolicy() {
    Map<String, Object> assigner = new LinkedHashMap<>();
    assigner.put("uid", record.licenceRequestPage().toString());
    assigner.put("vcard:fn", record.holder());
    assigner.put("vcard:hasURL", record.licenceRequestPage().toString());
    Map<String, Object> permission = new LinkedHashMap<>();
    permission.put("action", "tdm:mine");
    permission.put("duty", List.of(Map.of("action", "obtainConsent")));
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put(
        "@context", List.of("http://www.w3.org/ns/odrl.jsonld", "http://www.w3.org/ns/tdmrep.jsonld"));
    policy.put("@type", "Offer");
    policy.put("profile", "http://www.w3.org/ns/tdmrep");
    policy.put("uid", record.tdmPolicy().toString());
    policy.put("assigner", assigner);
    policy.put("permission", List.of(permission));
    return Json.write(policy);
  }

  /** Spawning {@code /ai.txt}. */
  public String aiTxt() {
    StringBuilder out = new StringBuilder();
    out.append("# ai.txt for ").append(record.holder()).append(", written by Kyodaku.\n");
    out.append("# Licences: ").append(record.licenceRequestPage()).append('\n');
    out.append("User-Agent: *\n");
    if (granted(Category.TRAIN_AI, EVERYONE)) {
      out.append("Allow: /\n");
    } else if (!granted(Category.TRAIN_GENAI, EVERYONE)) {
      out.append("Disallow: /\n");
    }
    return out.toString();
  }

  /** The HTTP response header fields, in order. */
  public List<Header> headers() {
    List<Header> out = new ArrayList<>();
    out.add(new Header("Content-Usage", contentUsage(EVERYONE)));
    out.add(new Header("tdm-reservation", reserved() ? "1" : "0"));
    if (reserved()) {
      out.add(new Header("tdm-policy", record.tdmPolicy().toString()));
    }
    if (noai()) {
      out.add(new Header("X-Robots-Tag", RobotsDirectives.noai()));
    }
    out.add(
        new Header(
            "Link",
            "<" + record.rslDocument() + ">; rel=\"license\"; type=\"application/rsl+xml\""));
    return out;
  }

  /** {@link #headers()} as nginx {@code add_header} directives. */
  public String nginx() {
    StringBuilder out = new StringBuilder("# nginx: inside a server or location block\n");
    for (Header h : headers()) {
      out.append("add_header ").append(h.name()).append(" '").append(h.value()).append("' always;\n");
    }
    return out.toString();
  }

  /** {@link #headers()} as Apache httpd mod_headers directives. */
  public String apache() {
    StringBuilder out = new StringBuilder("# Apache httpd (mod_headers)\n");
    for (Header h : headers()) {
      out.append("Header always set ")
          .append(h.name())
          .append(" \"")
          .append(h.value().replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\"\n");
    }
    return out.toString();
  }

  /** {@link #headers()} as a Caddyfile {@code header} directive. */
  public String caddy() {
    StringBuilder out = new StringBuilder("# Caddyfile: inside a site block\nheader {\n");
    for (Header h : headers()) {
      out.append("\t").append(h.name()).append(" `").append(h.value()).append("`\n");
    }
    return out.append("}\n").toString();
  }

  /** HTML head tags: TDMRep meta, robots meta, licence link. */
  public String htmlMeta() {
    StringBuilder out = new StringBuilder();
    out.append("<meta name=\"tdm-reservation\" content=\"").append(reserved() ? "1" : "0")
        .append("\">\n");
    if (reserved()) {
      out.append("<meta name=\"tdm-policy\" content=\"").append(xml(record.tdmPolicy().toString()))
          .append("\">\n");
    }
    if (noai()) {
      out.append("<meta name=\"robots\" content=\"").append(RobotsDirectives.noai()).append("\">\n");
    }
    out.append("<link rel=\"license\" type=\"application/rsl+xml\" href=\"")
        .append(xml(record.rslDocument().toString()))
        .append("\">\n");
    return out.toString();
  }

  /** The RSL 1.0 licence document. */
  public String rsl() {
    StringJoiner permits = new StringJoiner(",");
    StringJoiner prohibits = new StringJoiner(",");
    if (granted(Category.TRAIN_AI, EVERYONE)) {
      permits.add("ai-train");
    } else if (!granted(Category.TRAIN_GENAI, EVERYONE)) {
      prohibits.add("ai-train");
    }
    (granted(Category.AI_USE, EVERYONE) ? permits : prohibits).add("ai-input");
    (granted(Category.SEARCH, EVERYONE) ? permits : prohibits).add("search");
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<rsl xmlns=\"https://rslstandard.org/rsl\">\n");
    out.append("  <content url=\"/\">\n");
    out.append("    <copyright>").append(xml(record.holder())).append("</copyright>\n");
    record.terms().ifPresent(
        t -> out.append("    <terms>").append(xml(t.toString())).append("</terms>\n"));
    out.append("    <license>\n");
    if (permits.length() > 0) {
      out.append("      <permits type=\"usage\">").append(permits).append("</permits>\n");
    }
    if (prohibits.length() > 0) {
      out.append("      <prohibits type=\"usage\">").append(prohibits).append("</prohibits>\n");
    }
    out.append("    </license>\n");
    if (prohibits.length() > 0) {
      out.append("    <license>\n");
      out.append("      <permits type=\"usage\">").append(prohibits).append("</permits>\n");
      out.append("      <payment type=\"use\">\n");
      out.append("        <custom>").append(xml(record.licenceRequestPage().toString()))
          .append("</custom>\n");
      out.append("      </payment>\n");
      out.append("    </license>\n");
    }
    out.append("  </content>\n");
    out.append("</rsl>\n");
    return out.toString();
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
