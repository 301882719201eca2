package org.kyodaku.benchmarks.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.kyodaku.core.model.Party;
import org.kyodaku.core.model.PartyKind;
import org.kyodaku.core.registry.ConsentLog;
import org.kyodaku.core.registry.ReceiptSource;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.registry.RegistryLog;
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.log.tiles.TileHashSource;

/**
 * The transparency-log benchmark: how fast the sequencer takes entries with batching, how long
 * proofs take at a large tree size, and how fast the registry records acts one at a time.
 *
 * <p>Phases, each printed as it ends and all as one JSON line at the end:
 *
 * <ol>
 *   <li><b>append</b>: {@code --entries N} entries of {@code --entry-bytes} random bytes appended to
 *       a {@link Sequencer} in a fresh directory on the file system of {@code --dir}, batches of at
 *       most {@code --batch} entries or {@code --delay-ms}, up to {@code --in-flight} appends
 *       waiting (Tessera's pushback); every batch is synced and checkpointed. Reports appends/s,
 *       batches (= checkpoints), and the latency from {@code append} to acknowledgement (the
 *       integration latency: a checkpoint covers the entry) of a sample.
 *   <li><b>proofs</b> at size N: {@code --proofs} inclusion proofs of random indices and as many
 *       consistency proofs from random sizes, each from a fresh tile reader over the directory (no
 *       tile cache kept between proofs; the OS page cache is warm), and the same through the
 *       receipts path ({@code LogReceipts}: read the entry from its bundle, prove, write the
 *       tlog-proof). Reports p50/p99/max.
 *   <li><b>acts</b>: {@code --acts} registry acts through {@link RegistryLog} (the configuration
 *       {@code kyodaku serve} uses: one act at a time, group commit, each batch sealed with its map
 *       root), each waiting for its checkpoint. Reports acts/s and latency.
 * </ol>
 *
 * <p>Command (see docs/benchmarks.md): {@code bench/log.sh --entries 1000000}.
 */
