package org.kyodaku.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointException;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.merkle.ConsistencyProof;
import org.kyodaku.log.merkle.MerkleException;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.merkle.MerkleVerifier;
import org.kyodaku.log.note.NoteException;
import org.kyodaku.log.note.VerifierKey;
import org.kyodaku.log.registry.AuditException;
import org.kyodaku.log.registry.LogAudit;
import org.kyodaku.log.sequencer.DurableFiles;
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.tiles.EntryBundle;
import org.kyodaku.log.tiles.Tile;
import org.kyodaku.log.tiles.TileException;
import org.kyodaku.log.tiles.TileHashSource;
import org.kyodaku.log.tiles.TilePaths;
import org.kyodaku.log.tiles.TileReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kyodaku log}: read and audit the registry's transparency log. */
@Command(
    name = "log",
    description = "Read and audit the transparency log (no token needed).",
    subcommands = {LogCommand.CheckpointCommand.class, LogCommand.Verify.class, LogCommand.Mirror.class})
final class LogCommand {

  /**
   * Reads the log's public resources ({@code /log/...}) from a server, never more than a resource
   * can hold: a hostile or broken server could otherwise send an endless body. A hash tile has
   * exactly 32 bytes per hash ({@code 32 × width}), an entry bundle at most {@code width × (2 +
   * 65,535)}, a checkpoint (with every cosignature) and any other resource at most {@value
   * #MAX_NOTE} bytes. The body is read up to one byte past its cap, so a larger one is refused
   * without being held. Nor may a resource take forever: the HTTP client's timeout ends when the
   * headers arrive, so a server that then stalls or trickles its body is cut off by closing the
   * body when the resource's time limit is up.
   */
  static final class Remote implements TileReader {
    /** The most a checkpoint or other note may have; the server accepts cosigned ones up to this. */
    static final int MAX_NOTE = 64 * 1024;

    /** How long one resource may take by default, headers and body together. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kyodaku-download-watchdog");
              t.setDaemon(true);
              return t;
            });

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String server;
    private final Duration timeout;

    Remote(String server) {
      this(server, DEFAULT_TIMEOUT);
    }

    Remote(String server, Duration timeout) {
      this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
      this.timeout = timeout;
    }

    /** The most bytes {@code path} can have (see the class comment). */
    static long maxBytes(String path) {
      try {
        if (path.startsWith("tile/entries/")) {
          Tile t = TilePaths.parseTile("0", path.substring("tile/entries/".length()));
          return t.width() * (2L + EntryBundle.MAX_ENTRY);
        }
        if (path.startsWith("tile/")) {
          return 32L * TilePaths.parseTilePath(path).width();
        }
      } catch (TileException e) {
        // Not a tile path: capped like a note.
      }
      return MAX_NOTE;
    }

