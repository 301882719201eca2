package org.kyodaku.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kyodaku.core.decision.Decision;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Party;
import org.kyodaku.core.model.PartyKind;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.ValidationException;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.Caller;
import org.kyodaku.core.registry.Page;
import org.kyodaku.core.registry.Receipt;
import org.kyodaku.core.registry.RegistryException;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.core.registry.RegistryService.BatchQuestion;
import org.kyodaku.core.registry.RegistryService.GrantRequest;
import org.kyodaku.core.registry.Subject;

/** The registry's routes: each reads a request, calls the service, writes the result. */
final class RegistryApi {
  /** One route of the API; the list is also checked against openapi.json by a test. */
  record Route(HandlerType method, String path, Handler handler) {}

  private final RegistryService registry;
  private final ObjectMapper json;
  private final JsonViews views;
  private final long maxBodyBytes;

  RegistryApi(RegistryService registry, ObjectMapper json) {
    this(registry, json, ServerConfig.DEFAULT_MAX_BODY);
  }

  RegistryApi(RegistryService registry, ObjectMapper json, long maxBodyBytes) {
    this.registry = registry;
    this.maxBodyBytes = maxBodyBytes;
    this.json = json;
    this.views = new JsonViews(json);
  }

  List<Route> routes() {
    return List.of(
        new Route(HandlerType.GET, "/me", this::me),
        new Route(HandlerType.POST, "/parties", this::createParty),
        new Route(HandlerType.GET, "/parties", this::listParties),
        new Route(HandlerType.GET, "/parties/{id}", this::showParty),
        new Route(HandlerType.POST, "/works", this::registerWork),
        new Route(HandlerType.GET, "/works", this::listWorks),
        new Route(HandlerType.GET, "/works/{id}", this::showWork),
        new Route(HandlerType.POST, "/grants", this::createGrant),
        new Route(HandlerType.GET, "/grants", this::listGrants),
        new Route(HandlerType.GET, "/grants/{id}", this::showGrant),
        new Route(HandlerType.POST, "/grants/{id}/revoke", this::revokeGrant),
        new Route(HandlerType.POST, "/decisions", this::decide),
        new Route(HandlerType.POST, "/decisions/batch", this::decideBatch));
  }

  // ---- plumbing -----------------------------------------------------------------------------

