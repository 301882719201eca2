package org.kyodaku.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Talks to a Kyodaku server. A problem answer becomes a {@link CliException} carrying the
 * server's {@code detail}; an unreachable server becomes one that says where it looked.
 */
final class ApiClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json;
  private final String server;
  private final Optional<String> token;
  private final boolean japanese;

  ApiClient(ObjectMapper json, String server, Optional<String> token, boolean japanese) {
    this.json = json;
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.token = token;
    this.japanese = japanese;
  }

  JsonNode get(String path) {
    return send(request(path).GET(), path);
  }

  JsonNode post(String path, JsonNode body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)),
        path);
  }

  private HttpRequest.Builder request(String path) {
    URI uri;
    try {
      uri = URI.create(server + path);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("api.server-not-url", server);
    }
    if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
      throw CliException.usage("api.server-not-http", server);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMinutes(5))
            .header("Accept", "application/json, application/problem+json")
            .header("Accept-Language", japanese ? "ja, en;q=0.5" : "en");
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return b;
  }

  private JsonNode send(HttpRequest.Builder request, String path) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw CliException.failure("api.unreachable", server);
    } catch (IOException e) {
      throw CliException.failure("api.request-failed", server + path, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure("interrupted");
    }
    JsonNode body;
    try {
      body = json.readTree(response.body());
    } catch (IOException e) {
      throw CliException.failure("api.not-json", server, response.statusCode());
    }
    if (response.statusCode() >= 400) {
      String detail = body.path("detail").asText(body.path("title").asText("HTTP " + response.statusCode()));
      // The server's title follows Accept-Language; in Japanese it leads, so a Japanese reader
      // learns what went wrong before the English detail that quotes the values.
      String title = body.path("title").asText("");
      String lead = japanese && !title.isEmpty() && !title.equals(detail) ? title + ": " : "";
      throw CliException.failure("api.problem", lead + detail, response.statusCode());
    }
    return body;
  }
}
