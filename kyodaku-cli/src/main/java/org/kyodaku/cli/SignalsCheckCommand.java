package org.kyodaku.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kyodaku.core.decision.Basis;
import org.kyodaku.core.decision.Decision;
import org.kyodaku.core.decision.PolicyProfile;
import org.kyodaku.core.decision.Question;
import org.kyodaku.core.decision.Verdict;
import org.kyodaku.core.model.Labelled;
import org.kyodaku.core.model.Use;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Clearance;
import org.kyodaku.signals.ClearanceRule;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Ground;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.fetch.FetchException;
import org.kyodaku.signals.fetch.FetchLimits;
import org.kyodaku.signals.fetch.HttpFetcher;
import org.kyodaku.signals.fetch.SiteCheck;
import org.kyodaku.signals.fetch.SiteChecker;
import org.kyodaku.signals.robots.CrawlerTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kyodaku signals check}: fetch every signal that applies to a URL, combine them
 * fail-closed, and (with a token) ask the registry about the resource's content.
 */
@Command(
    name = "check",
    description = {
      "Fetch robots.txt, /.well-known/tdmrep.json, ai.txt, the resource (headers, HTML, embedded metadata),",
      "its TDM policy and RSL licences; print what they say per use, with evidence.",
      "With --use, also the opt-in verdict; with a token, the registry is asked about the content (SHA-256)."
    })
final class SignalsCheckCommand implements Callable<Integer> {
  static final String USER_AGENT = "kyodaku-signals/0.1 (+https://kyodaku.org/signals)";

