package org.kyodaku.signals.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A web site served by the JDK's HTTP server on a loopback port, for fetch tests: each path
 * answers with a canned response or a hostile behaviour (stalling, endless bodies). Unknown paths
 * are 404. Close it to stop the server and release stalled handlers.
 */
final class TestSite implements AutoCloseable {
  /** How a path answers. */
  @FunctionalInterface
  interface Responder {
    void respond(HttpExchange exchange, TestSite site) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Map<String, Responder> paths = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  TestSite() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    server.createContext("/", exchange -> {
      String target = exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
      requests.add(target);
      Responder r = paths.get(target);
      try (exchange) {
        if (r == null) {
          send(exchange, 404, "text/plain", "not found");
        } else {
          r.respond(exchange, this);
        }
      } catch (IOException e) {
        // the client hung up (a cap or a deadline): nothing to answer any more
      }
    });
    server.start();
  }

  /** This site's URL for {@code path}. */
  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** The paths requested so far, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  TestSite on(String path, Responder r) {
    paths.put(path, r);
    return this;
  }

  TestSite text(String path, int status, String type, String body, String... headers) {
    return on(path, (ex, s) -> {
      for (int i = 0; i + 1 < headers.length; i += 2) {
        ex.getResponseHeaders().add(headers[i], headers[i + 1]);
      }
      send(ex, status, type, body);
    });
  }

  TestSite bytes(String path, String type, byte[] body, String... headers) {
    return on(path, (ex, s) -> {
      for (int i = 0; i + 1 < headers.length; i += 2) {
        ex.getResponseHeaders().add(headers[i], headers[i + 1]);
      }
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      ex.getResponseBody().write(body);
    });
  }

  TestSite redirect(String path, int status, String location) {
    return on(path, (ex, s) -> {
      ex.getResponseHeaders().set("Location", location);
      ex.sendResponseHeaders(status, -1);
    });
  }

  /** Sends the headers and a first few bytes, then stalls until the site closes. */
  TestSite stall(String path, String type) {
    return on(path, (ex, s) -> {
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      out.write("User-agent: *\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.awaitClose();
    });
  }

  /** Stalls before sending any header. */
  TestSite silent(String path) {
    return on(path, (ex, s) -> s.awaitClose());
  }

  /** A chunked body that never ends (until the client hangs up or the site closes). */
  TestSite endless(String path, String type) {
    return on(path, (ex, s) -> {
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(200, 0);
      byte[] block = new byte[16 * 1024];
      java.util.Arrays.fill(block, (byte) 'A');
      OutputStream out = ex.getResponseBody();
      while (s.closing.getCount() > 0) {
        out.write(block);
      }
    });
  }

  void awaitClose() {
    try {
      closing.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    ex.getResponseBody().write(b);
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
