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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.ValidationException;
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
    List<Outcome> outcomes = fingerprintEach(FileFingerprinter.forRegistry(), files, title, err);
    List<FileFingerprints> out = new ArrayList<>(outcomes.size());
    for (Outcome o : outcomes) {
      if (o.error() != null) {
        throw CliException.failure(o.error());
      }
      try {
        o.fingerprints().frameHashes();
      } catch (ValidationException e) {
        throw CliException.failure("file.frames-unsendable", o.file(), e.getMessage());
      }
      out.add(o.fingerprints());
    }
    return out;
  }

  /**
   * Adds a video's frame hashes to an asset or item of a request, as {@code "vpdq": {"algorithm",
   * "framesPerSecond", "frames": [{"frame","quality","pdq"}]}}; nothing for other files.
   */
  static void putFrames(ObjectNode target, FileFingerprints f) {
    f.frameHashes()
        .ifPresent(
            v -> {
              ObjectNode video = target.putObject("vpdq");
              video.put("algorithm", v.algorithm()).put("framesPerSecond", v.framesPerSecond());
              ArrayNode frames = video.putArray("frames");
              for (FrameHashes.Frame frame : v.frames()) {
                frames.addObject().put("frame", frame.number()).put("quality", frame.quality()).put("pdq", frame.pdq());
              }
            });
  }

  /** How many frame hashes {@link #putFrames} adds for {@code f}. */
  static int frameCount(FileFingerprints f) {
    return f.frameHashes().map(v -> v.frames().size()).orElse(0);
  }

  /** One file's fingerprints, or why it could not be read. */
  record Outcome(Path file, FileFingerprints fingerprints, Message error) {}

  /** Every file's outcome, in the order given; one bad file does not stop the others. */
  static List<Outcome> fingerprintEach(List<Path> files, Optional<String> title, PrintWriter err) {
    return fingerprintEach(new FileFingerprinter(), files, title, err);
  }

  private static List<Outcome> fingerprintEach(
      FileFingerprinter fingerprinter, List<Path> files, Optional<String> title, PrintWriter err) {
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
      throw CliException.failure("file.fingerprint-failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome one(FileFingerprinter fingerprinter, Path file, Optional<String> title) {
    if (Files.isDirectory(file)) {
      return new Outcome(file, null, Message.of("file.directory", file));
    }
    try {
      return new Outcome(file, fingerprinter.fingerprint(file, title), null);
    } catch (NoSuchFileException e) {
      return new Outcome(file, null, Message.of("file.missing", file));
    } catch (IOException e) {
      return new Outcome(file, null, Message.of("file.unreadable", file, e.getMessage()));
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
