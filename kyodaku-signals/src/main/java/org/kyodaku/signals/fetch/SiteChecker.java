package org.kyodaku.signals.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kyodaku.core.text.StrictUtf8;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;
import org.kyodaku.signals.aitxt.AiTxtReader;
import org.kyodaku.signals.embed.EmbedException;
import org.kyodaku.signals.embed.EmbeddedReader;
import org.kyodaku.signals.embed.Format;
import org.kyodaku.signals.html.HtmlReader;
import org.kyodaku.signals.http.Header;
import org.kyodaku.signals.http.HeaderReader;
import org.kyodaku.signals.robots.CrawlerTokens;
import org.kyodaku.signals.robots.RobotsReader;
import org.kyodaku.signals.robots.RobotsStatus;
import org.kyodaku.signals.robots.RobotsTxt;
import org.kyodaku.signals.rsl.RslReader;
import org.kyodaku.signals.tdmrep.TdmPolicyReader;
import org.kyodaku.signals.tdmrep.TdmRep;
import org.kyodaku.signals.tdmrep.TdmRepReader;

/**
 * Checks one URL against every AI-use signal that applies to it, fetching what it needs, and
 * combines them fail-closed (docs/signals.md, "Checking a URL").
 *
 * <p><b>What is fetched.</b> Per origin (once per checker: make a new checker per run, so nothing
 * is kept longer than RFC 9309 §2.4's 24 hours): {@code /robots.txt} (cut at {@link
 * RobotsTxt#LIMIT}), {@code /.well-known/tdmrep.json}, {@code /ai.txt}. Per URL: the resource
 * itself (its header fields; its HTML head, or the metadata embedded in a JPEG, PNG, WebP, TIFF,
 * PDF or EPUB body), the TDM policy when TDMRep reserves with one, and the RSL licences that
 * robots.txt {@code License:}, a {@code Link rel="license"} header or an HTML {@code <link
 * rel="license">} of type {@code application/rsl+xml} name (at most {@code maxLicences}).
 *
 * <p><b>How each outcome reads.</b>
 *
 * <ul>
 *   <li>robots.txt: 2xx parsed (whatever its media type: RFC 9309 parsers use the lines they can);
 *       4xx "unavailable", no rules and no statement — except 429, which is read as unreachable;
 *       5xx, network failure, timeout, too many redirects: "unreachable", complete disallow.
 *   <li>tdmrep.json and ai.txt: 2xx read (an HTML body is a soft "not found" and is not read); 4xx:
 *       the origin does not use the protocol, nothing stated; anything else: failed evidence.
 *   <li>The resource: 2xx read; anything else is failed evidence (its signals are unknown).
 *   <li>TDM policy: read for evidence; unreadable means "no known way to obtain permission" and the
 *       reservation stays.
 *   <li>RSL: a licence that cannot be fetched or read disallows every use (RSL asks crawlers to
 *       comply with its terms before use; unreadable terms cannot be complied with).
 * </ul>
 *
 * <p><b>Combination.</b> TDMRep's own layering ({@code tdmrep.json}, then headers, then HTML
 * meta); every other standard most-restrictively ({@link Signals#mostRestrictive}), embedded
 * metadata included. Then the <b>fail-closed rule</b>: if any evidence records a failure (a
 * document that could not be fetched or parsed), no use is read as {@code allowed} — such uses
 * become {@code unknown}, since a statement we could not read might have reserved them.
 *
 * <p>Not thread-safe: it caches the per-origin documents of one run.
 */
public final class SiteChecker {
  static final String ROBOTS = "robots.txt";
  static final String TDMREP = "tdmrep.json";
  static final String AI_TXT = "ai.txt";
  static final String RESOURCE = "resource";
  static final String POLICY = "tdm-policy";
  static final String RSL = "rsl";

  private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml");
  private static final Set<String> EMBEDDING = Set.of(
      "image/jpeg", "image/png", "image/webp", "image/tiff", "application/pdf", "application/epub+zip");
  private static final Set<String> JSON = Set.of("application/json", "application/ld+json", "text/json");
  private static final Set<String> XML = Set.of("application/rsl+xml", "application/xml", "text/xml", "text/plain");

  private final HttpFetcher fetcher;
  private final RobotsReader robots;
  private final Map<String, OriginDocuments> origins = new LinkedHashMap<>();

  private record OriginDocuments(Fetched robots, Fetched tdmrep, Fetched aiTxt) {}

  /** A checker fetching with {@code fetcher} and classifying crawler tokens with {@code tokens}. */
  public SiteChecker(HttpFetcher fetcher, CrawlerTokens tokens) {
    this.fetcher = fetcher;
    this.robots = new RobotsReader(tokens);
  }

