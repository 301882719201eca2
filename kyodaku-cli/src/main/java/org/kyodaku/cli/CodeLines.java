package org.kyodaku.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.index.hamming.IndexException;

/**
 * Reads hash lists: one hex code per line, optionally followed by a tab and an id; blank lines
 * and lines starting with {@code #} are ignored. A bad line is reported with its line number and
 * either skipped or fatal, as the user chose with {@code --on-error}.
 */
final class CodeLines {
  enum OnError {
    SKIP,
    FAIL
  }

  /** One good line. */
  record Line(long number, BinaryCode code, String id) {}

  interface Sink {
    void accept(Line line) throws IOException;
  }

  private CodeLines() {}

  /**
   * Feeds every good line of {@code file} ("-" for standard input) to {@code sink}, all codes of
   * one width (the first good line's, or {@code width} when given).
   *
   * @return how many lines were skipped
   */
  static long read(Path file, OptionalInt width, OnError onError, PrintWriter err, Text text, Sink sink) {
    long skipped = 0;
    int expected = width.orElse(-1);
    try (BufferedReader in = open(file)) {
      String raw;
      long number = 0;
      while ((raw = in.readLine()) != null) {
        number++;
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        String hex = (tab < 0 ? line : line.substring(0, tab)).strip();
        String id = tab < 0 ? "" : line.substring(tab + 1).strip();
        try {
          BinaryCode code = expected < 0 ? BinaryCode.fromHex(hex) : BinaryCode.fromHex(expected, hex);
          expected = code.width();
          sink.accept(new Line(number, code, id));
        } catch (IndexException e) {
          if (onError == OnError.FAIL) {
            throw CliException.failure("codes.bad-line", file, number, e.getMessage());
          }
          err.println(text.message("codes.skipped", file, number, e.getMessage()));
          skipped++;
        }
      }
    } catch (NoSuchFileException e) {
      throw CliException.failure("file.missing", file);
    } catch (IOException e) {
      throw CliException.failure("file.unreadable", file, e.getMessage());
    }
    return skipped;
  }

  private static BufferedReader open(Path file) throws IOException {
    if (file.toString().equals("-")) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }
}