  private Caller caller(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw new RegistryException(
          RegistryException.Kind.UNAUTHENTICATED,
          "send a bearer token: Authorization: Bearer kyo_...");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new RegistryException(
          RegistryException.Kind.UNAUTHENTICATED,
          "the Authorization header must use the Bearer scheme");
    }
    return registry.authenticate(header.substring(7).strip());
  }

  private RequestBody body(Context ctx, String... known) {
    String type = ctx.contentType();
    if (type != null && !type.toLowerCase().startsWith("application/json")) {
      throw new Problem(415, "unsupported-media-type", "send Content-Type: application/json, not " + type, Optional.empty());
    }
    return RequestBody.parse(json, bytes(ctx), Set.of(known));
  }

  /**
   * The body, read with the configured limit enforced on the bytes themselves: a chunked body has
   * no Content-Length for the early check in {@link KyodakuServer} to look at.
   */
  private byte[] bytes(Context ctx) {
    long declared = ctx.contentLength();
    // With a Content-Length (checked against the limit before any handler runs) read exactly that
    // many bytes; readNBytes(limit) would allocate a 16 KB buffer for every small request.
    int limit = declared >= 0 ? (int) declared : (int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1);
    try (var in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes(limit);
      if (body.length > maxBodyBytes) {
        throw new Problem(413, "too-large", "the body is larger than the " + maxBodyBytes + " bytes accepted", Optional.empty());
      }
      return body;
    } catch (java.io.IOException e) {
      throw new Problem(400, "malformed-json", "the body could not be read: " + e.getMessage(), Optional.empty());
    }
  }

  /**
   * Writes {@code body} as the JSON answer. Small answers (a single decision, a party) go straight
   * to the connection with their length: Javalin's result pipeline would copy them through a fresh
   * 16 KB buffer per request. Larger ones (lists, batches) take that pipeline, which compresses them
   * for clients that accept it.
   */
  private void send(Context ctx, int status, JsonNode body) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
    ctx.status(status).contentType("application/json");
    if (bytes.length > DIRECT_WRITE_LIMIT) {
      ctx.result(bytes);
      return;
    }
    try {
      ctx.res().setContentLength(bytes.length);
      ctx.res().getOutputStream().write(bytes);
    } catch (java.io.IOException e) {
      // The client went away before its answer: nothing more can be told to it, and the request
      // changed nothing it has not already been told about (acts commit before they answer).
    }
  }

  /** Below Javalin's default minimum for compression (1,500 bytes), so nothing is lost by it. */
  private static final int DIRECT_WRITE_LIMIT = 1400;

  private static Page page(Context ctx) {
    String after = Optional.ofNullable(ctx.queryParam("after")).orElse("");
    String limitText = Optional.ofNullable(ctx.queryParam("limit")).orElse("100");
    int limit;
    try {
      limit = Integer.parseInt(limitText);
    } catch (NumberFormatException e) {
      throw Problem.badRequest("limit", "not a whole number: \"" + limitText + "\"");
    }
    return new Page(after, limit);
  }

  private ObjectNode list(String field, List<ObjectNode> items, Page page, String lastId) {
    ObjectNode o = json.createObjectNode();
    ArrayNode array = o.putArray(field);
    items.forEach(array::add);
    if (items.size() == page.limit()) {
      o.put("next", lastId);
    } else {
      o.putNull("next");
    }
    return o;
  }

  /** Runs a constructor or parser of the model and reports its failure at {@code path}. */
  private static <T> T at(String path, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (ValidationException e) {
      throw Problem.badRequest(path, e.reason());
    }
  }

  // ---- parties ------------------------------------------------------------------------------

  private void me(Context ctx) {
    send(ctx, 200, views.party(caller(ctx).party()));
  }

  private void createParty(Context ctx) {
    Caller caller = caller(ctx);
    RequestBody b = body(ctx, "kind", "name", "tokenExpiresAt");
    PartyKind kind = at("kind", () -> PartyKind.parse("kind", b.text("kind")));
    var created = registry.createParty(caller, kind, b.text("name"), b.optInstant("tokenExpiresAt"));
    ObjectNode out = views.party(created.party());
    out.put("token", created.token());
    send(ctx, 201, out);
  }

  private void listParties(Context ctx) {
    Page page = page(ctx);
    List<Party> parties = registry.parties(caller(ctx), page);
    send(ctx, 200, list("parties", parties.stream().map(views::party).toList(), page, parties.isEmpty() ? "" : parties.getLast().id()));
  }

  private void showParty(Context ctx) {
    send(ctx, 200, views.party(registry.party(caller(ctx), ctx.pathParam("id"))));
  }

  // ---- works --------------------------------------------------------------------------------

  private void registerWork(Context ctx) {
    Caller caller = caller(ctx);
    RequestBody b = body(ctx, "title", "kind", "assets");
    String title = b.text("title");
    WorkKind kind = b.optText("kind").map(k -> at("kind", () -> WorkKind.parse("kind", k))).orElse(WorkKind.IMAGE);
    if (!b.has("assets")) {
      throw Problem.badRequest("assets", "is required: one entry {\"file\", \"sha256\"} per file");
    }
    List<Asset> assets = new ArrayList<>();
    for (RequestBody.Item item : b.items("assets", RegistryService.MAX_ASSETS)) {
      RequestBody a = item.object(Set.of("file", "sha256", "fingerprints", "vpdq"));
      String sha = a.text("sha256");
      List<Fingerprint> prints = new ArrayList<>();
      prints.add(at(item.path() + ".sha256", () -> Fingerprint.sha256(sha)));
      prints.addAll(fingerprints(a, item.path()));
      Optional<FrameHashes> video = frameHashes(a);
      assets.add(at(item.path() + ".fingerprints", () -> new Asset(a.optText("file"), prints, video)));
    }
    send(ctx, 201, views.registered(registry.registerWork(caller, title, kind, assets)));
  }

  private void listWorks(Context ctx) {
    Page page = page(ctx);
    var works = registry.works(caller(ctx), Optional.ofNullable(ctx.queryParam("owner")), page);
    send(ctx, 200, list("works", works.stream().map(views::work).toList(), page, works.isEmpty() ? "" : works.getLast().id()));
  }

  private void showWork(Context ctx) {
    send(ctx, 200, views.work(registry.work(caller(ctx), ctx.pathParam("id"))));
  }

  // ---- grants -------------------------------------------------------------------------------

  private void createGrant(Context ctx) {
    Caller caller = caller(ctx);
    RequestBody b =
        body(ctx, "licensee", "uses", "works", "allWorks", "validFrom", "validUntil", "territories", "termsUrl");
    String licensee = b.text("licensee");
    Optional<String> licenseeId = licensee.equals(Grant.EVERYONE) ? Optional.empty() : Optional.of(licensee);
    List<String> useLabels = b.texts("uses");
    if (useLabels.isEmpty()) {
      throw Problem.badRequest("uses", "name at least one use: " + Use.validLabels());
    }
    Set<Use> uses = EnumSet.noneOf(Use.class);
    for (int i = 0; i < useLabels.size(); i++) {
      String label = useLabels.get(i);
      uses.add(at("uses[" + i + "]", () -> Use.parse("uses", label)));
    }
    GrantRequest request =
        new GrantRequest(
            licenseeId,
            uses,
            b.bool("allWorks", false),
            new LinkedHashSet<>(b.texts("works")),
            b.optInstant("validFrom"),
            b.optInstant("validUntil"),
            new LinkedHashSet<>(b.texts("territories")),
            b.optText("termsUrl"));
    send(ctx, 201, views.grant(registry.grant(caller, request)));
  }

  private void listGrants(Context ctx) {
    Page page = page(ctx);
    List<Grant> grants = registry.grants(caller(ctx), page);
    send(ctx, 200, list("grants", grants.stream().map(views::grant).toList(), page, grants.isEmpty() ? "" : grants.getLast().id()));
  }

  private void showGrant(Context ctx) {
    send(ctx, 200, views.grant(registry.grantById(caller(ctx), ctx.pathParam("id"))));
  }

  private void revokeGrant(Context ctx) {
    Caller caller = caller(ctx);
    byte[] raw = bytes(ctx);
    Optional<String> reason =
        raw.length == 0 ? Optional.empty() : RequestBody.parse(json, raw, Set.of("reason")).optText("reason");
    send(ctx, 200, views.grant(registry.revoke(caller, ctx.pathParam("id"), reason)));
  }

  // ---- decisions ----------------------------------------------------------------------------

  private static final String[] QUESTION_FIELDS = {"licensee", "use", "at", "territory"};

  private BatchQuestion question(RequestBody b) {
    String use = b.text("use");
    return new BatchQuestion(
        b.text("licensee"),
        at("use", () -> Use.parse("use", use)),
        b.optInstant("at"),
        b.optText("territory"));
  }

  /**
   * The {@code fingerprints} array of an asset or item: {@code [{"algorithm","value"}]}, at most
   * {@value #MAX_FINGERPRINTS}, each of a known algorithm other than sha256 (which has its own
   * field).
   */
  private static List<Fingerprint> fingerprints(RequestBody b, String path) {
    String prefix = path.isEmpty() ? "" : path + ".";
    List<Fingerprint> out = new ArrayList<>();
    for (RequestBody.Item item : b.items("fingerprints", MAX_FINGERPRINTS)) {
      RequestBody f = item.object(Set.of("algorithm", "value"));
      String algorithm = f.text("algorithm");
      String value = f.text("value");
      if (algorithm.equals(Fingerprint.SHA256)) {
        throw Problem.badRequest(item.path(), "give the sha256 in its own field, not among the fingerprints");
      }
      out.add(at(item.path(), () -> new Fingerprint(algorithm, value).requireKnown("algorithm")));
    }
    if (out.stream().map(Fingerprint::algorithm).distinct().count() < out.size()) {
      throw Problem.badRequest(prefix + "fingerprints", "names an algorithm twice");
    }
    return out;
  }

  private static final int MAX_FINGERPRINTS = 16;

  /**
   * The {@code vpdq} object of an asset or item, a video's frame hashes: {@code {"algorithm",
   * "framesPerSecond", "frames": [{"frame","quality","pdq"}]}}, at most {@value
   * FrameHashes#MAX_FRAMES} frames.
   */
  private static Optional<FrameHashes> frameHashes(RequestBody b) {
    Optional<RequestBody> v = b.optObject("vpdq", Set.of("algorithm", "framesPerSecond", "frames"));
    if (v.isEmpty()) {
      return Optional.empty();
    }
    RequestBody video = v.get();
    String algorithm = video.text("algorithm");
    double fps = video.number("framesPerSecond");
    if (!video.has("frames")) {
      throw Problem.badRequest(video.path() + ".frames", "is required: one {\"frame\", \"quality\", \"pdq\"} per hashed frame");
    }
    List<FrameHashes.Frame> frames = new ArrayList<>();
    for (RequestBody.Item item : video.items("frames", FrameHashes.MAX_FRAMES)) {
      RequestBody f = item.object(Set.of("frame", "quality", "pdq"));
      int number = f.integer("frame");
      int quality = f.integer("quality");
      String pdq = f.text("pdq");
      frames.add(at(item.path(), () -> new FrameHashes.Frame(number, quality, pdq)));
    }
    try {
      return Optional.of(new FrameHashes(algorithm, fps, frames));
    } catch (ValidationException e) {
      throw Problem.badRequest(video.path() + "." + e.field(), e.reason());
    }
  }

  private static Subject subject(RequestBody b, String path) {
    boolean content = b.has("sha256") || b.has("fingerprints") || b.has("vpdq");
    boolean work = b.has("work");
    if (content == work) {
      throw Problem.badRequest(
          path.isEmpty() ? "sha256" : path,
          "give either the content's \"sha256\" and/or \"fingerprints\", or a \"work\" id");
    }
    String prefix = path.isEmpty() ? "" : path + ".";
    if (content) {
      List<Fingerprint> prints = new ArrayList<>();
      if (b.has("sha256")) {
        String hex = b.text("sha256");
        prints.add(at(prefix + "sha256", () -> Fingerprint.sha256(hex)));
      }
      prints.addAll(fingerprints(b, path));
      Optional<FrameHashes> video = frameHashes(b);
      if (prints.isEmpty() && video.isEmpty()) {
        throw Problem.badRequest(prefix + "fingerprints", "name at least one fingerprint");
      }
      return new Subject.Content(prints, video);
    }
    return new Subject.WorkRef(b.text("work"));
  }

  private void decide(Context ctx) {
    Caller caller = caller(ctx);
    RequestBody b = body(ctx, "licensee", "use", "at", "territory", "sha256", "fingerprints", "vpdq", "work", "receipt");
    Subject subject = subject(b, "");
    if (b.bool("receipt", false)) {
      Receipt r = registry.decideWithReceipts(caller, question(b), List.of(subject)).getFirst();
      ObjectNode out = views.decision(r.decision(), subject);
      out.set("receipt", views.receipt(r, subject));
      send(ctx, 200, out);
      return;
    }
    Decision d = registry.decide(caller, question(b), subject);
    send(ctx, 200, views.decision(d, subject));
  }

  private void decideBatch(Context ctx) {
    Caller caller = caller(ctx);
    String[] known = java.util.Arrays.copyOf(QUESTION_FIELDS, QUESTION_FIELDS.length + 2);
    known[QUESTION_FIELDS.length] = "items";
    known[QUESTION_FIELDS.length + 1] = "receipt";
    RequestBody b = body(ctx, known);
    BatchQuestion question = question(b);
    if (!b.has("items")) {
      throw Problem.badRequest("items", "is required: an array of {\"sha256\"} or {\"work\"} objects");
    }
    List<Subject> subjects = new ArrayList<>();
    for (RequestBody.Item item : b.items("items", RegistryService.MAX_BATCH)) {
      subjects.add(subject(item.object(Set.of("sha256", "fingerprints", "vpdq", "work")), item.path()));
    }
    List<Receipt> receipts =
        b.bool("receipt", false) ? registry.decideWithReceipts(caller, question, subjects) : List.of();
    List<Decision> decisions =
        receipts.isEmpty()
            ? registry.decide(caller, question, subjects)
            : receipts.stream().map(Receipt::decision).toList();
    ObjectNode out = json.createObjectNode();
    out.put("count", decisions.size());
    out.put("allowed", decisions.stream().filter(Decision::allowed).count());
    ArrayNode array = out.putArray("decisions");
    for (int i = 0; i < decisions.size(); i++) {
      ObjectNode d = views.decision(decisions.get(i), subjects.get(i)).put("index", i);
      if (!receipts.isEmpty()) {
        d.set("receipt", views.receipt(receipts.get(i), subjects.get(i)));
      }
      array.add(d);
    }
    send(ctx, 200, out);
  }
}
