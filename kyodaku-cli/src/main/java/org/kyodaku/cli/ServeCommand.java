package org.kyodaku.cli;

import org.kyodaku.fingerprint.vpdq.IndexedVideos;
import org.kyodaku.fingerprint.vpdq.VpdqThresholds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.index.hamming.IndexException;
import org.kyodaku.index.registry.RegistryIndex;
import org.kyodaku.index.registry.VideoFrameIndex;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.note.VerifierKey;
import org.kyodaku.log.witness.CosignatureStore;
import org.kyodaku.log.witness.WitnessException;
import org.kyodaku.log.registry.LogKeys;
import org.kyodaku.log.registry.LogReplay;
import org.kyodaku.log.registry.RegistryLog;
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.server.LogPublication;
import org.kyodaku.server.KyodakuServer;
import org.kyodaku.server.ServerConfig;
import org.kyodaku.server.WitnessClient;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;
import org.kyodaku.store.StoreException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kyodaku serve}: runs the registry server until stopped (Ctrl-C, SIGTERM). */
@Command(
    name = "serve",
    description = {
      "Run the registry server.",
      "The first start creates the data directory and writes an admin token to",
      "DIR/admin.token (mode 0600)."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", defaultValue = "${env:KYODAKU_DATA:-kyodaku-data}", paramLabel = "DIR", description = "Data directory (default ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "Address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;

  @Option(names = "--db", defaultValue = "${env:KYODAKU_DB}", paramLabel = "JDBC_URL", description = "PostgreSQL URL, e.g. jdbc:postgresql://db/kyodaku?user=k&password=... (env KYODAKU_DB; default: embedded store in DIR).")
  String db;

  @Option(names = "--max-body-bytes", defaultValue = "4194304", paramLabel = "N", description = "Largest request body accepted (default ${DEFAULT-VALUE}).")
  long maxBody;

  @Option(names = "--pool-size", defaultValue = "16", paramLabel = "N", description = "Database connections (default ${DEFAULT-VALUE}).")
  int poolSize;

  @Option(
      names = "--match-radius",
      split = ",",
      paramLabel = "ALGORITHM=BITS",
      description = "Hamming radius for finding works by resemblance, per algorithm (default pdq-v1=31,iscc-text-v0=8,iscc-image-v0=8).")
  java.util.Map<String, Integer> radii = new java.util.LinkedHashMap<>(RegistryIndex.DEFAULT_RADII);

  @Option(
      names = "--log-origin",
      defaultValue = "${env:KYODAKU_LOG_ORIGIN:-localhost/kyodaku}",
      paramLabel = "NAME",
      description = "The transparency log's name in its checkpoints, fixed at first start (default ${DEFAULT-VALUE}).")
  String logOrigin;

  /** One witness: its key, and optionally where the log asks it for cosignatures. */
  static final class WitnessOption {
    @Option(
        names = "--witness",
        required = true,
        paramLabel = "KEY",
        description = {
          "A witness whose cosignatures POST /log/cosignature accepts: its verifier key line",
          "(cosignature/v1 or Ed25519 note key, <name>+<hex id>+<base64>) or a file holding it. Repeatable."
        })
    String key;

    @Option(
        names = "--witness-url",
        paramLabel = "URL",
        description = {
          "The C2SP tlog-witness submission URL of the --witness it follows: after each new checkpoint",
          "the log posts it to URL/add-checkpoint with a consistency proof and keeps the cosignature."
        })
    String url;
  }

  @ArgGroup(exclusive = false, multiplicity = "0..*")
  java.util.List<WitnessOption> witnesses = new java.util.ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Text text = Main.text(spec);
    ServerConfig config;
    try {
      config = new ServerConfig(host, port, maxBody);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("usage.invalid-setting", e.getMessage());
    }
    if (poolSize < 1 || poolSize > 1000) {
      throw CliException.usage("serve.pool-size", poolSize);
    }
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw CliException.failure("serve.cannot-create-data", data, e.getMessage());
    }
    String url = db == null || db.isBlank() ? Database.embeddedUrl(data) : db;
    Database database;
    try {
      database = Database.open(url, poolSize);
    } catch (StoreException e) {
      throw CliException.failure("serve.store-unusable", e.getMessage());
    }
    JdbcRegistryStore store = new JdbcRegistryStore(database);
    SecureRandom random = new SecureRandom();
    SignerKey logKey;
    RegistryLog log;
    try {
      logKey = LogKeys.loadOrCreate(data.resolve("log.key"), logOrigin, random);
      // Group commit: each batch takes whatever is queued, without waiting for more. Acts are
      // recorded one at a time, so waiting for company would only add latency.
      log =
          RegistryLog.open(
              data.resolve("log"),
              SequencerConfig.of(logKey).withBatching(SequencerConfig.DEFAULT_MAX_BATCH_SIZE, java.time.Duration.ZERO),
              Clock.systemUTC());
    } catch (IOException | RuntimeException e) {
      store.close();
      throw CliException.failure("serve.cannot-open-log", data.resolve("log"), e.getMessage());
    }
    Sequencer sequencer = log.sequencer();
    err.println(text.message("serve.log", logKey.verifierKey().vkey(), sequencer.size()));
    // ADR 0007: an act is appended to the log before the store records it; a crash in between
    // leaves it only in the log. Store such acts before anything reads the store.
    LogReplay.Result replayed;
    try {
      replayed = LogReplay.replay(log, store, random);
      if (replayed.applied() > 0) {
        err.println(text.message("serve.log-replayed", replayed.applied()));
      }
    } catch (RuntimeException e) {
      log.close();
      store.close();
      throw CliException.failure("serve.cannot-replay", e.getMessage());
    }
    RegistryIndex index;
    try {
      // Persisted in DIR/index, checked against the store, rebuilt from it when it does not agree.
      index = RegistryIndex.open(data.resolve("index"), store, radii);
      index.report().forEach(line -> err.println(text.message("serve.similarity-index", line)));
    } catch (IndexException e) {
      log.close();
      store.close();
      throw CliException.usage("usage.option-invalid", "--match-radius", e.getMessage());
    } catch (IOException e) {
      log.close();
      store.close();
      throw CliException.failure("serve.cannot-open-index", data.resolve("index"), e.getMessage());
    }
    VideoFrameIndex frames;
    try {
      // Beside the similarity index and persisted the same way; candidates for the vPDQ comparison.
      frames = VideoFrameIndex.open(data.resolve("index").resolve("vpdq-v1"), store, VpdqThresholds.REFERENCE_MAX_DISTANCE);
      err.println(text.message("serve.frame-index", frames.report()));
    } catch (IOException e) {
      try {
        index.close();
      } catch (IOException notFlushed) {
        // The next start catches the similarity index up; the frame index error is the one to report.
      }
      log.close();
      store.close();
      throw CliException.failure("serve.cannot-open-frame-index", data.resolve("index"), e.getMessage());
    }
    IndexedVideos videos = new IndexedVideos(frames, store::assetsOf, VpdqThresholds.reference());
    RegistryService registry =
        new RegistryService(
            store,
            index,
            videos,
            log.recorder(),
            log.receipts(),
            Clock.systemUTC(),
            random);
    Path tokenFile = data.resolve("admin.token");
    adminToken(registry, replayed, tokenFile, err, text);
    Optional<CosignatureStore> cosignatures = Optional.empty();
    java.util.List<WitnessClient.Target> targets = new java.util.ArrayList<>();
    if (!witnesses.isEmpty()) {
      java.util.List<VerifierKey> keys = witnesses.stream().map(w -> LogCommand.key("--witness", w.key)).toList();
      for (int i = 0; i < witnesses.size(); i++) {
        if (witnesses.get(i).url != null) {
          targets.add(new WitnessClient.Target(witnessUrl(witnesses.get(i).url), keys.get(i)));
        }
      }
      try {
        cosignatures = Optional.of(CosignatureStore.open(
            data.resolve("cosignatures"), logKey.name(), logKey.verifierKey(), keys, Clock.systemUTC()));
      } catch (WitnessException e) {
        log.close();
        store.close();
        throw CliException.usage("usage.option-invalid", "--witness", e.getMessage());
      }
      err.println(text.message("serve.witnesses", keys.stream().map(VerifierKey::vkey).toList()));
    }
    Optional<WitnessClient> witnessClient = Optional.empty();
    if (!targets.isEmpty()) {
      witnessClient = Optional.of(WitnessClient.start(
          targets, sequencer::checkpoint, sequencer.reader(), cosignatures.orElseThrow(), WitnessClient.Timing.DEFAULT));
      err.println(text.message(
          "serve.asking-witnesses", targets.stream().map(t -> text.message("serve.witness-at", t.key().name(), t.prefix())).toList()));
    }
    Optional<WitnessClient> feeding = witnessClient;
    KyodakuServer server;
    try {
      server =
          KyodakuServer.start(
              registry,
              config,
              Optional.of(new LogPublication(sequencer.directory(), logKey.verifierKey().vkey(), cosignatures)));
    } catch (RuntimeException e) {
      feeding.ifPresent(WitnessClient::close);
      sequencer.close();
      store.close();
      throw CliException.failure("serve.cannot-listen", host, port, rootMessage(e));
    }
    err.println(database.isPostgres()
        ? text.message("serve.listening", server.baseUrl(), database.describe())
        : text.message("serve.listening-embedded", server.baseUrl(), data.toAbsolutePath()));
    err.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  feeding.ifPresent(WitnessClient::close);
                  server.close();
                  try {
                    index.close();
                  } catch (IOException e) {
                    err.println(text.message("serve.index-not-flushed", e.getMessage()));
                    err.flush();
                  }
                  try {
                    frames.close();
                  } catch (IOException e) {
                    err.println(text.message("serve.frame-index-not-flushed", e.getMessage()));
                    err.flush();
                  }
                  sequencer.close();
                  store.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  /** A --witness-url: an absolute http(s) URL, the witness's submission prefix. */
  static java.net.URI witnessUrl(String url) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(url.strip());
    } catch (java.net.URISyntaxException e) {
      throw CliException.usage("serve.witness-url-not-a-url", url, e.getMessage());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw CliException.usage("serve.witness-url-not-http", url);
    }
    return uri;
  }

  /**
   * Makes sure someone holds an admin token: the first start creates the admin, writing its token
   * to {@code tokenFile} before the admin is recorded; a start after a crash that left the first
   * admin in the log but not in the store (the replay stored it without a usable token) issues it a
   * new token into the same file.
   */
  static void adminToken(RegistryService registry, LogReplay.Result replayed, Path tokenFile, PrintWriter err, Text text)
      throws IOException {
    var recovered = replayed.bootstrapAdmin().flatMap(registry::recoverBootstrapAdmin);
    if (recovered.isPresent()) {
      writeSecret(tokenFile, recovered.get().token());
      err.println(text.message("serve.admin-recovered", recovered.get().party().id()));
      err.println(text.message("serve.admin-token", tokenFile.toAbsolutePath()));
      return;
    }
    var admin = registry.bootstrapAdmin(token -> {
      try {
        writeSecret(tokenFile, token);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    if (admin.isPresent()) {
      err.println(text.message("serve.admin-token", tokenFile.toAbsolutePath()));
    } else if (!Files.exists(tokenFile)) {
      err.println(text.message("serve.admin-elsewhere", tokenFile.toAbsolutePath()));
    }
  }

  /** Writes a secret readable by its owner only; replaces the file atomically. */
  static void writeSecret(Path file, String secret) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
      Files.createFile(tmp);
    }
    Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
