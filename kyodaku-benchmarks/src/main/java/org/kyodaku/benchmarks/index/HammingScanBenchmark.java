package org.kyodaku.benchmarks.index;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.index.hamming.BruteForceIndex;
import org.kyodaku.index.hamming.IndexWriter;
import org.kyodaku.index.hamming.Match;
import org.kyodaku.index.hamming.Segment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Brute force against the index on the same 256-bit codes, radius 31, in one JVM: our reference
 * scan one query at a time (bounded by memory bandwidth), the same scan batched ({@link
 * BruteForceIndex#rangeSearchBatch}, {@value #BATCH} queries per pass over blocks of codes that stay
 * in L2: bounded by the popcount rate, the "batched brute-force limit" of docs/index.md), and a
 * multi-index-hashing {@link Segment} (heap buffers, default layout) one query at a time.
 *
 * <p>Data: N uniform random codes (seed 1); queries: near-duplicates of stored codes with 0–31 bits
 * flipped, one true match each (seed 2). Score: queries per second on one thread ({@code -t 2} for
 * two; each thread then runs its own queries over the shared codes).
 *
 * <pre>
 * bench/jmh.sh HammingScanBenchmark                          # N = 10^6, about 2 minutes
 * bench/jmh.sh HammingScanBenchmark -p n=10000000             # N = 10^7 (about 4 GB of heap), ~5 minutes
 * bench/jmh.sh HammingScanBenchmark -wi 1 -i 2 -w 2 -r 3     # a one-minute smoke run
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
public class HammingScanBenchmark {
  /** Queries per batched pass; the shared {@code membw_popcnt} tool also batches 64. */
  static final int BATCH = 64;

  static final int RADIUS = 31;

  /** Codes indexed. */
  @Param({"1000000"})
  public int n;

  BruteForceIndex brute;
  Segment segment;
  List<BinaryCode> queries;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom data = new SplittableRandom(1);
    long[] raw = new long[4 * n];
    BruteForceIndex.Builder b = BruteForceIndex.builder(256);
    IndexWriter w = IndexWriter.create(256);
    for (int i = 0; i < n; i++) {
      BinaryCode c = BinaryCode.ofWords(data.nextLong(), data.nextLong(), data.nextLong(), data.nextLong());
      for (int k = 0; k < 4; k++) {
        raw[4 * i + k] = c.word(k);
      }
      b.add(c, i);
      w.add(c, i);
    }
    brute = b.build();
    segment = w.build();
    SplittableRandom rnd = new SplittableRandom(2);
    queries = new ArrayList<>();
    for (int j = 0; j < 16 * BATCH; j++) {
      int i = rnd.nextInt(n);
      BinaryCode c = BinaryCode.ofWords(raw[4 * i], raw[4 * i + 1], raw[4 * i + 2], raw[4 * i + 3]);
      queries.add(nearDuplicate(c, rnd.nextInt(RADIUS + 1), rnd));
    }
  }

  /** {@code code} with {@code flips} distinct bits inverted: exactly {@code flips} away. */
  static BinaryCode nearDuplicate(BinaryCode code, int flips, SplittableRandom rnd) {
    int[] bits = new int[code.width()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = i;
    }
    BinaryCode q = code;
    for (int f = 0; f < flips; f++) {
      int k = f + rnd.nextInt(bits.length - f);
      int bit = bits[k];
      bits[k] = bits[f];
      bits[f] = bit;
      q = q.flip(bit);
    }
    return q;
  }

  /** Each benchmark thread's place in the query list. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    BinaryCode one(HammingScanBenchmark b) {
      BinaryCode q = b.queries.get(next);
      next = (next + 1) % b.queries.size();
      return q;
    }

    List<BinaryCode> batch(HammingScanBenchmark b) {
      int from = next - next % BATCH;
      next = (from + BATCH) % b.queries.size();
      return b.queries.subList(from, from + BATCH);
    }
  }

  /** One query, one full scan of the codes. */
  @Benchmark
  public List<Match> bruteForceOne(Cursor c) {
    return brute.rangeSearch(c.one(this), RADIUS);
  }

  /** {@value #BATCH} queries sharing one blocked pass over the codes; scored per query. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<List<Match>> bruteForceBatched(Cursor c) {
    return brute.rangeSearchBatch(c.batch(this), RADIUS);
  }

  /** One query through the multi-index-hashing tables. */
  @Benchmark
  public List<Match> segmentOne(Cursor c) {
    return segment.rangeSearch(c.one(this), RADIUS);
  }
}
