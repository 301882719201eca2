package org.kyodaku.benchmarks.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Load run of the HTTP API over loopback, against a server started separately (client and server
 * do not share a JVM): fills the registry through the API ({@link Catalogue}), then runs the
 * {@code batch} scenario ({@link BatchScenario}) and the {@code single} scenario ({@link
 * SingleScenario}) and prints decisions per second and latency percentiles; with {@code
 * --server-pid}, also the CPU time the server and this client used in each measured phase.
 *
 * <p>Run the whole thing (build, start a server on a free port with a fresh data directory, load,
 * stop, clean up) with:
 *
 * <pre>
 * bench/load.sh                      # both scenarios, defaults below
 * bench/load.sh --scenario single    # any LoadRun option is passed through
 * </pre>
 *
 * <p>or by hand against a running server:
 *
 * <pre>
 * ./kyodaku serve --port 8080 --data /tmp/kyodaku-load &amp;
 * java -cp kyodaku-benchmarks/target/benchmarks.jar org.kyodaku.benchmarks.load.LoadRun \
 *     --server http://127.0.0.1:8080 --token-file /tmp/kyodaku-load/admin.token
 * </pre>
 *
 * <p>The data directory must be fresh: setup registers the same fingerprints every time, and
 * registers them again in a used store (the registry allows one file in several works), which would
 * change what is measured.
 */
public final class LoadRun {
  private LoadRun() {}

