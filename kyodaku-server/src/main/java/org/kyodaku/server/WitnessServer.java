package org.kyodaku.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.kyodaku.log.note.NoteSignature;
import org.kyodaku.log.witness.AddCheckpointRequest;
import org.kyodaku.log.witness.Witness;
import org.kyodaku.log.witness.WitnessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A c2sp.org/tlog-witness service in front of a {@link Witness}: {@code POST /add-checkpoint}, whose
 * body is an {@link AddCheckpointRequest} of at most {@link #MAX_BODY} bytes. Statuses, as the spec
 * fixes them: 200 with the cosignature line(s); 400 for a malformed body or an old size above the
 * checkpoint's; 403 when no signature by the log's key verifies; 404 for an unknown origin; 409
 * with {@code Content-Type: text/x.tlog.size} and the held size when the old size is not it; 409
 * (a problem document) when the log signed another root for the held size; 422 when the
 * consistency proof does not verify. Also 413 for a larger body and 503 when the state cannot be
 * written. Errors other than the size answer are RFC 9457 problem documents.
 *
 * <p>No token: the log's signature on the checkpoint is the only credential the spec asks for.
 */
public final class WitnessServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WitnessServer.class);

  /** Largest request body: a checkpoint with 100 signature lines and 63 proof lines fits 4 times. */
  public static final int MAX_BODY = 64 * 1024;
  /** The media type of a 409 answer carrying the witness's size. */
  public static final String SIZE_MEDIA_TYPE = "text/x.tlog.size";

  private final Javalin app;
  private final ServerConfig config;

  private WitnessServer(Javalin app, ServerConfig config) {
    this.app = app;
    this.config = config;
  }

  /** Starts the service; returns once it is listening. */
  public static WitnessServer start(Witness witness, ServerConfig config) {
    ObjectMapper json = KyodakuServer.jsonMapper();
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.useVirtualThreads = true;
              cfg.http.maxRequestSize = MAX_BODY;
              cfg.router.ignoreTrailingSlashes = true;
              cfg.jetty.defaultHost = config.host();
            });
    app.post("/add-checkpoint", ctx -> addCheckpoint(ctx, witness));
    app.exception(Problem.class, (e, ctx) -> Problems.write(ctx, json, e));
    app.exception(
        WitnessException.class,
        (e, ctx) -> {
          if (e.reason() == WitnessException.Reason.OLD_SIZE_MISMATCH) {
            ctx.status(409).contentType(SIZE_MEDIA_TYPE).result(e.witnessSize().orElseThrow() + "\n");
            return;
          }
          Problem p =
              switch (e.reason()) {
                case MALFORMED -> Problem.badRequest("body", e.getMessage());
                case NOT_OUR_CHECKPOINT, NO_WITNESS, BAD_COSIGNATURE -> new Problem(403, "forbidden", e.getMessage(), Optional.of("body"));
                case UNKNOWN_LOG -> new Problem(404, "not-found", e.getMessage(), Optional.of("body"));
                case CONFLICT, UNKNOWN_SIZE, FUTURE_TIME, OLD_SIZE_MISMATCH -> new Problem(409, "conflict", e.getMessage(), Optional.of("body"));
                case BAD_PROOF -> new Problem(422, "unprocessable", e.getMessage(), Optional.of("body"));
                case STORAGE -> new Problem(503, "unavailable", e.getMessage(), Optional.empty());
              };
          if (e.reason() == WitnessException.Reason.CONFLICT) {
            // Two roots signed by the log for one size: the log forked, worth an operator's look.
            LOG.warn("refused a checkpoint signed by the log: {}", e.getMessage());
          } else if (e.reason() == WitnessException.Reason.BAD_PROOF) {
            // Anyone can pair a public checkpoint with a junk proof: not a warning per request.
            LOG.info("refused a consistency proof: {}", e.getMessage());
          } else if (e.reason() == WitnessException.Reason.STORAGE) {
            LOG.error("cannot record a checkpoint: {}", e.getMessage(), e);
          }
          Problems.write(ctx, json, p);
        });
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> Problems.write(ctx, json, new Problem(e.getStatus(), "invalid-request", e.getMessage(), Optional.empty())));
    KyodakuServer.answerUnexpectedFailures(app, json);
    app.error(
        HttpStatus.NOT_FOUND,
        ctx -> {
          if (!Problems.MEDIA_TYPE.equals(ctx.res().getContentType())) {
            Problems.write(ctx, json, new Problem(404, "not-found", "no such path: " + ctx.method() + " " + ctx.path()
                + " (a tlog-witness answers POST /add-checkpoint)", Optional.empty()));
          }
        });
    app.start(config.host(), config.port());
    return new WitnessServer(app, config);
  }

  private static void addCheckpoint(Context ctx, Witness witness) throws IOException {
    if (ctx.contentLength() > MAX_BODY) {
      throw tooLarge();
    }
    // At most one byte past the limit: a chunked body has no length to check first.
    byte[] body;
    try (var in = ctx.req().getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      throw tooLarge();
    }
    List<NoteSignature> cosignatures = witness.add(AddCheckpointRequest.parse(body));
    StringBuilder out = new StringBuilder();
    for (NoteSignature s : cosignatures) {
      out.append(s.line()).append('\n');
    }
    ctx.contentType(LogApi.TEXT).result(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Problem tooLarge() {
    return new Problem(413, "too-large", "an add-checkpoint body has at most " + MAX_BODY + " bytes", Optional.empty());
  }

  /** The port the service listens on (the chosen one when configured with 0). */
  public int port() {
    return app.port();
  }

  /** {@code http://host:port}, the submission prefix. */
  public String baseUrl() {
    return config.baseUrl(port());
  }

  @Override
  public void close() {
    app.stop();
  }
}
