package org.kyodaku.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link OpenLoop} against a real HTTP server on a loopback port. */
class OpenLoopTest {
  private HttpServer server;
  private InetSocketAddress address;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/allow", ex -> reply(ex, 200, "{\"decision\":\"allow\",\"basis\":\"grant\"}", false));
    server.createContext(
        "/deny", ex -> reply(ex, 200, "{\"decision\":\"deny\",\"basis\":\"no-grant\"}", true));
    server.createContext("/missing", ex -> reply(ex, 404, "{\"status\":404}", false));
    server.createContext(
        "/slow",
        ex -> {
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          reply(ex, 200, "{}", false);
        });
    server.start();
    address = new InetSocketAddress("127.0.0.1", server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body, boolean chunked)
      throws IOException {
    ex.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, chunked ? 0 : bytes.length);
    try (var out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** What a run reported, per request index. */
  private static final class Recorded implements OpenLoop.Sink {
    final Map<Integer, Long> latency = new ConcurrentHashMap<>();
    final Map<Integer, Integer> status = new ConcurrentHashMap<>();
    final Map<Integer, Boolean> allowed = new ConcurrentHashMap<>();
    final Map<Integer, String> failed = new ConcurrentHashMap<>();

    @Override
    public void answered(int index, long latencyNanos, int s, boolean allow) {
      latency.put(index, latencyNanos);
      status.put(index, s);
      allowed.put(index, allow);
    }

    @Override
    public void failed(int index, String why) {
      failed.put(index, why);
    }
  }

  private int run(List<byte[]> requests, int rate, int count, int connections, int maxWaiting, Recorded sink)
      throws IOException {
    OpenLoop loop = new OpenLoop(address, connections);
    try {
      return loop.run(requests, rate, count, System.nanoTime() + 10_000_000L, maxWaiting, 5_000_000_000L, sink);
    } finally {
      loop.close();
    }
  }

  @Test
  void run_lengthAndChunkedAnswers_allAnsweredWithStatusAndDecision() throws IOException {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    List<byte[]> requests =
        List.of(
            OpenLoop.post(address, "/allow", "t", body),
            OpenLoop.post(address, "/deny", "t", body),
            OpenLoop.get(address, "/missing"));
    Recorded r = new Recorded();

    int sent = run(requests, 500, 60, 4, 1000, r);

    assertThat(sent).isEqualTo(60);
    assertThat(r.failed).isEmpty();
    assertThat(r.latency).hasSize(60);
    for (int i = 0; i < 60; i++) {
      assertThat(r.latency.get(i)).as("request %d", i).isPositive();
      switch (i % 3) {
        case 0 -> assertThat(r.allowed.get(i)).isTrue();
        case 1 -> assertThat(r.allowed.get(i)).isFalse(); // chunked body, read to its last chunk
        default -> assertThat(r.status.get(i)).isEqualTo(404);
      }
    }
  }

  @Test
  void run_slowServerOneConnection_latencyCountsTheWaitFromTheDueInstant() throws IOException {
    Recorded r = new Recorded();

    // Ten requests due 10 ms apart over one connection to a server taking 200 ms each: the last
    // is due at ~90 ms and answered at ~2,000 ms, so its latency must include the queueing.
    int sent = run(List.of(OpenLoop.get(address, "/slow")), 100, 10, 1, 1000, r);

    assertThat(sent).isEqualTo(10);
    assertThat(r.latency).hasSize(10);
    assertThat(r.latency.get(9)).isGreaterThan(1_500_000_000L);
    assertThat(r.latency.get(0)).isLessThan(r.latency.get(9));
  }

  @Test
  void run_moreDueThanMaxWaiting_stopsAndSaysHowManyWereSent() throws IOException {
    Recorded r = new Recorded();

    int sent = run(List.of(OpenLoop.get(address, "/slow")), 1000, 1000, 1, 5, r);

    assertThat(sent).isLessThan(1000);
  }
}