  @Mixin ClientOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--agent", paramLabel = "TOKEN",
      description = "The crawler's product token (robots.txt groups, scoped X-Robots-Tag and meta); default: any crawler.")
  String agent;

  @Option(names = "--use", paramLabel = "USE", description = "train-ai, train-genai, ai-use or search: also print the opt-in decision.")
  String use;

  @Option(names = "--licensee", paramLabel = "ID",
      description = "Ask the registry for this licensee (default with a token: the calling party).")
  String licensee;

  @Option(names = "--territory", paramLabel = "CC", description = "Where the use happens (ISO 3166-1 alpha-2), for the registry.")
  String territory;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
      description = "Most seconds one fetch (redirects, headers and body) may take (default ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = "--max-bytes", paramLabel = "BYTES", defaultValue = "67108864",
      description = "Largest resource read for its embedded metadata (default ${DEFAULT-VALUE}).")
  long maxBytes;

  @Option(names = "--max-redirects", paramLabel = "N", defaultValue = "5",
      description = "Most redirects followed per fetch (default ${DEFAULT-VALUE}).")
  int maxRedirects;

  @Parameters(arity = "1..*", paramLabel = "URL", description = "The http(s) URLs to check.")
  List<String> urls;

  @Override
  public Integer call() {
    FetchLimits limits = limits();
    List<URI> targets = new ArrayList<>();
    for (String u : urls) {
      try {
        URI uri = new URI(u.strip());
        if (!uri.isAbsolute() || uri.getHost() == null
            || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
          throw CliException.usage("signals.not-http", u);
        }
        targets.add(uri);
      } catch (URISyntaxException e) {
        throw CliException.usage("signals.not-a-url", u, e.getReason(), e.getIndex());
      }
    }
    Optional<Use> asked = use == null ? Optional.empty() : Optional.of(Use.parse("--use", GrantCommand.uses(List.of(use)).getFirst()));
    Optional<ApiClient> registry = Optional.empty();
    String who = licensee;
    if (asked.isPresent() && options.token != null && !options.token.isBlank()) {
      ApiClient client = options.client();
      registry = Optional.of(client);
      if (who == null) {
        who = client.get("/me").path("id").asText();
      }
    }
    try (HttpFetcher fetcher = new HttpFetcher(limits, Clock.systemUTC(), USER_AGENT)) {
      SiteChecker checker = new SiteChecker(fetcher, CrawlerTokens.bundled());
      for (URI u : targets) {
        SiteCheck c;
        try {
          c = checker.check(u, Optional.ofNullable(agent));
        } catch (FetchException e) {
          throw CliException.usage("signals.fetch-refused", e.getMessage());
        }
        ObjectNode o = view(c);
        StringBuilder human = new StringBuilder(human(c));
        if (asked.isPresent()) {
          decide(o, human, c, asked.get(), registry, who);
        } else {
          o.putNull("decision");
        }
        options.print(spec.commandLine().getOut(), o, human.toString());
      }
    }
    return 0;
  }

  private FetchLimits limits() {
    if (!(timeoutSeconds > 0 && timeoutSeconds <= 600)) {
      throw CliException.usage("signals.timeout", timeoutSeconds);
    }
    try {
      return FetchLimits.DEFAULT
          .withTimeout(Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000))))
          .withMaxResourceBytes(maxBytes)
          .withMaxRedirects(maxRedirects);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("usage.invalid-setting", e.getMessage().replace("maxResourceBytes", "--max-bytes")
          .replace("maxRedirects", "--max-redirects"));
    }
  }

  /**
   * The opt-in verdict: the registry's decision through {@link ClearanceRule} when it was asked;
   * otherwise deny (an origin's allowance alone never clears content: only the registry can say
   * that no rights holder is known).
   */
  private void decide(ObjectNode o, StringBuilder human, SiteCheck c, Use u,
      Optional<ApiClient> registry, String who) {
    Preference signal = c.signals().get(Category.of(u));
    o.put("use", u.label());
    String verdict;
    String ground;
    if (registry.isPresent() && c.resourceSha256().isPresent()) {
      ObjectNode body = options.object().put("licensee", who).put("use", u.label())
          .put("sha256", c.resourceSha256().get());
      if (territory != null) {
        body.put("territory", territory);
      }
      JsonNode d = registry.get().post("/decisions", body);
      Clearance clearance = ClearanceRule.apply(decision(d, who, u), c.signals());
      verdict = clearance.verdict().label();
      ground = clearance.ground().label();
      if (clearance.ground() == Ground.ORIGIN_ALLOWED) {
        // The registry was asked about exact bytes only: a resized or re-encoded copy of a
        // registered work answers "unregistered" here, so the site's allowance cannot show that
        // no rights holder is known. Fail closed until the resource's perceptual fingerprints
        // are sent as well.
        verdict = Verdict.DENY.label();
        ground = Ground.UNREGISTERED.label();
      }
      o.putObject("registry").put("decision", d.path("decision").asText()).put("basis", d.path("basis").asText())
          .set("work", d.path("work"));
    } else {
      verdict = Verdict.DENY.label();
      ground = signal == Preference.DISALLOWED ? "reservation" : "registry-not-asked";
      o.putNull("registry");
    }
    o.put("decision", verdict).put("ground", ground);
    human.insert(human.indexOf("\n") < 0 ? human.length() : human.indexOf("\n"),
        "\n  " + options.text().message("signals.verdict", options.text().label(verdict), options.text().label(ground), u.label()));
  }

  /** The registry's answer as the core decision the clearance rule takes. */
  static Decision decision(JsonNode d, String licensee, Use u) {
    Verdict v = Labelled.parse(Verdict.class, "decision", "verdict", d.path("decision").asText());
    Basis b = Labelled.parse(Basis.class, "basis", "basis", d.path("basis").asText());
    PolicyProfile p = Labelled.parse(PolicyProfile.class, "profile", "profile", d.path("profile").asText("opt-in"));
    Optional<String> territory = d.path("territory").isTextual() ? Optional.of(d.path("territory").asText()) : Optional.empty();
    Instant at = d.path("at").isTextual() ? Instant.parse(d.path("at").asText()) : Instant.now();
    return new Decision(v, b, text(d.path("work")), text(d.path("grant")),
        d.path("matchedWorks").isArray() ? GrantCommand.texts(d.path("matchedWorks")) : List.of(),
        p, new Question(licensee, u, at, territory), List.of());
  }

  private static Optional<String> text(JsonNode n) {
    return n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
  }

  ObjectNode view(SiteCheck c) {
    ObjectNode o = options.object().put("url", c.url().toString());
    ObjectNode uses = o.putObject("uses");
    for (Category cat : Category.values()) {
      uses.put(cat.label(), c.signals().get(cat).label());
    }
    ArrayNode evidence = o.putArray("evidence");
    for (Evidence e : c.signals().evidence()) {
      ObjectNode n = evidence.addObject()
          .put("standard", e.standard().label())
          .put("version", e.standard().version())
          .put("source", e.source())
          .put("position", e.position())
          .put("value", e.value());
      c.fetchedAt(e.source()).ifPresent(t -> n.put("fetchedAt", t.toString()));
      e.error().ifPresent(x -> n.put("error", x));
    }
    ArrayNode fetches = o.putArray("fetches");
    for (SiteCheck.Fetch f : c.fetches()) {
      ObjectNode n = fetches.addObject().put("role", f.role()).put("url", f.url().toString());
      if (!f.redirects().isEmpty()) {
        ArrayNode r = n.putArray("redirects");
        f.redirects().forEach(x -> r.add(x.toString()));
      }
      n.put("outcome", f.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      if (f.status().isPresent()) {
        n.put("status", f.status().getAsInt());
      } else {
        n.putNull("status");
      }
      f.mediaType().ifPresent(m -> n.put("contentType", m));
      n.put("bytes", f.bytes()).put("truncated", f.truncated()).put("fetchedAt", f.fetchedAt().toString());
      f.error().ifPresent(x -> n.put("error", x));
    }
    if (c.resourceSha256().isPresent()) {
      o.put("sha256", c.resourceSha256().get());
    } else {
      o.putNull("sha256");
    }
    return o;
  }

  static String human(SiteCheck c) {
    StringBuilder b = new StringBuilder(c.url().toString());
    for (Category cat : Category.values()) {
      b.append("  ").append(cat.label()).append('=').append(c.signals().get(cat).label());
    }
    for (Evidence e : c.signals().evidence()) {
      b.append("\n  ").append(e.standard().label()).append("  ").append(e.source()).append("  ")
          .append(e.position()).append("  ").append(e.value());
      e.error().ifPresent(x -> b.append("  (").append(x).append(')'));
    }
    return b.toString();
  }
}