  public static void main(String[] args) throws Exception {
    LoadOptions o;
    try {
      o = LoadOptions.parse(args);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("LoadRun: " + e.getMessage());
      System.err.print(LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    PrintStream out = System.out;
    try (ExecutorService executor = Executors.newFixedThreadPool(4);
        HttpClient http =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build()) {
      Api api = new Api(http, o.server(), o.timeout());
      api.health();
      ObjectNode report = api.json().createObjectNode();
      report.put("server", o.server().toString());
      report.put("availableProcessors", Runtime.getRuntime().availableProcessors());
      report.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());

      out.printf(
          "setup: %d works x %d assets over %d owners, %d registration threads...%n",
          o.works(), o.assetsPerWork(), o.owners(), o.setupThreads());
      Catalogue catalogue = Catalogue.create(api, o);
      out.printf(Locale.ROOT, "setup: %d fingerprints registered in %.1f s (%.0f works/s)%n",
          catalogue.fingerprints(), catalogue.seconds(), o.works() / catalogue.seconds());
      ObjectNode setup = report.putObject("setup");
      setup.put("works", o.works());
      setup.put("assetsPerWork", o.assetsPerWork());
      setup.put("owners", o.owners());
      setup.put("fingerprints", catalogue.fingerprints());
      setup.put("seconds", catalogue.seconds());

      if (o.scenarios().contains("batch")) {
        BatchScenario scenario = new BatchScenario(http, api, o, catalogue);
        out.printf(
            "batch: %d clients x %d items, %d s warm-up, %d s measured...%n",
            o.clients(), o.batchSize(), o.batchWarmup().toSeconds(), o.batchDuration().toSeconds());
        scenario.warmUp();
        Cpu cpu = Cpu.start(o.serverPid());
        BatchScenario.Result r = scenario.measure();
        Cpu.Used used = cpu.stop();
        out.printf(
            Locale.ROOT,
            "batch: %,.0f decisions/s  (%d requests, %,d decisions, %.1f%% allowed, %d errors, %.1f s)%n"
                + "batch: request latency ms  p50 %.1f  p99 %.1f  max %.1f  mean %.1f%n"
                + "batch: %s%n",
            r.decisionsPerSecond(), r.requests(), r.decisions(),
            100.0 * r.allowed() / Math.max(1, r.decisions()), r.errors(), r.seconds(),
            r.latencies().percentileMs(50), r.latencies().percentileMs(99), r.latencies().maxMs(),
            r.latencies().meanMs(), used.describe(r.seconds()));
        if (r.errors() > 0) {
          out.println("batch: first error: " + r.firstError());
        }
        ObjectNode b = report.putObject("batch");
        b.put("clients", o.clients());
        b.put("batchSize", o.batchSize());
        b.put("warmupSeconds", o.batchWarmup().toSeconds());
        b.put("measuredSeconds", r.seconds());
        b.put("requests", r.requests());
        b.put("decisions", r.decisions());
        b.put("allowed", r.allowed());
        b.put("errors", r.errors());
        b.put("decisionsPerSecond", r.decisionsPerSecond());
        b.put("responseBytes", r.responseBytes());
        latencies(b, r.latencies());
        used.put(b);
      }

      if (o.scenarios().contains("single")) {
        SingleScenario scenario = new SingleScenario(api, o, catalogue);
        out.printf(
            "single: open loop at %d requests/s, %d s warm-up, %d s measured...%n",
            o.rate(), o.singleWarmup().toSeconds(), o.singleDuration().toSeconds());
        scenario.warmUp();
        Cpu cpu = Cpu.start(o.serverPid());
        SingleScenario.Result r = scenario.measure();
        Cpu.Used used = cpu.stop();
        out.printf(
            Locale.ROOT,
            "single: %,.0f requests/s answered (target %d; %d of %d sent, %d ok, %.1f%% allowed, %d errors%s)%n"
                + "single: latency from intended send, ms  p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  mean %.2f%n"
                + "single: %s%n",
            r.achievedRate(), o.rate(), r.sent(), r.scheduled(), r.ok(),
            100.0 * r.allowed() / Math.max(1, r.ok()), r.errors(),
            r.overloaded() ? "; OVERLOADED: gave up at " + o.maxInFlight() + " open requests" : "",
            r.latencies().percentileMs(50), r.latencies().percentileMs(99),
            r.latencies().percentileMs(99.9), r.latencies().maxMs(), r.latencies().meanMs(),
            used.describe(r.seconds()));
        long[] worst = r.maxPerSecondNanos();
        long over5 = Arrays.stream(worst).filter(v -> v > 5_000_000L).count();
        out.printf(
            Locale.ROOT,
            "single: seconds whose worst request took over 5 ms: %d of %d; worst per second (ms): %s%n",
            over5, worst.length,
            Arrays.stream(worst).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v / 1e6)).collect(Collectors.joining(" ")));
        if (o.writesPerSecond() > 0) {
          out.printf(
              Locale.ROOT,
              "single: with %d registrations during the phase (target %d/s), each taking ms  p50 %.1f  max %.1f%n",
              r.writes().count(), o.writesPerSecond(), r.writes().percentileMs(50), r.writes().maxMs());
        }
        if (r.errors() > 0) {
          out.println("single: first error: " + r.firstError());
        }
        ObjectNode s = report.putObject("single");
        s.put("targetRate", o.rate());
        s.put("warmupSeconds", o.singleWarmup().toSeconds());
        s.put("scheduled", r.scheduled());
        s.put("sent", r.sent());
        s.put("ok", r.ok());
        s.put("allowed", r.allowed());
        s.put("errors", r.errors());
        s.put("overloaded", r.overloaded());
        s.put("measuredSeconds", r.seconds());
        s.put("achievedRate", r.achievedRate());
        latencies(s, r.latencies());
        s.put("p999Ms", r.latencies().percentileMs(99.9));
        ArrayNode perSecond = s.putArray("worstPerSecondMs");
        Arrays.stream(worst).forEach(v -> perSecond.add(v / 1e6));
        s.put("writesPerSecond", o.writesPerSecond());
        s.put("writes", r.writes().count());
        s.put("writeP50Ms", r.writes().percentileMs(50));
        s.put("writeMaxMs", r.writes().maxMs());
        used.put(s);
      }

      if (o.json().isPresent()) {
        Files.write(o.json().get(), api.json().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        out.println("results: " + o.json().get().toAbsolutePath());
      }
    }
  }

