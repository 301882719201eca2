package org.kyodaku.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's published openapi.json, read from the classpath exactly as the server serves it,
 * with the two questions the tests ask of it: which operations it documents, and whether a
 * response body has the shape a component schema promises.
 */
final class OpenApiDocument {
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final JsonNode root;

  private OpenApiDocument(JsonNode root) {
    this.root = root;
  }

  static OpenApiDocument load() {
    try (InputStream in = KyodakuServer.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is not on the classpath next to KyodakuServer");
      }
      return new OpenApiDocument(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode root() {
    return root;
  }

  /** Every documented operation as {@code "METHOD /path"}, sorted. */
  Set<String> operations() {
    Set<String> out = new TreeSet<>();
    Iterator<String> paths = root.path("paths").fieldNames();
    while (paths.hasNext()) {
      String path = paths.next();
      root.path("paths").path(path).fieldNames().forEachRemaining(method -> {
        if (METHODS.contains(method)) {
          out.add(method.toUpperCase(Locale.ROOT) + " " + path);
        }
      });
    }
    return out;
  }

  /**
   * Asserts that {@code body} carries every property the component schema {@code name} requires
   * and no property it does not declare (following {@code allOf} and {@code $ref}).
   */
  void assertShape(JsonNode body, String name) {
    Set<String> declared = new TreeSet<>();
    Set<String> required = new TreeSet<>();
    collect(schema(name), declared, required);
    Set<String> present = new TreeSet<>();
    body.fieldNames().forEachRemaining(present::add);
    assertThat(present).as("fields of a %s: %s", name, body).containsAll(required);
    assertThat(declared).as("fields of a %s documented in openapi.json: %s", name, body).containsAll(present);
  }

  private JsonNode schema(String name) {
    JsonNode s = root.path("components").path("schemas").path(name);
    if (s.isMissingNode()) {
      throw new IllegalArgumentException("openapi.json has no schema " + name);
    }
    return s;
  }

  private void collect(JsonNode schema, Set<String> declared, Set<String> required) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      collect(schema(ref.substring(ref.lastIndexOf('/') + 1)), declared, required);
      return;
    }
    schema.path("allOf").forEach(part -> collect(part, declared, required));
    schema.path("properties").fieldNames().forEachRemaining(declared::add);
    schema.path("required").forEach(r -> required.add(r.asText()));
  }
}
