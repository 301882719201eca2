package org.kyodaku.benchmarks.load;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.kyodaku.benchmarks.Fixtures;

/**
 * Open loop on {@code POST /decisions}: request {@code i} is due at {@code start + i / rate} and is
 * sent then, whether or not earlier ones have been answered. Its latency is measured from that
 * intended instant, not from when it actually left, so a server (or client) stall shows up in
 * every request it delayed instead of hiding as one slow sample: no coordinated omission. The run
 * gives up, and says so, when more than {@code maxInFlight} requests are open at once. The requests
 * go out through {@link OpenLoop}, a client lean enough not to be the bottleneck it measures.
 */
final class SingleScenario {
  private static final int BODIES = 4096;

  /** What the measured phase saw. */
  record Result(
      int scheduled, int sent, long ok, long allowed, long errors, boolean overloaded,
      double sendSeconds, double seconds, Latencies latencies, String firstError, Latencies writes,
      long[] maxPerSecondNanos) {
    /** Requests answered per second, from the first due instant to the last answer. */
    double achievedRate() {
      return ok / seconds;
    }
  }

  private final Api api;
  private final LoadOptions o;
  private final Catalogue catalogue;
  private final InetSocketAddress address;
  private final List<byte[]> requests = new ArrayList<>();

  SingleScenario(Api api, LoadOptions o, Catalogue catalogue) {
    this.api = api;
    this.address = new InetSocketAddress(o.server().getHost(), o.server().getPort());
    this.o = o;
    this.catalogue = catalogue;
    if (o.baseline()) {
      // The floor under the decision figures: the same server, loop and machine, answering its
      // health check (one trivial store query) instead of deciding.
      requests.add(OpenLoop.get(address, "/health"));
      return;
    }
    SplittableRandom random = new SplittableRandom(o.seed() + 1);
    for (int i = 0; i < BODIES; i++) {
      String hex =
          random.nextDouble() < o.registeredShare()
              ? Fixtures.registered(random.nextInt(catalogue.fingerprints()))
              : Fixtures.unregistered(-(o.seed() * 1_000_000L + i + 1));
      String json =
          "{\"licensee\":\"" + catalogue.licenseeId()
              + "\",\"use\":\"train-genai\",\"territory\":\"JP\",\"sha256\":\"" + hex + "\"}";
      requests.add(
          OpenLoop.post(address, "/decisions", catalogue.licenseeToken(), json.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Sends at the configured rate for the warm-up time; nothing is kept. */
  void warmUp() throws InterruptedException {
    phase(o.singleWarmup().toSeconds(), 0);
  }

  /** The measured phase, at the configured rate. */
  Result measure() throws InterruptedException {
    return phase(o.singleDuration().toSeconds(), o.writesPerSecond());
  }

  private Result phase(long seconds, int writesPerSecond) throws InterruptedException {
    int scheduled = (int) Math.min(Integer.MAX_VALUE - 8, seconds * o.rate());
    long[] latency = new long[scheduled];
    Arrays.fill(latency, -1);
    long[] ok = new long[1];
    long[] allowed = new long[1];
    long[] errors = new long[1];
    long[] lastAnswer = new long[1];
    String[] firstError = {""};
    OpenLoop.Sink sink =
        new OpenLoop.Sink() {
          @Override
          public void answered(int index, long latencyNanos, int status, boolean allow) {
            lastAnswer[0] = System.nanoTime();
            if (status != 200) {
              errors[0]++;
              if (firstError[0].isEmpty()) {
                firstError[0] = "HTTP " + status + " for request " + index;
              }
              return;
            }
            latency[index] = latencyNanos;
            ok[0]++;
            if (allow) {
              allowed[0]++;
            }
          }

          @Override
          public void failed(int index, String why) {
            errors[0]++;
            if (firstError[0].isEmpty()) {
              firstError[0] = why + " (request " + index + ")";
            }
          }
        };
    int sent;
    double sendSeconds;
    long start;
    Writer writer;
    OpenLoop loop;
    try {
      loop = new OpenLoop(address, o.connections());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot connect to the server: " + e.getMessage(), e);
    }
    // The clock starts once every connection is open.
    start = System.nanoTime() + 20_000_000L;
    writer = new Writer(writesPerSecond, start, start + seconds * 1_000_000_000L);
    Thread writes = Thread.ofPlatform().name("single-writer").start(writer);
    try {
      sent = loop.run(requests, o.rate(), scheduled, start, o.maxInFlight(), o.timeout().toNanos(), sink);
      sendSeconds = (System.nanoTime() - start) / 1e9;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("the load client failed: " + e.getMessage(), e);
    } finally {
      writer.stop = true;
      writes.join();
      try {
        loop.close();
      } catch (java.io.IOException e) {
        // closing loopback sockets after the run: nothing to report
      }
    }
    boolean overloaded = sent < scheduled;
    long[] answered = Arrays.stream(latency).filter(v -> v >= 0).toArray();
    // The worst latency of the requests due in each second: shows whether the tail is a few
    // stalls (a pause, a lock) or spread evenly (a saturated server).
    long[] maxPerSecond = new long[(int) Math.max(1, seconds)];
    for (int i = 0; i < scheduled; i++) {
      int second = (int) Math.min(maxPerSecond.length - 1, i / o.rate());
      maxPerSecond[second] = Math.max(maxPerSecond[second], latency[i]);
    }
    return new Result(
        scheduled, sent, ok[0], allowed[0], errors[0], overloaded, sendSeconds,
        (Math.max(lastAnswer[0], start) - start) / 1e9, new Latencies(answered, answered.length),
        firstError[0], new Latencies(writer.nanos, writer.done), maxPerSecond);
  }

  /** Registers {@code perSecond} one-asset works per second, one at a time, until the end. */
  private final class Writer implements Runnable {
    final long[] nanos;
    final int perSecond;
    final long start;
    final long end;
    volatile boolean stop;
    int done;

    Writer(int perSecond, long start, long end) {
      this.perSecond = perSecond;
      this.start = start;
      this.end = end;
      this.nanos = new long[(int) Math.max(0, (end - start) / 1_000_000_000L * perSecond)];
    }

    @Override
    public void run() {
      for (int i = 0; i < nanos.length && !stop; i++) {
        long due = start + (long) (i * 1e9 / perSecond);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        if (System.nanoTime() >= end || stop) {
          return;
        }
        long sent = System.nanoTime();
        try {
          Catalogue.registerExtra(api, catalogue.ownerToken(), o.seed() * 1_000_000L + i);
          nanos[done++] = System.nanoTime() - sent;
        } catch (java.io.IOException e) {
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
