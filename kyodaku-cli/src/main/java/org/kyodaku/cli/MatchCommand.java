package org.kyodaku.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.index.hamming.LiveIndex;
import org.kyodaku.index.hamming.Match;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kyodaku match}: every indexed code within a Hamming radius of each query, exactly (no
 * false negatives), offline. Queries are searched in blocks on {@code --threads} threads and
 * printed in input order.
 */
@Command(
    name = "match",
    description = {
      "Find, for each query code, every indexed code within --radius bits (exact).",
      "QUERIES: one hex code per line (- for standard input)."
    })
final class MatchCommand implements Callable<Integer> {
  private static final int BLOCK = 4096;

  @Spec CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "An index built by kyodaku index build.")
  Path index;

  @Option(names = "--radius", required = true, paramLabel = "R", description = "Largest Hamming distance that matches (PDQ: 31).")
  int radius;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Search threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--on-error", defaultValue = "fail", paramLabel = "skip|fail", description = "Bad query lines: skip them (reported on stderr) or stop (default ${DEFAULT-VALUE}).")
  CodeLines.OnError onError;

  @Option(names = "--json", description = "Print one JSON object per query.")
  boolean json;

  @Parameters(paramLabel = "QUERIES", description = "File of query codes (- for standard input).")
  Path queries;

  @Override
  public Integer call() throws Exception {
    if (threads < 1 || threads > 256) {
      throw CliException.usage("match.threads", threads);
    }
    IndexCommand.Meta meta = IndexCommand.Meta.read(index);
    if (radius < 0 || radius > meta.width()) {
      throw CliException.usage("match.radius", meta.width(), radius);
    }
    PrintWriter err = spec.commandLine().getErr();
    LiveIndex live;
    try {
      live = LiveIndex.open(index, meta.width());
    } catch (IOException | RuntimeException e) {
      throw CliException.failure("match.cannot-open", index, e.getMessage());
    }
    List<String> ids = Files.readAllLines(index.resolve(IndexCommand.IDS), StandardCharsets.UTF_8);
    if (ids.size() != meta.codes() || live.size() != meta.codes()) {
      throw CliException.failure("match.damaged", index, meta.codes(), live.size(), ids.size());
    }

    List<BinaryCode> codes = new ArrayList<>();
    Text text = Main.text(spec);
    CodeLines.read(queries, OptionalInt.of(meta.width()), onError, err, text, line -> codes.add(line.code()));

    long started = System.nanoTime();
    long matches = 0;
    ObjectMapper mapper = new ObjectMapper();
    PrintWriter out = spec.commandLine().getOut();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<List<Match>>>> blocks = new ArrayList<>();
      for (int from = 0; from < codes.size(); from += BLOCK) {
        List<BinaryCode> block = codes.subList(from, Math.min(codes.size(), from + BLOCK));
        blocks.add(pool.submit(() -> block.stream().map(q -> live.rangeSearch(q, radius)).toList()));
      }
      int query = 0;
      for (Future<List<List<Match>>> block : blocks) {
        for (List<Match> found : block.get()) {
          matches += found.size();
          if (json) {
            ObjectNode o = mapper.createObjectNode().put("query", query);
            ArrayNode array = o.putArray("matches");
            found.forEach(m -> array.addObject().put("id", ids.get((int) m.id())).put("distance", m.distance()));
            out.println(o);
          } else {
            StringBuilder line = new StringBuilder().append(query);
            found.forEach(m -> line.append('\t').append(ids.get((int) m.id())).append(':').append(m.distance()));
            out.println(line);
          }
          query++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    out.flush();
    double seconds = (System.nanoTime() - started) / 1e9;
    err.println(text.message(
        "match.summary", codes.size(), meta.codes(), radius, matches, String.format(Locale.ROOT, "%.3f", seconds),
        String.format(Locale.ROOT, "%.0f", codes.size() / Math.max(seconds, 1e-9)), threads));
    err.flush();
    return 0;
  }
}
