package org.kyodaku.signals.robots;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;
import org.kyodaku.signals.aipref.ContentUsage;
import org.kyodaku.signals.contentsignal.ContentSignal;

/**
 * Reads the AI-use signals a robots.txt gives for one path, for one agent or for any crawler.
 *
 * <p><b>Access status</b> (RFC 9309 §2.3.1). {@code unavailable} (4xx) means crawling is
 * unrestricted, which is no statement about use: every category unknown. {@code unreachable} (5xx,
 * network) means complete disallow: every category disallowed (this is the fail-closed case).
 *
 * <p><b>Tokens.</b> For an agent: if it may not crawl the path, every category is disallowed (it
 * cannot use what it may not fetch); if an {@code allow} rule of a group naming it matches the path, the category its
 * primary purpose allows becomes allowed ({@code train-genai} for training and dataset crawlers,
 * the narrowest use that needs the crawl, else {@code search} or {@code ai-use}). For any crawler
 * (no agent): a {@code *} group disallowing the path disallows every category; each token of the
 * table that may not crawl the path disallows its primary purpose's category ({@code train-ai} for
 * training and dataset crawlers); an allow for a named token is not an allowance for everyone and
 * states nothing.
 *
 * <p><b>Extension lines</b>, only when the path is crawlable for the agent (or for {@code *}), from
 * the groups that apply to it: {@code Content-Usage} (aipref attach §4: optional path, then the
 * preference; the longest matching path wins, identical lengths combine most-restrictively; no path
 * matches everything with length 0), {@code Content-Signal} (all lines combine most-restrictively).
 * {@code License} lines (RSL) are reported as evidence and state nothing.
 *
 * <p>The four sources combine most-restrictively; each is first closed under category nesting.
 */
public final class RobotsReader {
  private final CrawlerTokens tokens;

  /** A reader classifying tokens with {@code tokens}. */
  public RobotsReader(CrawlerTokens tokens) {
    this.tokens = tokens;
  }

  /**
   * Reads a robots.txt outcome.
   *
   * @param source what was fetched, for evidence (e.g. {@code https://example.com/robots.txt})
   * @param status how the fetch ended
   * @param body the body, read only when {@code status} is {@code fetched}
   * @param path the URL path (and query) the question is about
   * @param agent the asking crawler's product token, or empty for "any crawler"
   */
  public Signals read(
      String source, RobotsStatus status, byte[] body, String path, Optional<String> agent) {
    return switch (status) {
      case UNAVAILABLE ->
          Signals.unknown(
              List.of(
                  Evidence.of(
                      Standard.ROBOTS_TXT, source, "status", "4xx unavailable: no rules", Map.of())));
      case UNREACHABLE -> {
        Map<Category, Preference> all = everything(Preference.DISALLOWED);
        yield Signals.of(
            all,
            List.of(
                Evidence.failure(
                    Standard.ROBOTS_TXT,
                    source,
                    "status",
                    "5xx or network error",
                    all,
                    "robots.txt unreachable: complete disallow (RFC 9309 §2.3.1.4)")));
      }
      case FETCHED -> read(source, RobotsTxt.parse(body), path, agent);
    };
  }

  /** Reads an already parsed robots.txt. */
  public Signals read(String source, RobotsTxt robots, String path, Optional<String> agent) {
    List<Signals> parts = new ArrayList<>();
    List<Evidence> notes = new ArrayList<>();
    if (robots.truncated()) {
      notes.add(
          Evidence.of(
              Standard.ROBOTS_TXT,
              source,
              "byte " + RobotsTxt.LIMIT,
              "only the first " + RobotsTxt.LIMIT + " bytes were read (RFC 9309 §2.5)",
              Map.of()));
    }
    boolean crawlable;
    List<RobotsTxt.Group> groups;
    if (agent.isPresent()) {
      RobotsTxt.Access access = robots.access(agent.get(), path);
      crawlable = access.allowed();
      groups = robots.groupsFor(agent.get());
      parts.add(agentAccess(source, agent.get(), access));
    } else {
      RobotsTxt.Access star = robots.access("*", path);
      crawlable = star.allowed();
      groups = robots.starGroups();
      parts.add(anyCrawler(source, robots, path, star));
    }
    if (crawlable) {
      parts.add(contentUsage(source, groups, path));
      parts.add(contentSignals(source, groups));
    }
    for (RobotsTxt.Line line : robots.globals()) {
      if (line.key().equals("license")) {
        notes.add(
            Evidence.of(Standard.RSL, source, "line " + line.line(), line.value(), Map.of()));
      }
    }
    parts.add(Signals.unknown(notes));
    return Signals.mostRestrictive(parts);
  }

