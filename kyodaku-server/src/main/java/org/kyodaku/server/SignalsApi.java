package org.kyodaku.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.signals.publish.GrantRecord;
import org.kyodaku.signals.publish.PublishedGrants;
import org.kyodaku.signals.publish.SignalWriter;
import org.kyodaku.signals.robots.CrawlerTokens;

/**
 * Serves a party's AI-use signal files, compiled on every request from the registry's grants as
 * they are at that instant, so that they are always in step with it (docs/signals.md,
 * "Publishing"). Anyone may read them: crawlers fetch the TDM policy and the RSL document from
 * here without a token.
 *
 * <ul>
 *   <li>{@code GET /parties/{id}/signals}: every file with its content, as one JSON document (what
 *       {@code kyodaku signals publish} writes out).
 *   <li>{@code GET /parties/{id}/signals/<file>}: one file, with its media type ({@code
 *       robots.txt}, {@code .well-known/tdmrep.json}, {@code tdm-policy.json}, {@code ai.txt},
 *       {@code rsl.xml}, {@code headers.txt}, {@code nginx.conf}, {@code apache.conf}, {@code
 *       Caddyfile}, {@code meta.html}).
 * </ul>
 *
 * The absolute URLs inside the files (policy, RSL document, licence-request page) are built from
 * the request's scheme and {@code Host}, so every answer says {@code Vary: Host}: a shared cache
 * must not hand one host's URLs to a request for another.
 */
final class SignalsApi {
  private final RegistryService registry;
  private final ObjectMapper json;
  private final Clock clock;
  private final CrawlerTokens tokens = CrawlerTokens.bundled();

  SignalsApi(RegistryService registry, ObjectMapper json, Clock clock) {
    this.registry = registry;
    this.json = json;
    this.clock = clock;
  }

  List<RegistryApi.Route> routes() {
    return List.of(
        new RegistryApi.Route(HandlerType.GET, "/parties/{id}/signals", this::index),
        new RegistryApi.Route(HandlerType.GET, "/parties/{id}/signals/<file>", this::file));
  }

  /** The files of one party at one instant. */
  private record Compiled(String party, Instant at, Map<String, String> files) {}

  private Compiled compile(Context ctx) {
    String id = ctx.pathParam("id");
    RegistryService.IssuedGrants issued = registry.grantsIssuedBy(id);
    Instant at = clock.instant();
    String base = ctx.scheme() + "://" + ctx.host();
    String home = base + "/parties/" + id;
    try {
      GrantRecord record = new GrantRecord(
          issued.grantor().name(),
          PublishedGrants.of(issued.grants(), id, Optional.empty(), at),
          PublishedGrants.terms(issued.grants(), id, Optional.empty(), at),
          URI.create(home),
          URI.create(home + "/signals/tdm-policy.json"),
          URI.create(home + "/signals/rsl.xml"));
      return new Compiled(id, at, new SignalWriter(record, tokens).files());
    } catch (IllegalArgumentException e) { // PublishException, or URI.create
      // Only the Host header can make these URLs invalid: ids and names are checked when stored.
      throw new Problem(400, "invalid-request", "cannot build signal URLs for host \"" + ctx.host() + "\": "
          + e.getMessage(), Optional.empty());
    }
  }

  private void index(Context ctx) throws Exception {
    Compiled c = compile(ctx);
    ObjectNode o = json.createObjectNode().put("party", c.party()).put("at", c.at().toString());
    ArrayNode files = o.putArray("files");
    c.files().forEach((name, content) -> files.addObject()
        .put("path", name)
        .put("contentType", SignalWriter.mediaType(name))
        .put("content", content));
    cacheHeaders(ctx);
    ctx.contentType("application/json").result(json.writeValueAsBytes(o));
  }

  private void file(Context ctx) {
    String name = ctx.pathParam("file");
    Compiled c = compile(ctx);
    String content = c.files().get(name);
    if (content == null) {
      throw new Problem(404, "not-found", "no signal file \"" + name + "\"; there are: "
          + String.join(", ", c.files().keySet()), Optional.empty());
    }
    cacheHeaders(ctx);
    ctx.contentType(SignalWriter.mediaType(name)).result(content.getBytes(StandardCharsets.UTF_8));
  }

  /** Revalidate every time (a grant or revocation changes the files), and per host (the URLs). */
  private static void cacheHeaders(Context ctx) {
    ctx.header("Cache-Control", "no-cache");
    ctx.header("Vary", "Host");
  }
}
