package org.kyodaku.server;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kyodaku.core.text.StrictUtf8;
import org.kyodaku.log.checkpoint.SignedCheckpoint;
import org.kyodaku.log.tiles.TileReader;
import org.kyodaku.log.witness.CosignatureStore;
import org.kyodaku.log.witness.WitnessException;

/**
 * Serves the log as C2SP tlog-tiles lays it out under the prefix {@code /log/}: the checkpoint,
 * hash tiles and entry bundles, plus the verifier key. Anyone may read them; full tiles never
 * change, so caches may keep them for a year; a partial tile's content is fixed too but it is
 * superseded as the log grows; the checkpoint changes with every batch. Witnesses (when
 * configured) post cosigned checkpoints to {@code /log/cosignature}; the checkpoint is served with
 * the cosignatures kept for it, and the latest cosigned one at {@code /log/cosigned-checkpoint}.
 *
 * <p>Spec: https://c2sp.org/tlog-tiles
 */
final class LogApi {
  // tile/<L>/<N>[.p/<W>] and tile/entries/<N>[.p/<W>], N as x001/x234/067 groups of three digits.
  private static final Pattern TILE =
      Pattern.compile("(?:[0-9]|[1-5][0-9]|6[0-3]|entries)/(?:x[0-9]{3}/)*[0-9]{3}(?:\\.p/(?:[1-9][0-9]?|1[0-9]{2}|2[0-4][0-9]|25[0-5]))?");
  static final String TEXT = "text/plain; charset=utf-8";
  /** A checkpoint note has at most 100 signature lines; this leaves room for all of them. */
  static final int MAX_COSIGNED = 64 * 1024;
  /** Problem type of a log that has no published checkpoint yet (503). */
  static final String NOT_PUBLISHED = "log-not-published";

  private final LogPublication log;
  private final TileReader files;

  LogApi(LogPublication log) {
    this.log = log;
    this.files = TileReader.ofDirectory(log.directory());
  }

  List<RegistryApi.Route> routes() {
    return List.of(
        new RegistryApi.Route(HandlerType.GET, "/log/checkpoint", this::checkpoint),
        new RegistryApi.Route(HandlerType.GET, "/log/key", this::key),
        new RegistryApi.Route(HandlerType.GET, "/log/tile/<path>", this::tile),
        new RegistryApi.Route(HandlerType.POST, "/log/cosignature", this::cosignature),
        new RegistryApi.Route(HandlerType.GET, "/log/cosigned-checkpoint", this::cosignedCheckpoint));
  }

  private void checkpoint(Context ctx) throws IOException {
    ctx.header("Cache-Control", "no-cache");
    String text = published(ctx);
    ctx.contentType(TEXT).result(log.witnesses().map(w -> w.attach(text)).orElse(text));
  }

  /**
   * A witness hands back the log's checkpoint with its cosignature line(s) appended
   * (c2sp.org/tlog-cosignature); no token: the cosignature is the credential.
   */
  private void cosignature(Context ctx) throws IOException {
    CosignatureStore witnesses = log.witnesses().orElseThrow(() -> new Problem(
        404, "not-found", "this log has no witnesses configured (kyodaku serve --witness KEY)", Optional.empty()));
    // Read at most one byte past the limit: a chunked body has no length for an earlier check,
    // and ctx.bodyAsBytes() would read all of it into memory first.
    byte[] body;
    try (var in = ctx.req().getInputStream()) {
      body = in.readNBytes(MAX_COSIGNED + 1);
    }
    if (body.length > MAX_COSIGNED) {
      throw new Problem(413, "too-large", "a cosigned checkpoint has at most " + MAX_COSIGNED + " bytes", Optional.empty());
    }
    String text = StrictUtf8.decode(body).orElseThrow(() -> Problem.badRequest("body", "a cosigned checkpoint is UTF-8 text"));
    long published = SignedCheckpoint.parse(published(ctx)).checkpoint().size();
    String merged;
    try {
      merged = witnesses.add(text, published);
    } catch (WitnessException e) {
      throw switch (e.reason()) {
        case NOT_OUR_CHECKPOINT, NO_WITNESS, BAD_COSIGNATURE -> new Problem(403, "forbidden", e.getMessage(), Optional.of("body"));
        case UNKNOWN_SIZE, FUTURE_TIME, CONFLICT -> new Problem(409, "conflict", e.getMessage(), Optional.of("body"));
        case STORAGE -> new Problem(503, "unavailable", e.getMessage(), Optional.empty());
        // Reasons of the witness side (tlog-witness add-checkpoint); the store does not raise them.
        case MALFORMED, UNKNOWN_LOG, OLD_SIZE_MISMATCH, BAD_PROOF -> Problem.badRequest("body", e.getMessage());
      };
    }
    ctx.contentType(TEXT).result(merged.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The published checkpoint. A directory without one (a log that has not published yet, or a
   * copy still being filled) answers 503 with {@code Retry-After}: the resource will exist, and
   * until then there is no tree to serve proofs or cosignatures for.
   */
  private String published(Context ctx) throws IOException {
    try {
      return new String(files.read("checkpoint"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      ctx.header("Retry-After", "1");
      throw new Problem(503, NOT_PUBLISHED, "this log has not published a checkpoint yet; try again shortly", Optional.empty());
    }
  }

  private void cosignedCheckpoint(Context ctx) {
    String text = log.witnesses().flatMap(CosignatureStore::latest).orElseThrow(() -> new Problem(
        404, "not-found", "no checkpoint of this log has been cosigned by a witness yet", Optional.empty()));
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType(TEXT).result(text.getBytes(StandardCharsets.UTF_8));
  }

  private void key(Context ctx) {
    ctx.header("Cache-Control", "public, max-age=86400");
    ctx.contentType(TEXT).result((log.verifierKey() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private void tile(Context ctx) throws IOException {
    String path = ctx.pathParam("path");
    Matcher m = TILE.matcher(path);
    if (!m.matches()) {
      throw new Problem(404, "not-found", "not a tile path: /log/tile/" + path + " (see c2sp.org/tlog-tiles)", Optional.empty());
    }
    byte[] data;
    try {
      data = files.read("tile/" + path);
    } catch (NoSuchFileException e) {
      throw new Problem(404, "not-found", "no such tile: /log/tile/" + path, Optional.empty());
    }
    boolean partial = path.contains(".p/");
    ctx.header("Cache-Control", partial ? "public, max-age=3600" : "public, max-age=31536000, immutable");
    ctx.contentType("application/octet-stream").result(data);
  }
}
