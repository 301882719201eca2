package org.kyodaku.signals.robots;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed robots.txt (RFC 9309).
 *
 * <p><b>Parsing</b> (§2.2, §2.3.1.5, §2.5). Only the first {@value #LIMIT} bytes (500 KiB) are
 * read; a line cut by the limit is dropped, so a truncated {@code Disallow: /private} never becomes
 * a broader {@code Disallow: /p}. A UTF-8 byte order mark is skipped; malformed UTF-8 becomes
 * U+FFFD. Lines end at CR, LF or CRLF; {@code #} starts a comment. A line is {@code key:value};
 * keys are case-insensitive and trimmed. Lines that do not parse and unknown keys are ignored, as
 * §2.2 requires. One or more {@code user-agent} lines open a group; a {@code user-agent} after a
 * rule opens a new group; rules before the first group are ignored. Besides {@code allow} and
 * {@code disallow}, group lines {@code content-usage} and {@code content-signal} are kept for the
 * extension readers, and {@code license} (RSL) and {@code sitemap} lines are kept wherever they
 * appear.
 *
 * <p><b>Product tokens.</b> A {@code user-agent} value is compared case-insensitively with the
 * crawler's token after cutting it at the first {@code /} (a version) and trimming. Unlike §2.2.1
 * (letters, {@code -}, {@code _}) digits and inner spaces are accepted because deployed AI tokens
 * have them ({@code AI2Bot}, {@code Kangaroo Bot}). Every group naming the token applies, merged;
 * if none does, the {@code *} groups apply; if there are none, nothing is disallowed.
 *
 * <p><b>Matching</b> (§2.2.2, §2.2.3). Paths and patterns are normalised alike: non-ASCII
 * characters are percent-encoded as UTF-8, {@code %XX} of an unreserved character is decoded,
 * other escapes get upper-case hex. A pattern matches a prefix of the path; {@code *} matches any
 * sequence and a final {@code $} anchors the end. The rule with the longest (normalised) pattern
 * wins; an {@code allow} and a {@code disallow} of equal length: allow. Empty patterns are not
 * rules. {@code /robots.txt} is always allowed.
 */
public final class RobotsTxt {
  /** RFC 9309 §2.5: crawlers must parse at least 500 kibibytes. */
  public static final int LIMIT = 500 * 1024;

  /** An allow or disallow rule. */
  public record Rule(boolean allow, String pattern, int line, String text) {}

  /** A non-rule line kept for extension readers: key in lower case. */
  public record Line(String key, String value, int line, String text) {}

  /** A group: its user-agent values, rules and extension lines, in file order. */
  public record Group(List<String> agents, List<Rule> rules, List<Line> extensions) {
    public Group {
      agents = List.copyOf(agents);
      rules = List.copyOf(rules);
      extensions = List.copyOf(extensions);
    }
  }

  /**
   * How a path was decided for an agent.
   *
   * @param allowed whether the agent may crawl the path
   * @param rule the rule that decided, empty when no rule matched
   * @param named whether a group naming the agent applied (rather than {@code *} or none)
   */
  public record Access(boolean allowed, Optional<Rule> rule, boolean named) {}

  private final List<Group> groups;
  private final List<Line> globals;
  private final boolean truncated;

  private RobotsTxt(List<Group> groups, List<Line> globals, boolean truncated) {
    this.groups = List.copyOf(groups);
    this.globals = List.copyOf(globals);
    this.truncated = truncated;
  }

  /** Parses a robots.txt body. Never fails: what cannot be parsed is ignored (§2.2). */
  public static RobotsTxt parse(byte[] body) {
    int length = body.length;
    boolean truncated = false;
    if (length > LIMIT) {
      truncated = true;
      length = LIMIT;
      while (length > 0 && body[length - 1] != '\n' && body[length - 1] != '\r') {
        length--;
      }
    }
    int start = 0;
    if (length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb
        && (body[2] & 0xff) == 0xbf) {
      start = 3;
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(body, start, length - start))
              .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("REPLACE never throws", e);
    }
    return parse(text, truncated);
  }

  private static RobotsTxt parse(String text, boolean truncated) {
    List<Group> groups = new ArrayList<>();
    List<Line> globals = new ArrayList<>();
    List<String> agents = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    List<Line> extensions = new ArrayList<>();
    boolean inRules = false;
    int lineNo = 0;
    int i = 0;
    while (i <= text.length()) {
      int eol = i;
      while (eol < text.length() && text.charAt(eol) != '\n' && text.charAt(eol) != '\r') {
        eol++;
      }
      lineNo++;
      String raw = text.substring(i, eol);
      i = eol + 1;
      if (eol < text.length() && text.charAt(eol) == '\r' && i < text.length()
          && text.charAt(i) == '\n') {
        i++;
      }
      int hash = raw.indexOf('#');
      String content = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      int colon = content.indexOf(':');
      if (colon <= 0) {
        if (eol >= text.length()) {
          break;
        }
        continue;
      }
      String key = content.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = content.substring(colon + 1).strip();
      switch (key) {
        case "user-agent" -> {
          if (inRules) {
            groups.add(new Group(agents, rules, extensions));
            agents = new ArrayList<>();
            rules = new ArrayList<>();
            extensions = new ArrayList<>();
            inRules = false;
          }
          agents.add(value);
        }
        case "allow", "disallow" -> {
          if (!agents.isEmpty()) {
            inRules = true;
            if (!value.isEmpty()) {
              rules.add(new Rule(key.equals("allow"), value, lineNo, content));
            }
          }
        }
        case "content-usage", "content-signal" -> {
          if (!agents.isEmpty()) {
            inRules = true;
            extensions.add(new Line(key, value, lineNo, content));
          }
        }
        case "license", "sitemap" -> globals.add(new Line(key, value, lineNo, content));
        default -> {
          // §2.2: unknown records are ignored.
        }
      }
      if (eol >= text.length()) {
        break;
      }
    }
    if (!agents.isEmpty()) {
      groups.add(new Group(agents, rules, extensions));
    }
    return new RobotsTxt(groups, globals, truncated);
  }

  /** Every group in file order. */
  public List<Group> groups() {
    return groups;
  }

  /** {@code license} and {@code sitemap} lines, wherever they appeared. */
  public List<Line> globals() {
    return globals;
  }

  /** Whether the body exceeded {@link #LIMIT} and only its first part was read. */
  public boolean truncated() {
    return truncated;
  }

  /** The groups that apply to {@code agent}: those naming it, else the {@code *} groups. */
  public List<Group> groupsFor(String agent) {
    List<Group> named = namedGroups(agent);
    return named.isEmpty() ? starGroups() : named;
  }

  /** The groups naming {@code agent} (not {@code *}). */
  public List<Group> namedGroups(String agent) {
    String wanted = agent.strip().toLowerCase(Locale.ROOT);
    List<Group> out = new ArrayList<>();
    for (Group g : groups) {
      for (String a : g.agents()) {
        if (productToken(a).equals(wanted) && !wanted.equals("*")) {
          out.add(g);
          break;
        }
      }
    }
    return out;
  }

  /** The {@code *} groups. */
  public List<Group> starGroups() {
    List<Group> out = new ArrayList<>();
    for (Group g : groups) {
      if (g.agents().stream().anyMatch(a -> productToken(a).equals("*"))) {
        out.add(g);
      }
    }
    return out;
  }

  private static String productToken(String value) {
    int slash = value.indexOf('/');
    return (slash >= 0 ? value.substring(0, slash) : value).strip().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code agent} may crawl {@code path} (a path with optional query). */
  public boolean isAllowed(String agent, String path) {
    return access(agent, path).allowed();
  }

  /** How {@code agent}'s access to {@code path} is decided, with the deciding rule. */
  public Access access(String agent, String path) {
    List<Group> named = namedGroups(agent);
    List<Group> applicable = named.isEmpty() ? starGroups() : named;
    String target = PathPattern.normalise(path.isEmpty() ? "/" : path);
    if (target.equals("/robots.txt")) {
      return new Access(true, Optional.empty(), !named.isEmpty());
    }
    Rule best = null;
    int bestLength = -1;
    for (Group g : applicable) {
      for (Rule r : g.rules()) {
        String pattern = PathPattern.normalise(r.pattern());
        if (!PathPattern.matches(pattern, target)) {
          continue;
        }
        int len = pattern.length();
        if (len > bestLength || (len == bestLength && r.allow() && best != null && !best.allow())) {
          best = r;
          bestLength = len;
        }
      }
    }
    return new Access(best == null || best.allow(), Optional.ofNullable(best), !named.isEmpty());
  }
}
