package org.kyodaku.benchmarks.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.index.hamming.IndexWriter;
import org.kyodaku.index.hamming.LiveIndex;

/**
 * Queries while registering (issue 4: "queries while registering 1,000 codes/s, no reader stall
 * over 10 ms"): a {@link LiveIndex} in a directory, preloaded with N random 256-bit codes in one
 * segment; a writer adds RATE codes/s into the tail and flushes it into a new segment file every
 * FLUSH codes and compacts (the registry's background flush, at a smaller threshold so that a
 * short run flushes often); one reader searches near-duplicates of codes added before each query (radius
 * 31) without pause. First the reader runs alone for the same time, as the baseline that shows
 * what the machine itself costs. Reports per-query latency (p50, p99, p99.9, max) and how many
 * queries took over 10 ms in each phase, the garbage collections in each phase (collector, count,
 * total and longest pause: a stall that coincides with none was the machine's doing), and checks
 * every query found its code. The reader records latencies into one array allocated before it
 * starts, so the harness itself adds no garbage to what it measures.
 *
 * <pre>
 * bench/mixed.sh [N] [SECONDS] [RATE] [FLUSH]     (defaults 1000000 30 1000 5000)
 * </pre>
 */
public final class MixedWorkload {
  private MixedWorkload() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int flushEvery = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
    Path dir = Files.createTempDirectory("kyodaku-mixed");
    SplittableRandom rnd = new SplittableRandom(42);
    int capacity = n + rate * seconds + 1;
    long[][] codes = new long[capacity][];
    IndexWriter writer = IndexWriter.create(256);
    for (int i = 0; i < n; i++) {
      codes[i] = random(rnd);
      writer.add(BinaryCode.ofWords(codes[i]), i);
    }
    long built = System.nanoTime();
    writer.write(dir.resolve("segment-00000001.kdx"));
    writer = null;
    System.out.printf("preloaded %d codes in a mapped segment (%.1f s)%n", n, (System.nanoTime() - built) / 1e9);
    LiveIndex index = LiveIndex.open(dir, 256);
    AtomicInteger added = new AtomicInteger(n);

    Pauses pauses = Pauses.watch();
    System.out.println(report("reader alone", read(index, codes, added, seconds)));
    System.out.println(pauses.take());

    AtomicBoolean writing = new AtomicBoolean(true);
    long[] flushMillis = new long[2];
    Thread registrations =
        Thread.ofPlatform()
            .name("registrations")
            .start(
                () -> {
                  SplittableRandom w = new SplittableRandom(7);
                  long start = System.nanoTime();
                  long count = 0;
                  try {
                    while (writing.get()) {
                      long due = start + count * 1_000_000_000L / rate;
                      long wait = due - System.nanoTime();
                      if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                      }
                      int id = added.get();
                      if (id >= capacity) {
                        break;
                      }
                      codes[id] = random(w);
                      index.add(BinaryCode.ofWords(codes[id]), id);
                      added.incrementAndGet();
                      count++;
                      if (count % flushEvery == 0) {
                        long f = System.nanoTime();
                        index.flush();
                        index.compact(); // as the registry does after each flush
                        flushMillis[0]++;
                        flushMillis[1] = Math.max(flushMillis[1], (System.nanoTime() - f) / 1_000_000);
                      }
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
    long[] latencies = read(index, codes, added, seconds);
    writing.set(false);
    registrations.join();
    System.out.println(report("reader while registering " + rate + " codes/s", latencies));
    System.out.println(pauses.take());
    System.out.printf(
        "registered %d codes, %d flushes + compactions (slowest %d ms; adds wait only for the final swaps), %d segments%n",
        added.get() - n, flushMillis[0], flushMillis[1], index.segments().size());
  }

  /** Queries for {@code seconds}; returns each query's latency in microseconds. */
  private static long[] read(LiveIndex index, long[][] codes, AtomicInteger added, int seconds) {
    SplittableRandom rnd = new SplittableRandom(11);
    // Room for 100,000 queries a second (10 us each), allocated before the clock starts.
    long[] out = new long[seconds * 100_000];
    int n = 0;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end && n < out.length) {
      int target = rnd.nextInt(added.get());
      long[] q = codes[target].clone();
      for (int f = 0; f < 20; f++) {
        int bit = rnd.nextInt(256);
        q[bit >>> 6] ^= 1L << (bit & 63);
      }
      long t = System.nanoTime();
      boolean found = index.rangeSearch(BinaryCode.ofWords(q), 31).stream().anyMatch(m -> m.id() == target);
      out[n++] = (System.nanoTime() - t) / 1000;
      if (!found) {
        throw new IllegalStateException("query for code " + target + " did not find it");
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Garbage collections since the last {@link #take}, from the JVM's GC notifications. */
  private static final class Pauses {
    private final List<String> seen = new ArrayList<>();

    static Pauses watch() {
      Pauses p = new Pauses();
      for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
        ((javax.management.NotificationEmitter) gc)
            .addNotificationListener(
                (notification, handback) -> {
                  var info =
                      com.sun.management.GarbageCollectionNotificationInfo.from(
                          (javax.management.openmbean.CompositeData) notification.getUserData());
                  synchronized (p.seen) {
                    p.seen.add(info.getGcName() + "\t" + info.getGcInfo().getDuration());
                  }
                },
                n -> n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION),
                null);
      }
      return p;
    }

    /**
     * One line per collector: count, total and longest duration in ms. For G1's and Parallel's
     * young and full collections the duration is the pause; a concurrent collector's includes
     * its concurrent work.
     */
    String take() {
      java.util.Map<String, long[]> by = new java.util.TreeMap<>();
      synchronized (seen) {
        for (String s : seen) {
          String[] f = s.split("\t");
          long ms = Long.parseLong(f[1]);
          long[] a = by.computeIfAbsent(f[0], k -> new long[3]);
          a[0]++;
          a[1] += ms;
          a[2] = Math.max(a[2], ms);
        }
        seen.clear();
      }
      if (by.isEmpty()) {
        return "  garbage collections: none";
      }
      StringBuilder sb = new StringBuilder("  garbage collections:");
      by.forEach((name, a) -> sb.append(String.format(" %s %d (total %d ms, longest %d ms);", name, a[0], a[1], a[2])));
      return sb.toString();
    }
  }

  private static String report(String phase, long[] micros) {
    long[] sorted = micros.clone();
    Arrays.sort(sorted);
    long over10ms = Arrays.stream(sorted).filter(us -> us > 10_000).count();
    return String.format(
        "%s: %d queries, latency p50 %d us, p99 %d us, p99.9 %d us, max %d us; over 10 ms: %d",
        phase, sorted.length, at(sorted, 0.5), at(sorted, 0.99), at(sorted, 0.999), sorted[sorted.length - 1], over10ms);
  }

  private static long at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
  }

  private static long[] random(SplittableRandom rnd) {
    return new long[] {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
  }
}