  private static void latencies(ObjectNode node, Latencies l) {
    node.put("p50Ms", l.percentileMs(50));
    node.put("p90Ms", l.percentileMs(90));
    node.put("p99Ms", l.percentileMs(99));
    node.put("maxMs", l.maxMs());
    node.put("meanMs", l.meanMs());
  }

  /**
   * CPU time over a phase: the server's (when its pid is known), this client's, and the whole
   * machine's from {@code /proc/stat}, so that a run disturbed by other processes says so.
   */
  private record Cpu(
      Optional<Duration> serverAtStart,
      Optional<Duration> clientAtStart,
      Optional<long[]> machineAtStart,
      Optional<Long> pid) {
    /** USER_HZ: the unit of /proc/stat, 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    static Cpu start(Optional<Long> pid) {
      return new Cpu(serverCpu(pid), clientCpu(), machine(), pid);
    }

    Used stop() {
      Optional<Duration> s = serverCpu(pid).flatMap(end -> serverAtStart.map(end::minus));
      Optional<Duration> c = clientCpu().flatMap(end -> clientAtStart.map(end::minus));
      Optional<double[]> m =
          machine()
              .flatMap(
                  end ->
                      machineAtStart.map(
                          begin ->
                              new double[] {
                                (end[0] - begin[0]) / TICKS_PER_SECOND,
                                (end[1] - begin[1]) / TICKS_PER_SECOND
                              }));
      return new Used(s, c, m.map(v -> v[0]), m.map(v -> v[1]));
    }

    private static Optional<Duration> serverCpu(Optional<Long> pid) {
      return pid.flatMap(ProcessHandle::of).flatMap(h -> h.info().totalCpuDuration());
    }

    private static Optional<Duration> clientCpu() {
      return ProcessHandle.current().info().totalCpuDuration();
    }

    /** Busy ticks (user, nice, system, irq, softirq, steal) and steal ticks of all CPUs. */
    private static Optional<long[]> machine() {
      try {
        String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
        String[] f = line.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 9) {
          return Optional.empty();
        }
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
          busy += Long.parseLong(f[i]);
        }
        return Optional.of(new long[] {busy, Long.parseLong(f[8])});
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    record Used(
        Optional<Duration> server,
        Optional<Duration> client,
        Optional<Double> machineBusy,
        Optional<Double> steal) {
      /** E.g. {@code server 55.1 cpu-s (1.71 cores), load client ..., other processes ...}. */
      String describe(double wallSeconds) {
        String text = "cpu: server " + part(server, wallSeconds) + ", load client " + part(client, wallSeconds);
        Optional<Double> others = others();
        if (others.isPresent()) {
          text +=
              String.format(
                  Locale.ROOT,
                  ", other processes %.1f cpu-s (%.2f cores), steal %.1f s",
                  others.get(), others.get() / wallSeconds, steal.orElse(0.0));
        }
        return text;
      }

      /** Busy CPU time not spent by the server or this client: a disturbed run shows here. */
      Optional<Double> others() {
        if (machineBusy.isEmpty() || server.isEmpty() || client.isEmpty()) {
          return Optional.empty();
        }
        double own = (server.get().toMillis() + client.get().toMillis()) / 1e3;
        return Optional.of(Math.max(0, machineBusy.get() - own));
      }

      private static String part(Optional<Duration> d, double wall) {
        return d.map(v -> String.format(Locale.ROOT, "%.1f cpu-s (%.2f cores)", v.toMillis() / 1e3, v.toMillis() / 1e3 / wall))
            .orElse("unknown");
      }

      void put(ObjectNode node) {
        server.ifPresent(v -> node.put("serverCpuSeconds", v.toMillis() / 1e3));
        client.ifPresent(v -> node.put("clientCpuSeconds", v.toMillis() / 1e3));
        machineBusy.ifPresent(v -> node.put("machineBusyCpuSeconds", v));
        others().ifPresent(v -> node.put("otherProcessesCpuSeconds", v));
        steal.ifPresent(v -> node.put("stealSeconds", v));
      }
    }
  }
}