  private Signals agentAccess(String source, String agent, RobotsTxt.Access access) {
    if (!access.allowed()) {
      Map<Category, Preference> all = everything(Preference.DISALLOWED);
      return Signals.of(all, List.of(ruleEvidence(source, access, agent, all)));
    }
    Optional<CrawlerTokens.Token> token = tokens.find(agent);
    if (access.named() && token.isPresent() && access.rule().isPresent()) {
      Map<Category, Preference> says =
          Map.of(token.get().primary().allowedCategory(), Preference.ALLOWED);
      return Signals.of(says, List.of(ruleEvidence(source, access, agent, says)));
    }
    return Signals.none();
  }

  private Signals anyCrawler(
      String source, RobotsTxt robots, String path, RobotsTxt.Access star) {
    if (!star.allowed()) {
      Map<Category, Preference> all = everything(Preference.DISALLOWED);
      return Signals.of(all, List.of(ruleEvidence(source, star, "*", all)));
    }
    EnumMap<Category, Preference> says = new EnumMap<>(Category.class);
    // One evidence entry per deciding rule, naming the tokens it blocks.
    Map<RobotsTxt.Rule, TreeSet<String>> blockedBy = new LinkedHashMap<>();
    Map<RobotsTxt.Rule, EnumMap<Category, Preference>> ruleSays = new LinkedHashMap<>();
    for (CrawlerTokens.Token t : tokens.all()) {
      RobotsTxt.Access a = robots.access(t.name(), path);
      if (a.allowed() || a.rule().isEmpty()) {
        continue;
      }
      Category c = t.primary().category();
      says.put(c, Preference.DISALLOWED);
      blockedBy.computeIfAbsent(a.rule().get(), r -> new TreeSet<>()).add(t.name());
      ruleSays.computeIfAbsent(a.rule().get(), r -> new EnumMap<>(Category.class))
          .put(c, Preference.DISALLOWED);
    }
    List<Evidence> evidence = new ArrayList<>();
    blockedBy.entrySet().stream()
        .sorted((x, y) -> Integer.compare(x.getKey().line(), y.getKey().line()))
        .forEach(
            e ->
                evidence.add(
                    Evidence.of(
                        Standard.ROBOTS_TXT,
                        source,
                        "line " + e.getKey().line(),
                        e.getKey().text() + " for " + String.join(", ", e.getValue()),
                        ruleSays.get(e.getKey()))));
    return Signals.of(says, evidence);
  }

  private static Evidence ruleEvidence(
      String source, RobotsTxt.Access access, String agent, Map<Category, Preference> says) {
    String position = access.rule().map(r -> "line " + r.line()).orElse("no matching rule");
    String value =
        access.rule().map(RobotsTxt.Rule::text).orElse(access.allowed() ? "allowed" : "disallowed")
            + " for "
            + agent;
    return Evidence.of(Standard.ROBOTS_TXT, source, position, value, says);
  }

  private static Signals contentUsage(String source, List<RobotsTxt.Group> groups, String path) {
    String target = PathPattern.normalise(path.isEmpty() ? "/" : path);
    int best = -1;
    List<Evidence> chosen = new ArrayList<>();
    for (RobotsTxt.Group g : groups) {
      for (RobotsTxt.Line line : g.extensions()) {
        if (!line.key().equals("content-usage")) {
          continue;
        }
        String value = line.value();
        String pattern = "";
        String prefs = value;
        if (value.startsWith("/")) {
          int ws = 0;
          while (ws < value.length() && value.charAt(ws) != ' ' && value.charAt(ws) != '\t') {
            ws++;
          }
          pattern = PathPattern.normalise(value.substring(0, ws));
          prefs = value.substring(ws).strip();
        }
        if (!PathPattern.matches(pattern, target)) {
          continue;
        }
        Evidence e = ContentUsage.statement(prefs, source, "line " + line.line());
        if (pattern.length() > best) {
          best = pattern.length();
          chosen.clear();
        }
        if (pattern.length() == best) {
          chosen.add(e);
        }
      }
    }
    EnumMap<Category, Preference> says = new EnumMap<>(Category.class);
    for (Evidence e : chosen) {
      e.says().forEach((c, p) -> says.merge(c, p, Preference::restrict));
    }
    return Signals.of(says, chosen);
  }

  private static Signals contentSignals(String source, List<RobotsTxt.Group> groups) {
    EnumMap<Category, Preference> says = new EnumMap<>(Category.class);
    List<Evidence> evidence = new ArrayList<>();
    for (RobotsTxt.Group g : groups) {
      for (RobotsTxt.Line line : g.extensions()) {
        if (line.key().equals("content-signal")) {
          Evidence e = ContentSignal.read(line.value(), source, "line " + line.line());
          e.says().forEach((c, p) -> says.merge(c, p, Preference::restrict));
          evidence.add(e);
        }
      }
    }
    return Signals.of(says, evidence);
  }

  private static Map<Category, Preference> everything(Preference p) {
    EnumMap<Category, Preference> all = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      all.put(c, p);
    }
    return all;
  }
}
