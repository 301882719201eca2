package org.kyodaku.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.kyodaku.fingerprint.FileFingerprinter;
import org.kyodaku.fingerprint.FileFingerprints;

/**
 * Fingerprints the files named on a command line, locally, on all cores. Every file is read
 * before anything is sent, so an unreadable file stops the command with nothing half-done. Long
 * runs show progress on stderr when it is a terminal.
 */
final class FileHashes {
  private FileHashes() {}

  /**
   * Every file's fingerprints, in the order given.
   *
   * @param title the ISCC Meta-Code's title for every file, or empty to use each file's name
   * @throws CliException naming the first file that cannot be read
   */
  static List<FileFingerprints> fingerprintAll(List<Path> files, Optional<String> title, PrintWriter err) {
    List<Outcome> outcomes = fingerprintEach(files, title, err);
    List<FileFingerprints> out = new ArrayList<>(outcomes.size());
    for (Outcome o : outcomes) {
      if (o.error() != null) {
        throw CliException.failure(o.error());
      }
      out.add(o.fingerprints());
    }
    return out;
  }

  /** One file's fingerprints, or why it could not be read. */
  record Outcome(Path file, FileFingerprints fingerprints, String error) {}

  /** Every file's outcome, in the order given; one bad file does not stop the others. */
  static List<Outcome> fingerprintEach(List<Path> files, Optional<String> title, PrintWriter err) {
    FileFingerprinter fingerprinter = new FileFingerprinter();
    Progress progress = new Progress(err, files.size());
    int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (Path file : files) {
        futures.add(pool.submit(() -> {
          Outcome o = one(fingerprinter, file, title);
          progress.step();
          return o;
        }));
      }
      List<Outcome> out = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        out.add(f.get());
      }
      progress.done();
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure("interrupted");
    } catch (ExecutionException e) {
      throw CliException.failure("fingerprinting failed: " + e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome one(FileFingerprinter fingerprinter, Path file, Optional<String> title) {
    if (Files.isDirectory(file)) {
      return new Outcome(file, null, file + ": is a directory; name files");
    }
    try {
      return new Outcome(file, fingerprinter.fingerprint(file, title), null);
    } catch (NoSuchFileException e) {
      return new Outcome(file, null, file + ": no such file");
    } catch (IOException e) {
      return new Outcome(file, null, file + ": cannot read: " + e.getMessage());
    }
  }

  /** A one-line progress counter, only on an interactive terminal and only for long runs. */
  static final class Progress {
    private final PrintWriter err;
    private final int total;
    private final boolean show;
    private int done;

    Progress(PrintWriter err, int total) {
      this.err = err;
      this.total = total;
      this.show = total >= 200 && System.console() != null;
    }

    synchronized void step() {
      done++;
      if (show && (done % 100 == 0 || done == total)) {
        err.print("\r" + done + "/" + total + " (" + (100L * done / total) + "%)");
        err.flush();
      }
    }

    void done() {
      if (show) {
        err.println();
      }
    }
  }
}