  /**
   * Checks {@code url}.
   *
   * @param agent the crawler's product token (robots groups, scoped {@code X-Robots-Tag} and meta),
   *     or empty for "any crawler"
   * @throws FetchException if {@code url} is not an absolute http(s) URL with a host
   */
  public SiteCheck check(URI url, Optional<String> agent) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))
        || url.getHost() == null || url.getHost().isEmpty()) {
      throw new FetchException("not an absolute http(s) URL with a host: \"" + url + "\"");
    }
    String origin = scheme + "://" + url.getRawAuthority().toLowerCase(Locale.ROOT);
    String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    OriginDocuments docs = origins.computeIfAbsent(origin, this::fetchOrigin);
    FetchLimits limits = fetcher.limits();

    List<SiteCheck.Fetch> log = new ArrayList<>();
    List<Signals> parts = new ArrayList<>();
    List<URI> licences = new ArrayList<>();

    log.add(SiteCheck.Fetch.of(ROBOTS, docs.robots()));
    parts.add(robotsTxt(docs.robots(), path, agent, licences));
    log.add(SiteCheck.Fetch.of(TDMREP, docs.tdmrep()));
    TdmRep tdm = wellKnown(docs.tdmrep(), path);
    log.add(SiteCheck.Fetch.of(AI_TXT, docs.aiTxt()));
    parts.add(aiTxt(docs.aiTxt(), path, agent));

    Fetched resource = fetcher.fetch(url, limits.maxResourceBytes(), false, "*/*");
    log.add(SiteCheck.Fetch.of(RESOURCE, resource));
    Optional<String> sha256 = Optional.empty();
    String src = resource.url().toString();
    if (resource.succeeded()) {
      byte[] body = resource.body();
      sha256 = Optional.of(sha256(body));
      List<Header> headers = resource.headers();
      Signals fromHeaders = HeaderReader.withoutTdmRep(headers, agent, src);
      parts.add(fromHeaders);
      licences.addAll(rslLinks(fromHeaders));
      tdm = tdm.then(HeaderReader.tdmRep(headers, src));
      Optional<String> media = resource.mediaType();
      if (media.isPresent() && HTML.contains(media.get())) {
        String html = new String(body, charset(headers));
        Signals fromHtml = HtmlReader.withoutTdmRep(html, agent, src);
        parts.add(fromHtml);
        licences.addAll(rslLinks(fromHtml));
        tdm = tdm.then(HtmlReader.tdmRep(html, src));
      } else {
        parts.add(embedded(body, media, src));
      }
    } else {
      parts.add(Signals.unknown(List.of(Evidence.failure(Standard.HTTP, src, "fetch",
          resource.describe(), Map.of(), "resource not read (" + resource.describe()
              + "): its headers and embedded metadata are unknown"))));
    }
    parts.add(tdm.toSignals());
    if (tdm.reserved().orElse(false) && tdm.policy().isPresent()) {
      parts.add(policy(tdm.policy().get(), url, log));
    }
    parts.add(licences(licences, path, limits, log));

    Signals combined = Signals.mostRestrictive(parts);
    return new SiteCheck(url, failClosed(combined), log, sha256);
  }

  private OriginDocuments fetchOrigin(String origin) {
    int robotsCap = RobotsTxt.LIMIT + 1; // one byte more, so that the parser sees the cut
    return new OriginDocuments(
        fetcher.fetch(URI.create(origin + "/robots.txt"), robotsCap, true, "text/plain, */*;q=0.5"),
        fetcher.fetch(URI.create(origin + "/.well-known/tdmrep.json"), fetcher.limits().maxDocumentBytes(),
            false, "application/json, */*;q=0.5"),
        fetcher.fetch(URI.create(origin + "/ai.txt"), fetcher.limits().maxDocumentBytes(), false,
            "text/plain, */*;q=0.5"));
  }

  private Signals robotsTxt(Fetched f, String path, Optional<String> agent, List<URI> licences) {
    String src = f.url().toString();
    RobotsStatus status = switch (f.outcome()) {
      case SUCCESS -> RobotsStatus.FETCHED;
      // 429 asks the crawler to come back later: the rules exist but were not given to us.
      case CLIENT_ERROR -> f.status().orElse(0) == 429 ? RobotsStatus.UNREACHABLE : RobotsStatus.UNAVAILABLE;
      case SERVER_ERROR, FAILED -> RobotsStatus.UNREACHABLE;
    };
    byte[] body = status == RobotsStatus.FETCHED ? f.body() : new byte[0];
    Signals read = robots.read(src, status, body, path, agent);
    List<Evidence> notes = new ArrayList<>();
    if (!f.succeeded()) {
      notes.add(Evidence.of(Standard.HTTP, src, "fetch", f.describe(), Map.of()));
    } else {
      f.mediaType().filter(m -> !m.equals("text/plain")).ifPresent(m -> notes.add(Evidence.of(
          Standard.HTTP, src, "fetch", "served as " + m + ", not text/plain; parsed anyway (RFC 9309 §2.2)",
          Map.of())));
      for (RobotsTxt.Line line : RobotsTxt.parse(body).globals()) {
        if (line.key().equals("license")) {
          resolve(f.finalUrl(), line.value()).ifPresent(licences::add);
        }
      }
    }
    return read.and(Signals.unknown(notes));
  }

  private static TdmRep wellKnown(Fetched f, String path) {
    String src = f.url().toString();
    return switch (f.outcome()) {
      case SUCCESS -> {
        if (f.mediaType().filter(HTML::contains).isPresent()) {
          yield note(Standard.TDMREP, src, "served as " + f.mediaType().get()
              + ": not a tdmrep.json (the origin does not use TDMRep)");
        }
        Optional<String> text = StrictUtf8.decode(f.body());
        if (text.isEmpty()) {
          yield new TdmRep(Optional.empty(), Optional.empty(), List.of(Evidence.failure(Standard.TDMREP, src,
              "document", "(" + f.size() + " bytes)", Map.of(), "tdmrep.json is not UTF-8 text; treated as unset")));
        }
        yield TdmRepReader.wellKnown(text.get(), path, src);
      }
      case CLIENT_ERROR -> note(Standard.TDMREP, src, f.describe() + ": the origin does not use TDMRep");
      case SERVER_ERROR, FAILED -> new TdmRep(Optional.empty(), Optional.empty(), List.of(Evidence.failure(
          Standard.TDMREP, src, "fetch", f.describe(), Map.of(),
          "tdmrep.json could not be fetched (" + f.describe() + "); treated as unset")));
    };
  }

  private static TdmRep note(Standard standard, String src, String what) {
    return new TdmRep(Optional.empty(), Optional.empty(), List.of(Evidence.of(standard, src, "fetch", what, Map.of())));
  }

  private static Signals aiTxt(Fetched f, String path, Optional<String> agent) {
    String src = f.url().toString();
    return switch (f.outcome()) {
      case SUCCESS -> f.mediaType().filter(HTML::contains).isPresent()
          ? Signals.unknown(List.of(Evidence.of(Standard.AI_TXT, src, "fetch",
              "served as " + f.mediaType().get() + ": not an ai.txt", Map.of())))
          : AiTxtReader.read(f.body(), path, agent, src);
      case CLIENT_ERROR -> Signals.unknown(List.of(Evidence.of(Standard.AI_TXT, src, "fetch",
          f.describe() + ": no ai.txt", Map.of())));
      case SERVER_ERROR, FAILED -> Signals.unknown(List.of(Evidence.failure(Standard.AI_TXT, src, "fetch",
          f.describe(), Map.of(), "ai.txt could not be fetched (" + f.describe() + ")")));
    };
  }

  private static Signals embedded(byte[] body, Optional<String> media, String src) {
    if (Format.of(body).isPresent()) {
      try {
        return EmbeddedReader.read(body, src);
      } catch (EmbedException e) {
        return Signals.unknown(List.of(Evidence.failure(Standard.HTTP, src, "body", media.orElse("(no type)"),
            Map.of(), "embedded metadata not readable: " + e.getMessage())));
      }
    }
    if (media.isPresent() && EMBEDDING.contains(media.get())) {
      return Signals.unknown(List.of(Evidence.failure(Standard.HTTP, src, "body", media.get(), Map.of(),
          "served as " + media.get() + " but the body is not such a file")));
    }
    return Signals.unknown(List.of(Evidence.of(Standard.HTTP, src, "body",
        media.orElse("(no type)") + ": no embedded metadata read from this type", Map.of())));
  }

  private Signals policy(String policy, URI base, List<SiteCheck.Fetch> log) {
    Optional<URI> at = resolve(base, policy);
    if (at.isEmpty()) {
      return Signals.unknown(List.of(TdmPolicyReader.unreachable(policy, "not an http(s) URL")));
    }
    Fetched f = fetcher.fetch(at.get(), fetcher.limits().maxDocumentBytes(), false,
        "application/ld+json, application/json, text/html;q=0.5");
    log.add(SiteCheck.Fetch.of(POLICY, f));
    String src = f.url().toString();
    if (!f.succeeded()) {
      return Signals.unknown(List.of(TdmPolicyReader.unreachable(src, f.describe())));
    }
    Optional<String> media = f.mediaType();
    if (media.isPresent() && HTML.contains(media.get())) {
      return Signals.unknown(List.of(Evidence.of(Standard.TDMREP, src, "policy",
          "human-readable policy (" + media.get() + ")", Map.of())));
    }
    if (media.isPresent() && !JSON.contains(media.get()) && !media.get().endsWith("+json")) {
      return Signals.unknown(List.of(TdmPolicyReader.unreachable(src, "served as " + media.get())));
    }
    Optional<String> text = StrictUtf8.decode(f.body());
    return Signals.unknown(List.of(text.isPresent()
        ? TdmPolicyReader.read(text.get(), src)
        : TdmPolicyReader.unreachable(src, "not UTF-8 text")));
  }

  private Signals licences(List<URI> found, String path, FetchLimits limits, List<SiteCheck.Fetch> log) {
    List<URI> unique = new ArrayList<>(new LinkedHashSet<>(found));
    List<Signals> parts = new ArrayList<>();
    for (int i = 0; i < unique.size(); i++) {
      URI u = unique.get(i);
      if (i >= limits.maxLicences()) {
        parts.add(Signals.unknown(List.of(Evidence.failure(Standard.RSL, u.toString(), "fetch", "(not fetched)",
            Map.of(), "more than " + limits.maxLicences() + " RSL licences named; this one was not read"))));
        continue;
      }
      Fetched f = fetcher.fetch(u, limits.maxDocumentBytes(), false,
          "application/rsl+xml, application/xml;q=0.9, text/xml;q=0.9");
      log.add(SiteCheck.Fetch.of(RSL, f));
      String src = f.url().toString();
      Optional<String> media = f.mediaType();
      if (!f.succeeded()) {
        parts.add(unreadableLicence(src, f.describe()));
      } else if (media.isPresent() && !XML.contains(media.get()) && !media.get().endsWith("+xml")) {
        parts.add(unreadableLicence(src, "served as " + media.get() + ", not XML"));
      } else {
        parts.add(RslReader.read(f.body(), path, src));
      }
    }
    return Signals.mostRestrictive(parts);
  }

  private static Signals unreadableLicence(String src, String why) {
    EnumMap<Category, Preference> all = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      all.put(c, Preference.DISALLOWED);
    }
    return Signals.of(all, List.of(Evidence.failure(Standard.RSL, src, "fetch", why, all,
        "RSL licence not readable (" + why + "): its terms cannot be complied with, so no use is cleared")));
  }

  /** The RSL licence URLs that evidence of license links names. */
  private static List<URI> rslLinks(Signals s) {
    List<URI> out = new ArrayList<>();
    for (Evidence e : s.evidence()) {
      if (e.standard() == Standard.RSL && !e.failed()) {
        try {
          resolve(new URI(e.source()), e.value()).ifPresent(out::add);
        } catch (URISyntaxException ignored) {
          // the source is our own URL string; a license link on it is resolved against it or not at all
        }
      }
    }
    return out;
  }

  /**
   * The fail-closed rule: with any failed evidence, nothing reads as allowed (a statement we could
   * not read may have reserved it).
   */
  static Signals failClosed(Signals s) {
    if (!s.anyFailure() || !s.verdicts().containsValue(Preference.ALLOWED)) {
      return s;
    }
    EnumMap<Category, Preference> out = new EnumMap<>(Category.class);
    List<String> demoted = new ArrayList<>();
    for (Category c : Category.values()) {
      Preference p = s.get(c);
      if (p == Preference.ALLOWED) {
        demoted.add(c.label());
        p = Preference.UNKNOWN;
      }
      out.put(c, p);
    }
    List<Evidence> evidence = new ArrayList<>(s.evidence());
    evidence.add(Evidence.of(Standard.HTTP, "kyodaku", "combination", "allowed read as unknown for "
        + String.join(", ", demoted) + ": a document could not be fetched or read", Map.of()));
    return new Signals(out, evidence);
  }

  private static Optional<URI> resolve(URI base, String ref) {
    try {
      URI u = base.resolve(new URI(ref.strip()));
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null
          ? Optional.of(u) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The charset a Content-Type names, if the JDK knows it; else UTF-8 (HTML's default). */
  private static Charset charset(List<Header> headers) {
    for (Header h : headers.reversed()) {
      if (!h.is("content-type")) {
        continue;
      }
      for (String param : h.value().split(";")) {
        String p = param.strip();
        if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
          String name = p.substring(8).replace("\"", "").strip();
          try {
            return Charset.forName(name);
          } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
          }
        }
      }
      break;
    }
    return StandardCharsets.UTF_8;
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
