package org.kyodaku.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/** openapi.json documents exactly the routes the server registers, no more and no fewer. */
class OpenApiDocumentTest {
  /** Served by {@link KyodakuServer} itself rather than by {@link RegistryApi}. */
  private static final Set<String> SERVER_ROUTES = Set.of("GET /health", "GET /openapi.json");

  /** The log's public resources ({@link LogApi}); Javalin's {@code <path>} is OpenAPI's {path}. */
  private static final Set<String> LOG_ROUTES =
      Set.of(
          "GET /log/checkpoint",
          "GET /log/key",
          "GET /log/tile/{path}",
          "POST /log/cosignature",
          "GET /log/cosigned-checkpoint");

  /** A party's published signal files ({@link SignalsApi}); {@code <file>} is OpenAPI's {file}. */
  private static final Set<String> SIGNAL_ROUTES =
      Set.of("GET /parties/{id}/signals", "GET /parties/{id}/signals/{file}");

  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

  private final OpenApiDocument doc = OpenApiDocument.load();

  @TempDir Path dir;

  @Test
  void paths_documentedOperations_equalServerRoutes() {
    Set<String> routes = new TreeSet<>(SERVER_ROUTES);
    for (RegistryApi.Route route : new LogApi(new LogPublication(dir, "unused")).routes()) {
      routes.add(route.method().name().toUpperCase(Locale.ROOT) + " " + route.path().replace("<path>", "{path}"));
    }
    assertThat(routes).containsAll(LOG_ROUTES);
    try (JdbcRegistryStore store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir), 1))) {
      RegistryService registry = new RegistryService(store, Clock.systemUTC(), new SecureRandom());
      for (RegistryApi.Route route : new RegistryApi(registry, KyodakuServer.jsonMapper()).routes()) {
        routes.add(route.method().name().toUpperCase(Locale.ROOT) + " " + route.path());
      }
      Set<String> signals = new TreeSet<>();
      for (RegistryApi.Route route : new SignalsApi(registry, KyodakuServer.jsonMapper(), Clock.systemUTC()).routes()) {
        signals.add(route.method().name().toUpperCase(Locale.ROOT) + " " + route.path().replace("<file>", "{file}"));
      }
      assertThat(signals).isEqualTo(SIGNAL_ROUTES);
      routes.addAll(signals);
    }
    assertThat(doc.operations()).isEqualTo(routes);
  }

  @Test
  void document_version_isOpenApi31() {
    assertThat(doc.root().get("openapi").asText()).isEqualTo("3.1.0");
  }

  @Test
  void pathTemplates_everyVariable_declaredAsRequiredPathParameter() {
    List<String> missing = new ArrayList<>();
    doc.root().path("paths").fieldNames().forEachRemaining(path -> {
      Matcher m = PATH_PARAM.matcher(path);
      while (m.find()) {
        String name = m.group(1);
        doc.root().path("paths").path(path).properties().forEach(op -> {
          boolean declared = false;
          for (JsonNode p : op.getValue().path("parameters")) {
            declared |= p.path("in").asText().equals("path") && p.path("name").asText().equals(name)
                && p.path("required").asBoolean();
          }
          if (!declared) {
            missing.add(op.getKey() + " " + path + " {" + name + "}");
          }
        });
      }
    });
    assertThat(missing).isEmpty();
  }

  @Test
  void security_onlyHealthDocumentLogAndSignals_arePublic() {
    assertThat(doc.root().at("/security/0").has("bearer")).isTrue();
    Set<String> publicOps = new TreeSet<>();
    doc.root().path("paths").properties().forEach(path ->
        path.getValue().properties().forEach(op -> {
          JsonNode security = op.getValue().get("security");
          if (security != null && security.isEmpty()) {
            publicOps.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
          }
        }));
    Set<String> expected = new TreeSet<>(SERVER_ROUTES);
    expected.addAll(LOG_ROUTES);
    expected.addAll(SIGNAL_ROUTES);
    assertThat(publicOps).isEqualTo(expected);
  }

  @Test
  void operations_everyErrorResponse_isProblemJson() {
    List<String> wrong = new ArrayList<>();
    doc.root().path("paths").properties().forEach(path ->
        path.getValue().properties().forEach(op ->
            op.getValue().path("responses").properties().forEach(response -> {
              if (response.getKey().charAt(0) >= '4'
                  && !response.getValue().path("content").has(Problems.MEDIA_TYPE)) {
                wrong.add(op.getKey() + " " + path.getKey() + " " + response.getKey());
              }
            })));
    assertThat(wrong).isEmpty();
  }
}
