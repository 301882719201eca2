package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kyodaku index build} and {@code kyodaku match}: the bulk hash-list contract. */
class IndexMatchCommandTest {
  @TempDir Path dir;

  private static String hex(long[] words) {
    StringBuilder s = new StringBuilder();
    for (long w : words) {
      s.append(String.format("%016x", w));
    }
    return s.toString();
  }

  @Test
  void buildThenMatch_nearDuplicates_findsExactlyTheCodesWithinRadius() throws Exception {
    Random random = new Random(42);
    List<long[]> codes = new ArrayList<>();
    StringBuilder list = new StringBuilder("# studio hash list\n");
    for (int i = 0; i < 3000; i++) {
      long[] c = {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()};
      codes.add(c);
      list.append(hex(c)).append('\t').append("w_").append(i).append('\n');
    }
    Files.writeString(dir.resolve("codes.txt"), list);
    StringBuilder queries = new StringBuilder();
    List<long[]> asked = new ArrayList<>();
    for (int q = 0; q < 200; q++) {
      long[] c = codes.get(random.nextInt(codes.size())).clone();
      int flips = random.nextInt(40);
      for (int f = 0; f < flips; f++) {
        int bit = random.nextInt(256);
        c[bit / 64] ^= 1L << (bit % 64);
      }
      asked.add(c);
      queries.append(hex(c)).append('\n');
    }
    Files.writeString(dir.resolve("queries.txt"), queries);

    var build = CliContractTest.kyodaku("index", "build", "--json", "--out", dir.resolve("ix").toString(), dir.resolve("codes.txt").toString());
    assertThat(build.exit()).as(build.err()).isZero();
    assertThat(build.single().path("codes").asLong()).isEqualTo(3000);
    assertThat(build.single().path("width").asInt()).isEqualTo(256);

    var match = CliContractTest.kyodaku("match", "--index", dir.resolve("ix").toString(), "--radius", "31", "--threads", "2", "--json", dir.resolve("queries.txt").toString());
    assertThat(match.exit()).as(match.err()).isZero();
    assertThat(match.err()).contains("200 queries").contains("queries/s");
    List<JsonNode> lines = match.lines();
    assertThat(lines).hasSize(200);
    for (int q = 0; q < 200; q++) {
      assertThat(lines.get(q).path("query").asInt()).isEqualTo(q);
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < codes.size(); i++) {
        int d = 0;
        for (int w = 0; w < 4; w++) {
          d += Long.bitCount(codes.get(i)[w] ^ asked.get(q)[w]);
        }
        if (d <= 31) {
          expected.add("w_" + i + ":" + d);
        }
      }
      List<String> found = new ArrayList<>();
      lines.get(q).path("matches").forEach(m -> found.add(m.path("id").asText() + ":" + m.path("distance").asInt()));
      assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void build_badLine_failsNamingLineOrSkips() throws Exception {
    Files.writeString(dir.resolve("codes.txt"), "00000000000000ff\nnot-hex\n00000000000000fe\tx\n");
    var failed = CliContractTest.kyodaku("index", "build", "--out", dir.resolve("a").toString(), dir.resolve("codes.txt").toString());
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.err()).contains("codes.txt:2:").contains("--on-error skip");
    assertThat(dir.resolve("a")).doesNotExist();

    var skipped = CliContractTest.kyodaku("index", "build", "--json", "--on-error", "skip", "--out", dir.resolve("b").toString(), dir.resolve("codes.txt").toString());
    assertThat(skipped.exit()).isZero();
    assertThat(skipped.single().path("codes").asInt()).isEqualTo(2);
    assertThat(skipped.single().path("skipped").asInt()).isEqualTo(1);
    assertThat(skipped.err()).contains("skipped").contains("codes.txt:2:");

    Files.writeString(dir.resolve("q.txt"), "00000000000000ff\n");
    var match = CliContractTest.kyodaku("match", "--index", dir.resolve("b").toString(), "--radius", "1", "--json", dir.resolve("q.txt").toString());
    assertThat(match.single().path("matches")).hasSize(2);
    assertThat(match.single().path("matches").get(0).path("id").asText()).isEqualTo("1"); // line number
    assertThat(match.single().path("matches").get(1).path("id").asText()).isEqualTo("x");
  }

  @Test
  void match_damagedOrMissingIndex_failsClearly() throws Exception {
    Files.writeString(dir.resolve("codes.txt"), "00000000000000ff\n");
    Files.writeString(dir.resolve("q.txt"), "00000000000000ff\n");
    var missing = CliContractTest.kyodaku("match", "--index", dir.resolve("none").toString(), "--radius", "3", dir.resolve("q.txt").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("not a Kyodaku index");

    assertThat(CliContractTest.kyodaku("index", "build", "--out", dir.resolve("ix").toString(), dir.resolve("codes.txt").toString()).exit()).isZero();
    Path segment;
    try (var files = Files.list(dir.resolve("ix"))) {
      segment = files.filter(p -> p.getFileName().toString().endsWith(".kdx")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(segment, bytes);
    var damaged = CliContractTest.kyodaku("match", "--index", dir.resolve("ix").toString(), "--radius", "3", dir.resolve("q.txt").toString());
    assertThat(damaged.exit()).isEqualTo(1);
    assertThat(damaged.err()).contains("cannot open the index");

    var badRadius = CliContractTest.kyodaku("match", "--index", dir.resolve("ix").toString(), "--radius", "65", dir.resolve("q.txt").toString());
    assertThat(badRadius.exit()).isEqualTo(2);
  }
}
