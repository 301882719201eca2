package org.kyodaku.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.kyodaku.index.hamming.IndexWriter;
import org.kyodaku.index.hamming.LiveIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kyodaku index}: build a similarity index from a hash list, offline. */
@Command(
    name = "index",
    description = "Build similarity indexes from hash lists (offline).",
    subcommands = {IndexCommand.Build.class})
final class IndexCommand {
  static final String META = "index.properties";
  static final String IDS = "ids.txt";

  /** What {@code index.properties} records about an index directory. */
  record Meta(int width, long codes, boolean hasIds) {
    static Meta read(Path dir) {
      Path file = dir.resolve(META);
      Properties p = new Properties();
      try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
        return new Meta(
            Integer.parseInt(p.getProperty("width")),
            Long.parseLong(p.getProperty("codes")),
            Boolean.parseBoolean(p.getProperty("ids")));
      } catch (java.nio.file.NoSuchFileException e) {
        throw CliException.failure("index.not-an-index", dir, META);
      } catch (IOException | RuntimeException e) {
        throw CliException.failure("file.unreadable", file, e.getMessage());
      }
    }

    void write(Path dir) throws IOException {
      Properties p = new Properties();
      p.setProperty("format", "kyodaku-index-dir-v1");
      p.setProperty("width", Integer.toString(width));
      p.setProperty("codes", Long.toString(codes));
      p.setProperty("ids", Boolean.toString(hasIds));
      try (var out = Files.newBufferedWriter(dir.resolve(META), StandardCharsets.UTF_8)) {
        p.store(out, "Kyodaku similarity index; segments are segment-NNNNNNNN.kdx");
      }
    }
  }

  @Command(
      name = "build",
      description = {
        "Build an index from CODES: one hex code per line, optionally code<TAB>id.",
        "Without ids, a code's id is its line number."
      })
  static final class Build implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New index directory (must not exist or be empty).")
    Path out;

    @Option(names = "--on-error", defaultValue = "fail", paramLabel = "skip|fail", description = "Bad lines: skip them (reported on stderr) or stop (default ${DEFAULT-VALUE}).")
    CodeLines.OnError onError;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Parameters(paramLabel = "CODES", description = "The hash list (- for standard input).")
    Path codes;

    @Override
    public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      if (Files.exists(out) && (!Files.isDirectory(out) || Files.list(out).findAny().isPresent())) {
        throw CliException.failure("index.out-not-empty", out);
      }
      Files.createDirectories(out);
      long started = System.nanoTime();
      List<IndexWriter> segments = new ArrayList<>();
      long[] count = {0};
      boolean[] anyId = {false};
      int[] width = {0};
      Path idsFile = out.resolve(IDS);
      try (BufferedWriter ids = Files.newBufferedWriter(idsFile, StandardCharsets.UTF_8)) {
        long skipped =
            CodeLines.read(codes, OptionalInt.empty(), onError, err, Main.text(spec), line -> {
              if (segments.isEmpty() || segments.getLast().size() == IndexWriter.maxEntries(line.code().width())) {
                segments.add(IndexWriter.create(line.code().width()));
              }
              width[0] = line.code().width();
              segments.getLast().add(line.code(), count[0]);
              String id = line.id().isEmpty() ? Long.toString(line.number()) : line.id();
              anyId[0] |= !line.id().isEmpty();
              ids.write(id);
              ids.newLine();
              count[0]++;
            });
        if (count[0] == 0) {
          throw CliException.failure("index.no-codes", codes);
        }
        for (int i = 0; i < segments.size(); i++) {
          segments.get(i).write(out.resolve(String.format("segment-%08d.kdx", i + 1)));
        }
        new Meta(width[0], count[0], true).write(out);
        // Checks what was written by opening it the way match will.
        LiveIndex.open(out, width[0]);
        double seconds = (System.nanoTime() - started) / 1e9;
        var summary =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("out", out.toString())
                .put("codes", count[0])
                .put("skipped", skipped)
                .put("width", width[0])
                .put("segments", segments.size())
                .put("seconds", Math.round(seconds * 1000) / 1000.0);
        PrintWriter o = spec.commandLine().getOut();
        o.println(json
            ? summary.toString()
            : Main.text(spec).message("index.built", count[0], width[0], out, segments.size(), skipped, String.format(Locale.ROOT, "%.1f", seconds)));
        o.flush();
        return 0;
      } catch (RuntimeException | IOException e) {
        deleteQuietly(out);
        throw e;
      }
    }

    private static void deleteQuietly(Path dir) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // Best effort: the error that brought us here is the one to report.
      }
    }
  }
}