    @Override
    public byte[] read(String path) throws IOException {
      String url = server + "/log/" + path;
      long max = maxBytes(path);
      HttpResponse<java.io.InputStream> r;
      try {
        r = http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
            HttpResponse.BodyHandlers.ofInputStream());
      } catch (java.net.http.HttpTimeoutException e) {
        throw new DownloadException(Message.of("download.no-answer", url, timeout.toSeconds()), e);
      } catch (ConnectException e) {
        throw CliException.failure("download.unreachable", server);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DownloadException(Message.of("interrupted"), e);
      }
      try (java.io.InputStream body = r.body()) {
        if (r.statusCode() == 404) {
          throw new NoSuchFileException(url);
        }
        if (r.statusCode() != 200) {
          throw new DownloadException(Message.of("download.status", url, r.statusCode()));
        }
        long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > max) {
          throw new DownloadException(Message.of("download.announces-too-much", url, declared, path, max));
        }
        byte[] data = readWithin(body, (int) Math.min(max + 1, Integer.MAX_VALUE), url);
        if (data.length > max) {
          throw new DownloadException(Message.of("download.too-large", url, max, path));
        }
        return data;
      }
    }

    /** Up to {@code limit} bytes of {@code body}, or an error once the time limit is up. */
    private byte[] readWithin(java.io.InputStream body, int limit, String url) throws IOException {
      java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
      var guard = WATCHDOG.schedule(
          () -> {
            expired.set(true);
            try {
              body.close(); // wakes the blocked read
            } catch (IOException ignored) {
              // closing is all that was wanted
            }
          },
          timeout.toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
      try {
        return body.readNBytes(limit);
      } catch (IOException e) {
        if (expired.get()) {
          throw new DownloadException(Message.of("download.stalled", url, timeout.toSeconds()), e);
        }
        throw e;
      } finally {
        guard.cancel(false);
      }
    }

    String text(String path) {
      try {
        return new String(read(path), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw CliException.failure("download.failed", server + "/log/" + path, DownloadException.reason(e));
      }
    }
  }

  /** KEY is the verifier-key line itself or a file holding it. */
  static VerifierKey key(String key) {
    return key("--key", key);
  }

  /** The value of {@code option}: a verifier-key line or a file holding it. */
  static VerifierKey key(String option, String key) {
    String line = key.strip();
    try {
      if (Files.isRegularFile(Path.of(line))) {
        line = Files.readString(Path.of(line), StandardCharsets.UTF_8).strip();
      }
    } catch (IOException | java.nio.file.InvalidPathException e) {
      // Not a readable file: take KEY as the key line itself.
    }
    try {
      return VerifierKey.parse(line);
    } catch (NoteException e) {
      throw CliException.usage("usage.not-a-key", option, e.getMessage());
    }
  }

  @Command(name = "checkpoint", description = "Print the log's latest signed checkpoint.")
  static final class CheckpointCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:KYODAKU_SERVER:-http://127.0.0.1:8080}", description = "Registry server (default ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--json", description = "Print {\"origin\",\"size\",\"root\",\"checkpoint\"} as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
      String text = new Remote(server).text("checkpoint");
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Checkpoint c = Checkpoint.parse(text.substring(0, text.indexOf("\n\n") + 1));
        ObjectNode o = new ObjectMapper().createObjectNode()
            .put("origin", c.origin()).put("size", c.size()).put("root", c.root().base64()).put("checkpoint", text);
        out.println(o);
      } else {
        out.print(text);
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "verify",
      description = {
        "Check that the log only grew since a checkpoint you saved: both checkpoints are signed",
        "by KEY and the current tree is consistent with the saved one. Exit 0 only when verified."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:KYODAKU_SERVER:-http://127.0.0.1:8080}", description = "Registry server (default ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "A checkpoint saved earlier (kyodaku log checkpoint > FILE).")
    Path saved;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The log's verifier key line, or a file holding it.")
    String key;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
      CheckpointVerifier verifier = CheckpointVerifier.forLog(key(key));
      String old;
      try {
        old = Files.readString(saved, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw CliException.failure("file.unreadable", saved, e.getMessage());
      }
      Remote remote = new Remote(server);
      Checkpoint before;
      Checkpoint now;
      try {
        before = verifier.verify(old).checkpoint();
      } catch (CheckpointException | NoteException e) {
        throw CliException.failure("log.saved-not-verified", saved, e.getMessage());
      }
      try {
        now = verifier.verify(remote.text("checkpoint")).checkpoint();
      } catch (CheckpointException | NoteException e) {
        throw CliException.failure("log.checkpoint-not-verified", e.getMessage());
      }
      if (now.size() < before.size()) {
        throw CliException.failure("log.shrank", before.size(), now.size());
      }
      try {
        if (now.size() == before.size()) {
          if (!now.root().equals(before.root())) {
            throw CliException.failure("log.rewritten", now.size());
          }
        } else if (before.size() > 0) {
          MerkleTree tree = MerkleTree.over(TileHashSource.of(remote, now.size()));
          ConsistencyProof proof = tree.consistencyProof(before.size(), now.size());
          MerkleVerifier.verifyConsistency(proof, before.root(), now.root());
        }
      } catch (MerkleException | TileException e) {
        throw CliException.failure("log.inconsistent", before.size(), now.size(), e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(json
          ? new ObjectMapper().createObjectNode().put("verified", true).put("from", before.size()).put("to", now.size())
          : Main.text(spec).message("log.verified", before.size(), now.size()));
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "mirror",
      description = {
        "Download the log (checkpoint, every hash tile and entry bundle) into DIR and audit it:",
        "the checkpoint is signed by KEY, every tile hash is re-derived from the entries up to the",
        "checkpoint's root, every entry's signature and every map root verify, and the tree is",
        "consistent with the checkpoint of the previous mirror in DIR. Each file is verified",
        "against the checkpoint before it is written, and no download may exceed the size its",
        "file can have. Files already in DIR are not fetched again (resumable) but are checked",
        "like the others. DIR/checkpoint is written only when everything verifies. Progress on",
        "stderr. Exit 0 only when verified."
      })
  static final class Mirror implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:KYODAKU_SERVER:-http://127.0.0.1:8080}", description = "Registry server (default ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory of the mirror (C2SP tlog-tiles layout); created if missing.")
    Path out;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The log's verifier key line, or a file holding it.")
    String key;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Give up on a file the server has not sent in full within this many seconds (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
      if (timeoutSeconds <= 0) {
        throw CliException.usage("mirror.timeout", timeoutSeconds);
      }
      VerifierKey logKey = key(key);
      CheckpointVerifier verifier = CheckpointVerifier.forLog(logKey);
      PrintWriter err = spec.commandLine().getErr();
      Text words = Main.text(spec);
      Remote remote = new Remote(server, Duration.ofSeconds(timeoutSeconds));
      String text = remote.text("checkpoint");
      Checkpoint now;
      try {
        now = verifier.verify(text).checkpoint();
      } catch (CheckpointException | NoteException e) {
        throw CliException.failure("log.checkpoint-not-verified", e.getMessage());
      }
      Path saved = out.resolve(Sequencer.CHECKPOINT);
      java.util.Optional<Checkpoint> previous = java.util.Optional.empty();
      try {
        Files.createDirectories(out);
        if (Files.exists(saved)) {
          previous = java.util.Optional.of(verifier.verify(Files.readString(saved, StandardCharsets.UTF_8)).checkpoint());
        }
      } catch (IOException e) {
        throw CliException.failure("mirror.dir-unusable", out, e.getMessage());
      } catch (CheckpointException | NoteException e) {
        throw CliException.failure("mirror.foreign-checkpoint", saved, e.getMessage());
      }

      java.util.function.Consumer<Object> progress = line -> {
        err.println(words.message("mirror.line", line));
        err.flush();
      };
      TileMirror.Result copied = new TileMirror(remote, server, out, progress).mirror(now);
      long fetched = copied.fetched();
      progress.accept(Message.of("mirror.fetched", fetched, copied.files() - fetched, now.size()));
      LogAudit.Result result;
      try {
        result = LogAudit.audit(TileReader.ofDirectory(out), now, logKey, previous, line -> progress.accept(auditProgress(line)));
      } catch (AuditException e) {
        throw CliException.failure("mirror.not-verified", Message.of("mirror.entries-not-verified", e.getMessage(), out));
      }
      try {
        // Durable like the files it names (TileMirror): a crash must not leave it empty, which the
        // next run would take for another log's checkpoint.
        DurableFiles.writeAtomically(saved, text.getBytes(StandardCharsets.UTF_8));
        DurableFiles.syncDirectory(out);
      } catch (IOException e) {
        throw CliException.failure("file.cannot-write", saved, e.getMessage());
      }
      PrintWriter stdout = spec.commandLine().getOut();
      if (json) {
        stdout.println(new ObjectMapper().createObjectNode()
            .put("verified", true).put("origin", now.origin()).put("size", now.size()).put("root", now.root().base64())
            .put("tiles", result.tiles()).put("bundles", result.bundles()).put("mapRoots", result.mapRoots())
            .put("fetched", fetched).put("previousSize", previous.map(Checkpoint::size).orElse(0L)));
      } else {
        stdout.println(previous.isPresent()
            ? words.message("mirror.verified-grown", now.size(), now.origin(), out, result.tiles(), result.bundles(),
                result.mapRoots(), previous.get().size())
            : words.message("mirror.verified", now.size(), now.origin(), out, result.tiles(), result.bundles(), result.mapRoots()));
      }
      stdout.flush();
      return 0;
    }

    /**
     * LogAudit's progress line in the user's language. LogAudit (kyodaku-log) words its lines in
     * English; its one kind of line is recognised here, and any other line is shown as it is.
     */
    static Object auditProgress(String line) {
      java.util.regex.Matcher m = AUDIT_PROGRESS.matcher(line);
      return m.matches() ? Message.of("mirror.audit-progress", m.group(1), m.group(2)) : line;
    }

    private static final java.util.regex.Pattern AUDIT_PROGRESS = java.util.regex.Pattern.compile("checked (\\d+) of (\\d+) entries");
  }
}
