package org.kyodaku.benchmarks.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;

/**
 * The load run's settings, validated once. Every loop they drive is bounded: by time, and by
 * {@code maxInFlight} for the open-loop scenario.
 *
 * @param server base URL of a running Kyodaku server; must be a loopback address
 * @param adminToken an admin's bearer token (setup creates the parties)
 * @param serverPid the server's process id, to report its CPU time, if known
 * @param scenarios which scenarios to run: {@code batch}, {@code single}
 * @param works works to register
 * @param assetsPerWork assets (distinct SHA-256s) per work
 * @param owners rights holders the works are spread over
 * @param setupThreads concurrent registration requests during setup
 * @param registeredShare share of asked items that are registered content
 * @param clients concurrent batch clients, each sending one request at a time
 * @param batchSize items per batch request
 * @param batchWarmup time spent sending batches before measuring
 * @param batchDuration time during which measured batches are started
 * @param rate single-decision requests per second, sent on schedule whatever the server does
 * @param singleWarmup time at {@code rate} before measuring
 * @param singleDuration measured time at {@code rate}
 * @param writesPerSecond registrations sent during the measured single phase, to see what acts
 *     (which go to the transparency log) do to decision latency; 0 for decisions only
 * @param baseline whether the single scenario asks {@code GET /health} instead of deciding, to
 *     measure what the server, the loop and the machine cost without the registry
 * @param connections keep-alive connections the single scenario sends over, opened before it starts
 * @param maxInFlight due requests waiting for a connection beyond which the single scenario gives
 *     up as overloaded
 * @param timeout the longest any one request may take
 * @param seed seeds the choice of items
 * @param json where to write the results as JSON, if anywhere
 */
