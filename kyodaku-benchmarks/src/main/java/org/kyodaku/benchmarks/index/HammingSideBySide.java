package org.kyodaku.benchmarks.index;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.index.hamming.BruteForceIndex;
import org.kyodaku.index.hamming.IndexWriter;
import org.kyodaku.index.hamming.Match;
import org.kyodaku.index.hamming.Segment;

/**
 * Our side of the FAISS side-by-side ({@code bench/faiss.sh}, docs/benchmarks.md): reads the codes
 * and query sets the Python driver wrote (raw 32-byte codes, numpy {@code packbits} order, so byte
 * 0 is the first two hex digits), builds one memory-mapped segment, and reports build time, file
 * size, heap, warm single- and two-thread queries/s at the radius, and recall against a brute-force
 * scan of the same codes, with that scan's own single-thread queries/s one query at a time and
 * batched ({@code BruteForceIndex.rangeSearchBatch}; the first pass, so JIT warm-up is included). Writes each query's sorted matching ids to {@code OUT/java.<set>.txt} so
 * the driver can compare them with FAISS's exact {@code IndexBinaryFlat} answers too.
 *
 * <pre>
 * java -cp kyodaku-benchmarks/target/benchmarks.jar org.kyodaku.benchmarks.index.HammingSideBySide \
 *   DIR RADIUS BRUTE_QUERIES SET...      (DIR holds db.bin and SET.bin; prints one JSON line)
 * </pre>
 */
public final class HammingSideBySide {
  private static final int BYTES = 32;

  private HammingSideBySide() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int radius = Integer.parseInt(args[1]);
    int bruteQueries = Integer.parseInt(args[2]);
    List<String> sets = List.of(args).subList(3, args.length);

    long[] db = read(dir.resolve("db.bin"));
    int n = db.length / 4;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", n);
    out.put("radius", radius);
    long heapBefore = usedHeap();
    long started = System.nanoTime();
    IndexWriter writer = IndexWriter.create(256);
    for (int i = 0; i < n; i++) {
      writer.add(BinaryCode.ofWords(db[4 * i], db[4 * i + 1], db[4 * i + 2], db[4 * i + 3]), i);
    }
    Path file = dir.resolve("kyodaku-segment.kdx");
    Files.deleteIfExists(file);
    Segment segment = writer.write(file);
    writer = null;
    out.put("build_s", round((System.nanoTime() - started) / 1e9));
    out.put("tables", segment.tables());
    out.put("file_bytes_per_code", round((double) segment.bytes() / n));
    out.put("heap_MB_after_build", (usedHeap() - heapBefore) / (1 << 20));

    BruteForceIndex.Builder brute = BruteForceIndex.builder(256);
    for (int i = 0; i < n; i++) {
      brute.add(BinaryCode.ofWords(db[4 * i], db[4 * i + 1], db[4 * i + 2], db[4 * i + 3]), i);
    }
    BruteForceIndex reference = brute.build();
    db = null;

    for (String set : sets) {
      long[] q = read(dir.resolve(set + ".bin"));
      List<BinaryCode> queries = new ArrayList<>();
      for (int i = 0; i < q.length / 4; i++) {
        queries.add(BinaryCode.ofWords(q[4 * i], q[4 * i + 1], q[4 * i + 2], q[4 * i + 3]));
      }
      // Warm-up: every query once (JIT, page cache), then timed passes.
      List<List<Match>> answers = queries.stream().map(c -> segment.rangeSearch(c, radius)).toList();
      out.put(set + "_queries", queries.size());
      out.put(set + "_matches", answers.stream().mapToInt(List::size).sum());
      out.put(set + "_t1_qps", round(queriesPerSecond(segment, queries, radius, 1)));
      out.put(set + "_t2_qps", round(queriesPerSecond(segment, queries, radius, 2)));

      // Recall against brute force on the first queries (a scan of every code per query).
      int checked = Math.min(bruteQueries, queries.size());
      long expected = 0;
      long found = 0;
      boolean identical = true;
      long bruteStarted = System.nanoTime();
      for (int i = 0; i < checked; i++) {
        List<Match> truth = reference.rangeSearch(queries.get(i), radius);
        expected += truth.size();
        found += answers.get(i).stream().filter(truth::contains).count();
        identical &= truth.equals(answers.get(i));
      }
      double bruteSeconds = (System.nanoTime() - bruteStarted) / 1e9;
      // The same queries batched: one blocked pass over the codes (the batched brute-force limit).
      long batchStarted = System.nanoTime();
      List<List<Match>> batched = reference.rangeSearchBatch(queries.subList(0, checked), radius);
      double batchSeconds = (System.nanoTime() - batchStarted) / 1e9;
      identical &= batched.equals(answers.subList(0, checked));
      out.put(set + "_brute_checked", checked);
      out.put(set + "_brute_t1_qps", round(checked / bruteSeconds));
      out.put(set + "_brute_batch_t1_qps", round(checked / batchSeconds));
      out.put(set + "_recall_vs_brute", expected == 0 ? "no true matches" : round((double) found / expected));
      out.put(set + "_identical_to_brute", identical);
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("java." + set + ".txt")))) {
        for (List<Match> a : answers) {
          w.println(a.stream().map(m -> Long.toString(m.id())).sorted().collect(Collectors.joining(" ")));
        }
      }
    }
    System.out.println(json(out));
  }

  /** Best of three passes over every query, split in {@code threads} contiguous parts. */
  private static double queriesPerSecond(Segment segment, List<BinaryCode> queries, int radius, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      double best = 0;
      for (int pass = 0; pass < 3; pass++) {
        long started = System.nanoTime();
        List<Future<Long>> parts = new ArrayList<>();
        int size = (queries.size() + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
          List<BinaryCode> part = queries.subList(Math.min(queries.size(), t * size), Math.min(queries.size(), (t + 1) * size));
          parts.add(pool.submit(() -> part.stream().mapToLong(c -> segment.rangeSearch(c, radius).size()).sum()));
        }
        for (Future<Long> f : parts) {
          f.get();
        }
        best = Math.max(best, queries.size() / ((System.nanoTime() - started) / 1e9));
      }
      return best;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Raw 32-byte codes as 4 big-endian words each (word 0 = first 16 hex digits). */
  private static long[] read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length % BYTES != 0) {
      throw new IOException(file + ": " + bytes.length + " bytes is not a whole number of 32-byte codes");
    }
    long[] words = new long[bytes.length / 8];
    ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asLongBuffer().get(words);
    return words;
  }

  private static long usedHeap() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String json(Map<String, Object> m) {
    return m.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\": " + (e.getValue() instanceof String s ? "\"" + s + "\"" : e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
