package org.kyodaku.index.hamming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveIndexTest {
  @TempDir Path dir;

  @Test
  void add_thenSearch_findsItBeforeAnyFlush() {
    LiveIndex index = LiveIndex.inMemory(256);
    BinaryCode code = TestCodes.random(256, new SplittableRandom(1));

    index.add(code, 42);

    assertThat(index.rangeSearch(code.flip(3), 31)).containsExactly(new Match(42, 1));
    assertThat(index.nearest(code, 1)).containsExactly(new Match(42, 0));
    assertThat(index.tailSize()).isEqualTo(1);
  }

  @Test
  void flush_movesTailToSegment_andReopenSeesEverything() throws IOException {
    SplittableRandom rnd = new SplittableRandom(2);
    List<BinaryCode> codes = TestCodes.clustered(256, 9000, 40, rnd);
    BruteForceIndex.Builder brute = BruteForceIndex.builder(256);
    LiveIndex index = LiveIndex.open(dir, 256);
    for (int i = 0; i < codes.size(); i++) {
      index.add(codes.get(i), i);
      brute.add(codes.get(i), i);
      if (i == 4999) {
        index.flush();
      }
    }
    BruteForceIndex reference = brute.build();

    assertThat(index.segments()).hasSize(1);
    assertThat(index.tailSize()).isEqualTo(4000);
    index.flush();
    LiveIndex reopened = LiveIndex.open(dir, 256);

    assertThat(reopened.segments()).hasSize(2);
    assertThat(reopened.size()).isEqualTo(9000);
    for (BinaryCode q : TestCodes.queries(codes, 20, 40, rnd)) {
      assertThat(reopened.rangeSearch(q, 31)).isEqualTo(reference.rangeSearch(q, 31));
      assertThat(reopened.nearest(q, 7)).isEqualTo(reference.nearest(q, 7));
    }
    assertThat(reopened.segments().get(1).file())
        .contains(dir.resolve("segment-00000002.kdx"));
  }

  @Test
  void open_segmentOfOtherWidth_isRefused() throws IOException {
    IndexWriter.create(64).write(dir.resolve("segment-00000001.kdx"));

    assertThatThrownBy(() -> LiveIndex.open(dir, 256))
        .isInstanceOf(IndexException.class)
        .hasMessage("segment " + dir.resolve("segment-00000001.kdx")
            + " holds 64-bit codes, the index 256");
  }

  /**
   * One writer adds copies of one code with ids 0, 1, 2, ... and flushes now and then; readers
   * search for that code. A consistent snapshot is a prefix: ids 0..k-1, each once, and k never
   * shrinks for a reader.
   */
  @Test
  void addAndFlush_concurrentReaders_alwaysSeeAConsistentPrefix() throws Exception {
    LiveIndex index = LiveIndex.open(dir, 256);
    BinaryCode code = TestCodes.random(256, new SplittableRandom(5));
    int total = 6000;
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      readers.add(prefixReader(index, code.flip(1), 2, done, problems));
    }
    for (int i = 0; i < total; i++) {
      index.add(code, i);
      if (i % 1500 == 1499) {
        index.flush();
      }
    }
    done.set(true);
    for (Thread t : readers) {
      t.join();
    }

    assertThat(problems).isEmpty();
    assertThat(index.rangeSearch(code, 0)).hasSize(total);
    assertThat(index.segments()).hasSize(4);
  }

  @Test
  void flush_whileAddsAndSearchesContinue_keepsEveryEntryExactlyOnce() throws Exception {
    // Flushes build their segment outside the write lock; adds made meanwhile must move to the
    // new tail, and a search must never see an entry twice or lose one it saw before.
    LiveIndex index = LiveIndex.open(dir, 256);
    BinaryCode code = TestCodes.random(256, new SplittableRandom(9));
    int total = 20_000;
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    Thread flusher =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    while (!done.get()) {
                      index.flush();
                    }
                  } catch (IOException e) {
                    problems.add(e.toString());
                  }
                });
    Thread reader = prefixReader(index, code, 0, done, problems);
    for (int i = 0; i < total; i++) {
      index.add(code, i);
    }
    done.set(true);
    flusher.join();
    reader.join();
    index.flush();

    assertThat(problems).isEmpty();
    assertThat(index.tailSize()).isZero();
    List<Match> all = index.rangeSearch(code, 0);
    assertThat(all).hasSize(total);
    for (int i = 0; i < total; i++) {
      assertThat(all.get(i).id()).isEqualTo(i);
    }
    assertThat(LiveIndex.open(dir, 256).size()).isEqualTo(total);
  }

  @Test
  void compact_afterEachFlush_keepsFewSegmentsAndEveryEntryOnce() throws IOException {
    SplittableRandom rnd = new SplittableRandom(12);
    LiveIndex index = LiveIndex.open(dir, 256);
    BruteForceIndex.Builder brute = BruteForceIndex.builder(256);
    List<BinaryCode> codes = TestCodes.clustered(256, 20 * 700, 40, rnd);
    int maxSegments = 0;
    for (int i = 0; i < codes.size(); i++) {
      index.add(codes.get(i), i);
      brute.add(codes.get(i), i);
      if (i % 700 == 699) {
        index.flush();
        index.compact();
        maxSegments = Math.max(maxSegments, index.segments().size());
      }
    }
    BruteForceIndex reference = brute.build();

    // 20 equal flushes: a binary counter keeps at most ~log2(20) + 1 segments.
    assertThat(maxSegments).isLessThanOrEqualTo(5);
    try (var files = java.nio.file.Files.list(dir)) {
      assertThat(files.count()).isEqualTo(index.segments().size());
    }
    LiveIndex reopened = LiveIndex.open(dir, 256);
    for (BinaryCode q : TestCodes.queries(codes, 100, 40, rnd)) {
      assertThat(index.rangeSearch(q, 31)).isEqualTo(reference.rangeSearch(q, 31));
      assertThat(reopened.rangeSearch(q, 31)).isEqualTo(reference.rangeSearch(q, 31));
    }
  }

  /**
   * A reader that searches until {@code done} and reports to {@code problems} any answer that is
   * not ids 0..k-1, each once, or a k smaller than one it saw before.
   */
  private static Thread prefixReader(
      LiveIndex index, BinaryCode query, int radius, AtomicBoolean done, ConcurrentLinkedQueue<String> problems) {
    return Thread.ofPlatform()
        .start(
            () -> {
              int seen = 0;
              while (!done.get()) {
                List<Match> found = index.rangeSearch(query, radius);
                for (int i = 0; i < found.size(); i++) {
                  if (found.get(i).id() != i) {
                    problems.add("gap or duplicate at " + i + ": " + found.get(i));
                    return;
                  }
                }
                if (found.size() < seen) {
                  problems.add("went back from " + seen + " to " + found.size());
                }
                seen = found.size();
              }
            });
  }
}
