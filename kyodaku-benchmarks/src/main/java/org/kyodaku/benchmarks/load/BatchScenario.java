package org.kyodaku.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kyodaku.benchmarks.Fixtures;

/**
 * Closed loop on {@code POST /decisions/batch}: {@code clients} threads each send one batch, wait
 * for the whole answer, and send the next, first for the warm-up time (not counted), then for the
 * measured time. Throughput is the decisions answered by measured requests divided by the time
 * from the start of the measured phase until the last of them completed, so a request still
 * running at the deadline is waited for and counted, never cut off.
 */
final class BatchScenario {
  private static final int BODIES = 8;
  private static final int MAX_ERRORS = 100;
  private static final int MAX_REQUESTS_PER_CLIENT = 1_000_000;
  private static final Pattern HEAD = Pattern.compile("\"count\"\\s*:\\s*(\\d+)\\s*,\\s*\"allowed\"\\s*:\\s*(\\d+)");

  /** What the measured phase saw. */
  record Result(
      long requests, long decisions, long allowed, long errors, double seconds, Latencies latencies,
      long responseBytes, String firstError) {
    double decisionsPerSecond() {
      return decisions / seconds;
    }
  }

  private record Sample(long nanos, long decisions, long allowed, long bytes) {}

  private final HttpClient http;
  private final LoadOptions o;
  private final List<HttpRequest> requests = new ArrayList<>();

  BatchScenario(HttpClient http, Api api, LoadOptions o, Catalogue catalogue) {
    this.http = http;
    this.o = o;
    SplittableRandom random = new SplittableRandom(o.seed());
    long unregistered = 0;
    for (int b = 0; b < BODIES; b++) {
      StringBuilder json = new StringBuilder(o.batchSize() * 80 + 200);
      json.append("{\"licensee\":\"").append(catalogue.licenseeId())
          .append("\",\"use\":\"train-genai\",\"territory\":\"JP\",\"items\":[");
      for (int i = 0; i < o.batchSize(); i++) {
        String hex =
            random.nextDouble() < o.registeredShare()
                ? Fixtures.registered(random.nextInt(catalogue.fingerprints()))
                : Fixtures.unregistered(o.seed() * 1_000_000_000L + unregistered++);
        json.append(i == 0 ? "" : ",").append("{\"sha256\":\"").append(hex).append("\"}");
      }
      json.append("]}");
      requests.add(
          api.post("/decisions/batch", catalogue.licenseeToken(), json.toString().getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Sends batches for the warm-up time; nothing is recorded. */
  void warmUp() throws InterruptedException {
    phase(o.batchWarmup().toNanos());
  }

  /** The measured phase. */
  Result measure() throws InterruptedException {
    return phase(o.batchDuration().toNanos());
  }

  private Result phase(long durationNanos) throws InterruptedException {
    List<List<Sample>> perClient = new ArrayList<>();
    AtomicReference<String> firstError = new AtomicReference<>("");
    long[] errors = new long[o.clients()];
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    long deadline = start + durationNanos;
    for (int c = 0; c < o.clients(); c++) {
      List<Sample> samples = new ArrayList<>();
      perClient.add(samples);
      int client = c;
      Thread t =
          Thread.ofPlatform()
              .name("batch-client-" + c)
              .start(
                  () -> {
                    for (int k = 0; k < MAX_REQUESTS_PER_CLIENT && System.nanoTime() < deadline; k++) {
                      HttpRequest request = requests.get((client + k * o.clients()) % requests.size());
                      long sent = System.nanoTime();
                      try {
                        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                        try (InputStream body = r.body()) {
                          byte[] head = body.readNBytes(256);
                          long bytes = head.length + body.transferTo(java.io.OutputStream.nullOutputStream());
                          String text = new String(head, StandardCharsets.UTF_8);
                          Matcher m = HEAD.matcher(text);
                          if (r.statusCode() != 200 || !m.find()) {
                            throw new IOException("status " + r.statusCode() + ": " + text);
                          }
                          samples.add(new Sample(System.nanoTime() - sent, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), bytes));
                        }
                      } catch (IOException e) {
                        firstError.compareAndSet("", e.toString());
                        if (++errors[client] >= MAX_ERRORS) {
                          return;
                        }
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                      }
                    }
                  });
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] nanos = new long[perClient.stream().mapToInt(List::size).sum()];
    long decisions = 0;
    long allowed = 0;
    long bytes = 0;
    int n = 0;
    for (List<Sample> samples : perClient) {
      for (Sample s : samples) {
        nanos[n++] = s.nanos();
        decisions += s.decisions();
        allowed += s.allowed();
        bytes += s.bytes();
      }
    }
    long errorCount = 0;
    for (long e : errors) {
      errorCount += e;
    }
    return new Result(n, decisions, allowed, errorCount, seconds, new Latencies(nanos, n), bytes, firstError.get());
  }
}
