package org.kyodaku.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.kyodaku.core.registry.RegistryException;
import org.kyodaku.core.registry.RegistryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kyodaku HTTP server: the registry API, {@code /health} and {@code /openapi.json}.
 *
 * <p>It owns no state but the listening socket; everything lives in the {@link RegistryService}
 * and its store.
 */
public final class KyodakuServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KyodakuServer.class);

  private final Javalin app;
  private final ServerConfig config;

  private KyodakuServer(Javalin app, ServerConfig config) {
    this.app = app;
    this.config = config;
  }

  /**
   * A JSON mapper that refuses duplicate keys, content after the first value (a second object
   * would otherwise be dropped silently) and documents nested beyond reason.
   */
  static ObjectMapper jsonMapper() {
    // Jackson's default buffer pool is per thread; every request runs on a fresh virtual thread, so
    // it would allocate new 8-16 KB buffers for each one. A shared pool reuses them.
    JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();
    JsonMapper mapper =
        JsonMapper.builder(factory)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    return mapper;
  }

  /** Builds and starts the server without a log; returns once it is listening. */
  public static KyodakuServer start(RegistryService registry, ServerConfig config) {
    return start(registry, config, Optional.empty());
  }

  /** Builds and starts the server, publishing {@code log} under /log/ when given. */
  public static KyodakuServer start(
      RegistryService registry, ServerConfig config, Optional<LogPublication> log) {
    ObjectMapper json = jsonMapper();
    byte[] openapi = resource("openapi.json");
    RegistryApi api = new RegistryApi(registry, json, config.maxBodyBytes());
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.useVirtualThreads = true;
              cfg.http.maxRequestSize = config.maxBodyBytes();
              cfg.http.prefer405over404 = true;
              cfg.router.ignoreTrailingSlashes = true;
              cfg.jetty.defaultHost = config.host();
            });
    app.before(
        ctx -> {
          long length = ctx.contentLength();
          if (length > config.maxBodyBytes()) {
            throw new Problem(
                413,
                "too-large",
                "the body has " + length + " bytes; at most " + config.maxBodyBytes() + " are accepted",
                Optional.empty());
          }
        });
    app.get(
        "/health",
        ctx -> {
          registry.ping();
          ctx.contentType("application/json").result("{\"status\":\"ok\"}");
        });
    app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openapi));
    for (RegistryApi.Route route : api.routes()) {
      app.addHttpHandler(route.method(), route.path(), route.handler());
    }
    log.ifPresent(
        l -> new LogApi(l).routes().forEach(r -> app.addHttpHandler(r.method(), r.path(), r.handler())));
    new SignalsApi(registry, json, java.time.Clock.systemUTC())
        .routes()
        .forEach(r -> app.addHttpHandler(r.method(), r.path(), r.handler()));
    app.exception(Problem.class, (e, ctx) -> Problems.write(ctx, json, e));
    app.exception(
        RegistryException.class,
        (e, ctx) -> {
          if (e.kind() == RegistryException.Kind.UNAVAILABLE) {
            LOG.error("store failure on {} {}", ctx.method(), ctx.path(), e);
          }
          Problems.write(ctx, json, Problems.from(e));
        });
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          int status = e.getStatus();
          Problem p =
              switch (status) {
                case 404 -> notFound(ctx.method().name(), ctx.path());
                case 405 -> new Problem(405, "method-not-allowed", ctx.method() + " is not allowed on " + ctx.path(), Optional.empty());
                case 413 -> new Problem(413, "too-large", "the body is larger than the " + config.maxBodyBytes() + " bytes accepted", Optional.empty());
                default -> new Problem(status, "invalid-request", e.getMessage(), Optional.empty());
              };
          Problems.write(ctx, json, p);
        });
    answerUnexpectedFailures(app, json);
    app.error(
        HttpStatus.NOT_FOUND,
        ctx -> {
          if (!Problems.MEDIA_TYPE.equals(ctx.res().getContentType())) {
            Problems.write(ctx, json, notFound(ctx.method().name(), ctx.path()));
          }
        });
    app.error(
        HttpStatus.METHOD_NOT_ALLOWED,
        ctx -> Problems.write(ctx, json, new Problem(405, "method-not-allowed", ctx.method() + " is not allowed on " + ctx.path(), Optional.empty())));
    app.start(config.host(), config.port());
    return new KyodakuServer(app, config);
  }

  /** Any exception no other handler took: logged with its stack, answered 500 without details. */
  static void answerUnexpectedFailures(Javalin app, ObjectMapper json) {
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
          Problems.write(ctx, json, new Problem(500, "internal", "an unexpected error occurred; it has been logged", Optional.empty()));
        });
  }

  private static Problem notFound(String method, String path) {
    return new Problem(404, "not-found", "no such path: " + method + " " + path + " (the API is described at /openapi.json)", Optional.empty());
  }

  /** The port the server listens on (the chosen one when configured with 0). */
  public int port() {
    return app.port();
  }

  public String baseUrl() {
    return config.baseUrl(port());
  }

  @Override
  public void close() {
    app.stop();
  }

  private static byte[] resource(String name) {
    try (InputStream in = KyodakuServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
