package org.kyodaku.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small HTTP client for the API tests: who is calling (a bearer token, or nobody) and which extra
 * headers to send are fixed per instance, so a test reads as {@code api.as(token).post(...)}.
 */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;
  private final Optional<String> token;
  private final Map<String, String> headers;

  ApiClient(String baseUrl) {
    this(URI.create(baseUrl), Optional.empty(), Map.of());
  }

  private ApiClient(URI base, Optional<String> token, Map<String, String> headers) {
    this.base = base;
    this.token = token;
    this.headers = headers;
  }

  /** The same server, called with {@code Authorization: Bearer token}. */
  ApiClient as(String bearerToken) {
    return new ApiClient(base, Optional.of(bearerToken), headers);
  }

  /** The same caller, sending one more header on every request. */
  ApiClient header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiClient(base, token, Map.copyOf(more));
  }

  Reply get(String path) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody());
  }

  /** POSTs {@code json} as {@code application/json} with a Content-Length. */
  Reply post(String path, String json) {
    return header("Content-Type", "application/json")
        .send("POST", path, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
  }

  /** POSTs {@code json} without a Content-Length, in chunked transfer encoding. */
  Reply postChunked(String path, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return header("Content-Type", "application/json")
        .send("POST", path, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
  }

  Reply send(String method, String path, BodyPublisher body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).method(method, body);
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + path, e);
    }
  }

  /** A response: status, headers and the body as text (parsed as JSON on demand). */
  record Reply(int status, HttpHeaders headers, String text) {
    String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("the body is not JSON (status " + status + "): " + text, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + contentType() + " " + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
    }
  }
}
