package org.kyodaku.index.hamming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Every index answers exactly as the brute-force reference: same ids, same distances, same order,
 * for clustered code sets with near-duplicates and exact duplicates, any radius and any k.
 */
class SearchProperties {

  /** Table counts to try for 256-bit codes (0 = scan only, -1 = the default layout). */
  private static final int[] TABLES_256 = {-1, 0, 8, 9, 11, 12, 16, 23, 32};

  private static final int[] TABLES_64 = {-1, 0, 2, 3, 4, 5, 8};

  @Property(tries = 40)
  void rangeSearch_clusteredCodes256AnyRadius_equalsBruteForce(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 64) int radius) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int tables = TABLES_256[rnd.nextInt(TABLES_256.length)];
    Fixture f = Fixture.of(256, 4096 + rnd.nextInt(3000), 48, tables, rnd);

    for (BinaryCode q : TestCodes.queries(f.codes, 12, 48, rnd)) {
      List<Match> expected = f.brute.rangeSearch(q, radius);
      assertThat(f.segment.rangeSearch(q, radius)).isEqualTo(expected);
      assertThat(f.segment.rangeSearchByProbing(q, radius)).isEqualTo(expected);
    }
  }

  @Property(tries = 30)
  void rangeSearch_clusteredCodes64AnyRadius_equalsBruteForce(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 24) int radius) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int tables = TABLES_64[rnd.nextInt(TABLES_64.length)];
    Fixture f = Fixture.of(64, 4096 + rnd.nextInt(3000), 16, tables, rnd);

    for (BinaryCode q : TestCodes.queries(f.codes, 12, 16, rnd)) {
      List<Match> expected = f.brute.rangeSearch(q, radius);
      assertThat(f.segment.rangeSearch(q, radius)).isEqualTo(expected);
      assertThat(f.segment.rangeSearchByProbing(q, radius)).isEqualTo(expected);
    }
  }

  @Property(tries = 20)
  void rangeSearch_otherWidths_equalsBruteForce(
      @ForAll @IntRange(min = 2, max = 8) int words,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 80) int radius) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int width = 64 * words;
    Fixture f = Fixture.of(width, 4096 + rnd.nextInt(1000), 40, -1, rnd);

    for (BinaryCode q : TestCodes.queries(f.codes, 6, 40, rnd)) {
      List<Match> expected = f.brute.rangeSearch(q, radius);
      assertThat(f.segment.rangeSearch(q, radius)).isEqualTo(expected);
      assertThat(f.segment.rangeSearchByProbing(q, Math.min(radius, 40))).isEqualTo(
          f.brute.rangeSearch(q, Math.min(radius, 40)));
    }
  }

  @Property(tries = 15)
  void rangeSearch_smallSets_equalBruteForce(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 300) int n,
      @ForAll @IntRange(min = 0, max = 64) int radius) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Fixture f = Fixture.of(256, n, 40, rnd.nextBoolean() ? -1 : 16, rnd);

    for (BinaryCode q : TestCodes.queries(f.codes, 6, 40, rnd)) {
      assertThat(f.segment.rangeSearch(q, radius)).isEqualTo(f.brute.rangeSearch(q, radius));
    }
  }

  /** Widths with their own kernels (64, 256) and the generic one; sets spanning several blocks. */
  @Property(tries = 20)
  void rangeSearchBatch_anyWidthAndRadius_equalsOneQueryAtATime(
      @ForAll @IntRange(min = 1, max = 5) int words,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 80) int radius) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int width = 64 * words;
    // 256-bit blocks hold 4,096 codes, 64-bit ones 16,384: cross a block boundary in every width.
    Fixture f = Fixture.of(width, rnd.nextInt(40_000), 40, 0, rnd);
    List<BinaryCode> queries = TestCodes.queries(f.codes, rnd.nextInt(70), 40, rnd);

    List<List<Match>> batch = f.brute.rangeSearchBatch(queries, radius);

    assertThat(batch).hasSize(queries.size());
    for (int j = 0; j < queries.size(); j++) {
      assertThat(batch.get(j)).isEqualTo(f.brute.rangeSearch(queries.get(j), radius));
    }
  }

  @Property(tries = 25)
  void nearest_clusteredCodesAnyK_equalsBruteForce(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 60) int k) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int tables = TABLES_256[rnd.nextInt(TABLES_256.length)];
    Fixture f = Fixture.of(256, 4096 + rnd.nextInt(2000), 48, tables, rnd);

    for (BinaryCode q : TestCodes.queries(f.codes, 6, 48, rnd)) {
      List<Match> expected = f.brute.nearest(q, k);
      assertThat(expected).hasSize(Math.min(k, f.codes.size()));
      assertThat(f.segment.nearest(q, k)).isEqualTo(expected);
    }
  }

  @Property(tries = 20)
  void nearest_bruteForce_equalsSortedFullScan(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int k) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Fixture f = Fixture.of(256, rnd.nextInt(500), 40, 0, rnd);

    for (BinaryCode q : TestCodes.queries(f.codes, 4, 40, rnd)) {
      List<Match> all = f.brute.rangeSearch(q, 256);
      assertThat(f.brute.nearest(q, k)).isEqualTo(all.subList(0, Math.min(k, all.size())));
    }
  }

  /** A code set, with ids shuffled and sometimes repeated, in a segment and a brute-force index. */
  record Fixture(List<BinaryCode> codes, BruteForceIndex brute, Segment segment) {
    static Fixture of(int width, int n, int maxFlips, int tables, SplittableRandom rnd) {
      List<BinaryCode> codes = TestCodes.clustered(width, n, maxFlips, rnd);
      BruteForceIndex.Builder brute = BruteForceIndex.builder(width);
      IndexWriter writer = IndexWriter.create(width);
      if (tables >= 0) {
        writer.tables(tables);
      }
      for (BinaryCode c : codes) {
        long id = rnd.nextInt(4) == 0 ? rnd.nextInt(50) : rnd.nextLong();
        brute.add(c, id);
        writer.add(c, id);
      }
      return new Fixture(codes, brute.build(), writer.build());
    }
  }
}
