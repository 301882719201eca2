package org.kyodaku.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kyodaku.fingerprint.Sha256Hasher;

/**
 * Hashes the files named on a command line, locally. Every file is read before anything is sent,
 * so an unreadable file stops the command with nothing half-done. Long runs show progress on
 * stderr when it is a terminal.
 */
final class FileHashes {
  record Hashed(Path file, String sha256) {}

  private FileHashes() {}

  static List<Hashed> hashAll(List<Path> files, PrintWriter err) {
    Sha256Hasher hasher = new Sha256Hasher();
    List<Hashed> out = new ArrayList<>(files.size());
    Progress progress = new Progress(err, files.size());
    for (Path file : files) {
      out.add(new Hashed(file, hash(hasher, file)));
      progress.step();
    }
    progress.done();
    return out;
  }

  static String hash(Sha256Hasher hasher, Path file) {
    if (Files.isDirectory(file)) {
      throw CliException.failure(file + ": is a directory; name files");
    }
    try {
      return hasher.hash(file).value();
    } catch (NoSuchFileException e) {
      throw CliException.failure(file + ": no such file");
    } catch (IOException e) {
      throw CliException.failure(file + ": cannot read: " + e.getMessage());
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

    void step() {
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