record LoadOptions(
    URI server,
    String adminToken,
    Optional<Long> serverPid,
    Set<String> scenarios,
    int works,
    int assetsPerWork,
    int owners,
    int setupThreads,
    double registeredShare,
    int clients,
    int batchSize,
    Duration batchWarmup,
    Duration batchDuration,
    int rate,
    Duration singleWarmup,
    Duration singleDuration,
    int writesPerSecond,
    boolean baseline,
    int connections,
    int maxInFlight,
    Duration timeout,
    long seed,
    Optional<Path> json) {

  static final String USAGE =
      """
      usage: LoadRun --server URL (--token-file FILE | --token TOKEN) [options]
        --server URL            a running Kyodaku server on a loopback address, e.g. http://127.0.0.1:8080
        --token-file FILE       file holding an admin token (kyodaku serve writes DATA/admin.token)
        --server-pid PID        the server's process id, to report its CPU time
        --scenario S            batch, single or both (default both)
        --works N               works to register (default 200)
        --assets-per-work N     distinct sha256 assets per work, at most 10000 (default 500)
        --owners N              rights holders owning the works (default 10)
        --setup-threads N       concurrent registrations during setup (default 4)
        --registered-share F    share of asked items that are registered (default 0.5)
        --clients N             concurrent batch clients (default 2)
        --batch-size N          items per batch request, at most 10000 (default 10000)
        --batch-warmup S        seconds of batches before measuring (default 10)
        --batch-seconds S       seconds during which measured batches start (default 30)
        --rate N                single decisions per second, open loop (default 1000)
        --single-warmup S       seconds at that rate before measuring (default 10)
        --single-seconds S      measured seconds at that rate (default 30)
        --writes-per-second N   registrations per second during the measured single phase (default 0)
        --baseline              singles ask GET /health instead of deciding (the stack's floor)
        --connections N         keep-alive connections for the singles (default 64)
        --max-in-flight N       give up when this many due singles wait for a connection (default 5000)
        --timeout S             longest a request may take (default 120)
        --seed N                seed for the choice of items (default 42)
        --json FILE             also write the results as JSON
      """;

  LoadOptions {
    if (!isLoopback(server)) {
      throw new IllegalArgumentException(
          "--server must be a loopback address (127.0.0.0/8, localhost or [::1]), got " + server);
    }
    positive("--works", works);
    positive("--assets-per-work", assetsPerWork);
    if (assetsPerWork > 10_000) {
      throw new IllegalArgumentException("--assets-per-work must be at most 10000 (the API's limit), got " + assetsPerWork);
    }
    if (writesPerSecond < 0 || writesPerSecond > 100) {
      throw new IllegalArgumentException("--writes-per-second must be 0..100, got " + writesPerSecond);
    }
    positive("--owners", owners);
    positive("--setup-threads", setupThreads);
    positive("--clients", clients);
    positive("--rate", rate);
    positive("--connections", connections);
    positive("--max-in-flight", maxInFlight);
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("--batch-size must be 1..10000, got " + batchSize);
    }
    if (!(registeredShare >= 0 && registeredShare <= 1)) {
      throw new IllegalArgumentException("--registered-share must be 0..1, got " + registeredShare);
    }
    if (scenarios.isEmpty() || !Set.of("batch", "single").containsAll(scenarios)) {
      throw new IllegalArgumentException("--scenario must be batch, single or both, got " + scenarios);
    }
    if (owners > works) {
      throw new IllegalArgumentException("--owners (" + owners + ") must not exceed --works (" + works + ")");
    }
  }

  static LoadOptions parse(String[] args) throws IOException {
    Deque<String> in = new ArrayDeque<>(Arrays.asList(args));
    URI server = null;
    String token = null;
    Optional<Long> pid = Optional.empty();
    Set<String> scenarios = Set.of("batch", "single");
    int works = 200;
    int assets = 500;
    int owners = 10;
    int setupThreads = 4;
    double share = 0.5;
    int clients = 2;
    int batchSize = 10_000;
    Duration batchWarmup = Duration.ofSeconds(10);
    Duration batchDuration = Duration.ofSeconds(30);
    int rate = 1000;
    Duration singleWarmup = Duration.ofSeconds(10);
    Duration singleDuration = Duration.ofSeconds(30);
    int writes = 0;
    boolean baseline = false;
    int connections = 64;
    int maxInFlight = 5000;
    Duration timeout = Duration.ofSeconds(120);
    long seed = 42;
    Optional<Path> json = Optional.empty();
    while (!in.isEmpty()) {
      String flag = in.pop();
      switch (flag) {
        case "--server" -> server = URI.create(value(in, flag).replaceAll("/+$", ""));
        case "--token" -> token = value(in, flag);
        case "--token-file" -> token = Files.readString(Path.of(value(in, flag)), StandardCharsets.UTF_8);
        case "--server-pid" -> pid = Optional.of(Long.parseLong(value(in, flag)));
        case "--scenario" -> {
          String s = value(in, flag);
          scenarios = s.equals("both") ? Set.of("batch", "single") : Set.of(s);
        }
        case "--works" -> works = Integer.parseInt(value(in, flag));
        case "--assets-per-work" -> assets = Integer.parseInt(value(in, flag));
        case "--owners" -> owners = Integer.parseInt(value(in, flag));
        case "--setup-threads" -> setupThreads = Integer.parseInt(value(in, flag));
        case "--registered-share" -> share = Double.parseDouble(value(in, flag));
        case "--clients" -> clients = Integer.parseInt(value(in, flag));
        case "--batch-size" -> batchSize = Integer.parseInt(value(in, flag));
        case "--batch-warmup" -> batchWarmup = seconds(in, flag);
        case "--batch-seconds" -> batchDuration = seconds(in, flag);
        case "--rate" -> rate = Integer.parseInt(value(in, flag));
        case "--single-warmup" -> singleWarmup = seconds(in, flag);
        case "--single-seconds" -> singleDuration = seconds(in, flag);
        case "--writes-per-second" -> writes = Integer.parseInt(value(in, flag));
        case "--baseline" -> baseline = true;
        case "--connections" -> connections = Integer.parseInt(value(in, flag));
        case "--max-in-flight" -> maxInFlight = Integer.parseInt(value(in, flag));
        case "--timeout" -> timeout = seconds(in, flag);
        case "--seed" -> seed = Long.parseLong(value(in, flag));
        case "--json" -> json = Optional.of(Path.of(value(in, flag)));
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (server == null || token == null) {
      throw new IllegalArgumentException("--server and --token-file (or --token) are required");
    }
    return new LoadOptions(
        server, token.strip(), pid, scenarios, works, assets, owners, setupThreads, share, clients,
        batchSize, batchWarmup, batchDuration, rate, singleWarmup, singleDuration, writes,
        baseline, connections, maxInFlight, timeout, seed, json);
  }

  private static String value(Deque<String> in, String flag) {
    if (in.isEmpty()) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return in.pop();
  }

  private static Duration seconds(Deque<String> in, String flag) {
    long s = Long.parseLong(value(in, flag));
    if (s < 0 || s > 3600) {
      throw new IllegalArgumentException(flag + " must be 0..3600 seconds, got " + s);
    }
    return Duration.ofSeconds(s);
  }

  private static void positive(String flag, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(flag + " must be at least 1, got " + value);
    }
  }

  /** Load goes to this machine only: the run refuses any other target. */
  private static boolean isLoopback(URI server) {
    String host = server.getHost();
    if (host == null || !"http".equals(server.getScheme())) {
      return false;
    }
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