public final class LogBench {
  record Options(
      long entries, int entryBytes, int batch, int delayMs, int inFlight, int proofs, int acts, Path dir) {
    static Options parse(String[] args) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i += 2) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --option value pairs, got " + Arrays.toString(args));
        }
        m.put(args[i].substring(2), args[i + 1]);
      }
      Options o = new Options(
          Long.parseLong(m.getOrDefault("entries", "1000000")),
          Integer.parseInt(m.getOrDefault("entry-bytes", "200")),
          Integer.parseInt(m.getOrDefault("batch", "1024")),
          Integer.parseInt(m.getOrDefault("delay-ms", "100")),
          Integer.parseInt(m.getOrDefault("in-flight", "4096")),
          Integer.parseInt(m.getOrDefault("proofs", "1000")),
          Integer.parseInt(m.getOrDefault("acts", "500")),
          Path.of(m.getOrDefault("dir", System.getProperty("java.io.tmpdir"))));
      m.keySet().removeAll(List.of("entries", "entry-bytes", "batch", "delay-ms", "in-flight", "proofs", "acts", "dir"));
      if (!m.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + m.keySet());
      }
      if (o.entries < 2 || o.entryBytes < 1 || o.entryBytes > 65_535 || o.inFlight < o.batch || o.proofs < 1 || o.acts < 1) {
        throw new IllegalArgumentException("entries >= 2, entry-bytes 1..65535, in-flight >= batch, proofs and acts >= 1: " + o);
      }
      return o;
    }
  }

  private LogBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, Object> result = run(Options.parse(args), System.err);
    System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(result));
  }

  static Map<String, Object> run(Options o, PrintStream progress) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    Path work = Files.createTempDirectory(o.dir(), "kyodaku-logbench");
    try {
      SignerKey key = SignerKey.ed25519("bench.kyodaku/log", new byte[32]);
      out.put("append", append(o, key, work.resolve("raw"), progress));
      out.put("proofs", proofs(o, key, work.resolve("raw"), progress));
      out.put("acts", acts(o, key, work.resolve("registry"), progress));
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    return out;
  }

  private static Map<String, Object> append(Options o, SignerKey key, Path dir, PrintStream progress) throws Exception {
    SequencerConfig config = SequencerConfig.of(key)
        .withBatching(o.batch(), Duration.ofMillis(o.delayMs()))
        .withMaxPending(o.inFlight());
    SplittableRandom random = new SplittableRandom(1);
    int sampleEvery = (int) Math.max(1, o.entries() / 10_000);
    List<Long> latencies = new ArrayList<>();
    Semaphore window = new Semaphore(o.inFlight());
    long started;
    long elapsed;
    long checkpoints;
    try (Sequencer s = Sequencer.open(dir, config)) {
      long before = s.size();
      List<CompletableFuture<Long>> last = new ArrayList<>();
      started = System.nanoTime();
      long reported = started;
      for (long i = 0; i < o.entries(); i++) {
        byte[] entry = new byte[o.entryBytes()];
        random.nextBytes(entry);
        window.acquire();
        long t0 = System.nanoTime();
        boolean sample = i % sampleEvery == 0;
        CompletableFuture<Long> f = s.append(entry);
        f.whenComplete((index, error) -> {
          window.release();
          if (sample && error == null) {
            synchronized (latencies) {
              latencies.add(System.nanoTime() - t0);
            }
          }
        });
        if (i >= o.entries() - 1) {
          last.add(f);
        }
        if (System.nanoTime() - reported > 5_000_000_000L) {
          reported = System.nanoTime();
          progress.printf("append: %,d of %,d (%,.0f/s)%n", i, o.entries(), i / ((reported - started) / 1e9));
        }
      }
      for (CompletableFuture<Long> f : last) {
        f.get();
      }
      window.acquire(o.inFlight());
      elapsed = System.nanoTime() - started;
      checkpoints = s.size() - before;
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("entries", o.entries());
    r.put("entryBytes", o.entryBytes());
    r.put("maxBatch", o.batch());
    r.put("maxDelayMs", o.delayMs());
    r.put("seconds", elapsed / 1e9);
    r.put("appendsPerSecond", o.entries() / (elapsed / 1e9));
    r.put("integrationLatencyMs", percentiles(latencies));
    r.put("directoryBytes", size(dir));
    progress.println("append: " + r);
    return r;
  }

  private static Map<String, Object> proofs(Options o, SignerKey key, Path dir, PrintStream progress) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    try (Sequencer s = Sequencer.open(dir, SequencerConfig.of(key))) {
      long size = s.size();
      SplittableRandom random = new SplittableRandom(2);
      List<Long> inclusion = new ArrayList<>();
      List<Long> consistency = new ArrayList<>();
      for (int i = 0; i < o.proofs(); i++) {
        long index = random.nextLong(size);
        long t0 = System.nanoTime();
        MerkleTree.over(TileHashSource.of(s.reader(), size)).inclusionProof(index, size);
        inclusion.add(System.nanoTime() - t0);
        long from = 1 + random.nextLong(size - 1);
        t0 = System.nanoTime();
        MerkleTree.over(TileHashSource.of(s.reader(), size)).consistencyProof(from, size);
        consistency.add(System.nanoTime() - t0);
      }
      r.put("treeSize", size);
      r.put("inclusionMs", percentiles(inclusion));
      r.put("consistencyMs", percentiles(consistency));
      long t0 = System.nanoTime();
      MerkleTree.over(TileHashSource.of(s.reader(), size)).root();
      r.put("rootFromTilesMs", (System.nanoTime() - t0) / 1e6);
    }
    progress.println("proofs: " + r);
    return r;
  }

  private static Map<String, Object> acts(Options o, SignerKey key, Path dir, PrintStream progress) {
    SequencerConfig config = SequencerConfig.of(key).withBatching(SequencerConfig.DEFAULT_MAX_BATCH_SIZE, Duration.ZERO);
    List<Long> latencies = new ArrayList<>();
    long elapsed;
    Map<String, Object> r = new LinkedHashMap<>();
    try (RegistryLog log = RegistryLog.open(dir, config, Clock.systemUTC())) {
      ConsentLog acts = log.recorder();
      Instant t = Instant.parse("2026-01-01T00:00:00Z");
      long started = System.nanoTime();
      for (int i = 0; i < o.acts(); i++) {
        Party p = new Party(String.format("p_bench%08d", i), PartyKind.CREATOR, "作者 " + i, t.plusMillis(i));
        long t0 = System.nanoTime();
        acts.append(new ConsentLog.PartyCreated("registry", p));
        latencies.add(System.nanoTime() - t0);
      }
      elapsed = System.nanoTime() - started;
      long t0 = System.nanoTime();
      ReceiptSource.LogView view = log.receipts().view();
      SplittableRandom random = new SplittableRandom(3);
      List<Long> receipts = new ArrayList<>();
      long size = CheckpointVerifier.forLog(key.verifierKey()).verify(view.checkpoint()).checkpoint().size();
      for (int i = 0; i < Math.min(o.proofs(), 1000); i++) {
        long start = System.nanoTime();
        view.prove(random.nextLong(size));
        receipts.add(System.nanoTime() - start);
      }
      r.put("viewMs", (System.nanoTime() - t0) / 1e6);
      r.put("receiptProofMs", percentiles(receipts));
      r.put("logSize", log.sequencer().size());
    }
    r.put("acts", o.acts());
    r.put("actsPerSecond", o.acts() / (elapsed / 1e9));
    r.put("actLatencyMs", percentiles(latencies));
    progress.println("acts: " + r);
    return r;
  }

  private static Map<String, Object> percentiles(List<Long> nanos) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("n", sorted.length);
    if (sorted.length > 0) {
      p.put("p50", sorted[(int) (sorted.length * 0.50)] / 1e6);
      p.put("p99", sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6);
      p.put("max", sorted[sorted.length - 1] / 1e6);
    }
    return p;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }
}
