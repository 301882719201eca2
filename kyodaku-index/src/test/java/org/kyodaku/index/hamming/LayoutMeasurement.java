package org.kyodaku.index.hamming;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Quick layout comparison behind docs/index.md (not a benchmark: no forks, short warm-up, a shared
 * VM). Builds memory-mapped segments of uniform random 256-bit codes with several table counts and
 * times range queries at radius 31: half near-duplicates of stored codes (1..31 flips), half
 * uniform random (no matches). Run from the module directory after {@code test-compile}:
 *
 * <pre>{@code
 * java -cp target/classes:target/test-classes org.kyodaku.index.hamming.LayoutMeasurement 1000000 8,11,12,16
 * }</pre>
 */
final class LayoutMeasurement {
  private LayoutMeasurement() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    String[] layouts = args.length > 1 ? args[1].split(",") : new String[] {"8", "11", "12", "16"};
    int radius = args.length > 2 ? Integer.parseInt(args[2]) : 31;
    double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 2;
    SplittableRandom rnd = new SplittableRandom(42);
    BinaryCode[] stored = new BinaryCode[n];
    for (int i = 0; i < n; i++) {
      stored[i] = BinaryCode.ofWords(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
    }
    BinaryCode[] queries = new BinaryCode[2000];
    for (int i = 0; i < queries.length; i++) {
      if (i % 2 == 0) {
        BinaryCode c = stored[rnd.nextInt(n)];
        int flips = 1 + rnd.nextInt(31);
        for (int f = 0; f < flips; f++) {
          c = c.flip(rnd.nextInt(256));
        }
        queries[i] = c;
      } else {
        queries[i] = BinaryCode.ofWords(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
      }
    }
    Path dir = Files.createTempDirectory("kdx-measure");
    for (String l : layouts) {
      int m = Integer.parseInt(l);
      IndexWriter w = IndexWriter.create(256).tables(m);
      for (int i = 0; i < n; i++) {
        w.add(stored[i], i);
      }
      long t0 = System.nanoTime();
      Path file = dir.resolve("m" + m + ".kdx");
      Segment s = w.write(file);
      double build = (System.nanoTime() - t0) / 1e9;
      String name = m == 0 ? "scan" : m + " tables";
      long matches = run(s, queries, radius, seconds / 4); // warm-up
      long t1 = System.nanoTime();
      long q = 0;
      matches = 0;
      while (System.nanoTime() - t1 < seconds * 1e9) {
        for (int i = 0; i < 100; i++) {
          matches += s.rangeSearch(queries[(int) (q++ % queries.length)], radius).size();
        }
      }
      double el = (System.nanoTime() - t1) / 1e9;
      System.out.printf(
          "n=%d %-10s build+write %.1fs  %.1f B/code  %.0f q/s  (%.1f us/query, %d queries, %d matches)%n",
          n, name, build, (double) s.bytes() / n, q / el, el * 1e6 / q, q, matches);
      Files.delete(file);
    }
    Files.delete(dir);
  }

  private static long run(Segment s, BinaryCode[] queries, int radius, double seconds) {
    long t = System.nanoTime();
    long sum = 0;
    int i = 0;
    while (System.nanoTime() - t < seconds * 1e9) {
      List<Match> r = s.rangeSearch(queries[i++ % queries.length], radius);
      sum += r.size();
    }
    return sum;
  }
}
