package org.kyodaku.index.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.index.hamming.IndexException;

/** Work-id files written from ids and merged from other files (compaction). */
class WorkIdFileTest {
  @TempDir Path dir;

  /** Ids of different lengths, so offsets and the 8-byte padding are exercised. */
  private static List<String> ids(int from, int n) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(FakeStore.workId(i).substring(0, 3 + i % 26));
    }
    return out;
  }

  @Test
  void write_ids_readBackByPosition() throws IOException {
    Path file = dir.resolve("a.works");
    WorkIdFile.write(file, 100, ids(0, 70_000));

    WorkIdFile w = WorkIdFile.open(file);
    assertThat(w.base()).isEqualTo(100);
    assertThat(w.count()).isEqualTo(70_000);
    assertThat(w.get(100)).isEqualTo(ids(0, 1).getFirst());
    assertThat(w.get(100 + 69_999)).isEqualTo(ids(69_999, 1).getFirst());
  }

  @Test
  void concat_contiguousFiles_sameBytesAsWritingAllIds() throws IOException {
    List<WorkIdFile> parts = new ArrayList<>();
    int[] sizes = {1, 7, 40_000, 0, 13};
    int at = 0;
    for (int k = 0; k < sizes.length; k++) {
      Path part = dir.resolve("part" + k + ".works");
      WorkIdFile.write(part, 5 + at, ids(at, sizes[k]));
      parts.add(WorkIdFile.open(part));
      at += sizes[k];
    }
    Path merged = dir.resolve("merged.works");
    Path written = dir.resolve("written.works");

    WorkIdFile.concat(merged, parts);
    WorkIdFile.write(written, 5, ids(0, at));

    assertThat(Files.readAllBytes(merged)).isEqualTo(Files.readAllBytes(written));
    WorkIdFile w = WorkIdFile.open(merged);
    assertThat(w.count()).isEqualTo(at);
    assertThat(w.get(5 + 40_003)).isEqualTo(ids(40_003, 1).getFirst());
    assertThat(dir.resolve("merged.works.tmp")).doesNotExist();
  }

  @Test
  void concat_gapBetweenFiles_refusedAndNothingWritten() throws IOException {
    WorkIdFile.write(dir.resolve("a.works"), 0, ids(0, 3));
    WorkIdFile.write(dir.resolve("b.works"), 4, ids(4, 3));
    List<WorkIdFile> parts = List.of(WorkIdFile.open(dir.resolve("a.works")), WorkIdFile.open(dir.resolve("b.works")));

    assertThatThrownBy(() -> WorkIdFile.concat(dir.resolve("c.works"), parts))
        .isInstanceOf(IndexException.class)
        .hasMessage("work-id files to merge must be contiguous: one starts at position 4, expected 3");
    assertThat(dir.resolve("c.works")).doesNotExist();
    assertThat(dir.resolve("c.works.tmp")).doesNotExist();
  }
}
