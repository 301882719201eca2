package org.kyodaku.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The few calls setup needs, over one shared {@link HttpClient}; a non-2xx answer throws. */
final class Api {
  private final HttpClient http;
  private final URI server;
  private final Duration timeout;
  private final ObjectMapper json = new ObjectMapper();

  Api(HttpClient http, URI server, Duration timeout) {
    this.http = http;
    this.server = server;
    this.timeout = timeout;
  }

  /** A POST of a JSON body with a bearer token; what every scenario sends. */
  HttpRequest post(String path, String token, byte[] body) {
    return HttpRequest.newBuilder(server.resolve(path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  JsonNode post(String path, String token, Object body) throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        http.send(post(path, token, json.writeValueAsBytes(body)), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() / 100 != 2) {
      throw new IOException(
          "POST " + path + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }
    return json.readTree(r.body());
  }

  void health() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(server.resolve("/health")).timeout(timeout).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET /health answered " + r.statusCode() + ": " + r.body());
    }
  }

  ObjectMapper json() {
    return json;
  }
}
