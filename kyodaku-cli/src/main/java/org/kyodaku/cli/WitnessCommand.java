package org.kyodaku.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.kyodaku.log.note.KeyType;
import org.kyodaku.log.note.NoteException;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.note.VerifierKey;
import org.kyodaku.log.registry.LogKeys;
import org.kyodaku.log.witness.Witness;
import org.kyodaku.log.witness.WitnessException;
import org.kyodaku.server.ServerConfig;
import org.kyodaku.server.WitnessServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kyodaku witness}: run a C2SP tlog-witness for Kyodaku logs (docs/witnesses.md). */
@Command(
    name = "witness",
    description = "Run a C2SP tlog-witness that cosigns a Kyodaku log's checkpoints (for collectives, public bodies).",
    subcommands = {WitnessCommand.Keygen.class, WitnessCommand.Serve.class})
final class WitnessCommand {

  @Command(
      name = "keygen",
      description = {
        "Make a witness key (Ed25519, cosignature/v1): the private key goes to FILE (mode 0600,",
        "never overwritten), the verifier key line to stdout and FILE.vkey; logs and verifiers",
        "configure that line (kyodaku serve --witness, kyodaku receipt verify --witness)."
      })
  static final class Keygen implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The witness's name, a schema-less URL such as witness.example.org/w1.")
    String name;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the private key; must not exist.")
    Path out;

    @Override
    public Integer call() {
      SignerKey key;
      try {
        key = LogKeys.createCosigner(out, name, new SecureRandom(), Clock.systemUTC());
      } catch (NoteException e) {
        throw CliException.usage("usage.option-invalid", "--name", e.getMessage());
      } catch (FileAlreadyExistsException e) {
        throw CliException.usage("witness.key-exists", out);
      } catch (IOException e) {
        throw CliException.failure("file.cannot-write", out, e.getMessage());
      }
      String vkey = key.verifierKey().vkey();
      Path vkeyFile = out.resolveSibling(out.getFileName() + ".vkey");
      try {
        Files.writeString(vkeyFile, vkey + "\n");
      } catch (IOException e) {
        throw CliException.failure("file.cannot-write", vkeyFile, e.getMessage());
      }
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(vkey);
      stdout.flush();
      return 0;
    }
  }

  @Command(
      name = "serve",
      description = {
        "Run the witness: POST /add-checkpoint (c2sp.org/tlog-witness) verifies each checkpoint",
        "under its log's key and a consistency proof from the last one it cosigned, records it",
        "durably in DIR and answers with its cosignature. It never cosigns a checkpoint older than,",
        "or inconsistent with, one it cosigned; refused checkpoints that the log signed are kept",
        "in DIR/evidence. Keep DIR: a witness that lost it must be retired, not restarted."
      })
  static final class Serve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--log-key", required = true, paramLabel = "KEY", description = "A log to witness: its verifier key line (GET /log/key) or a file holding it; the origin is the key's name. Repeatable.")
    List<String> logKeys = new ArrayList<>();

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The witness's private key file (kyodaku witness keygen).")
    Path key;

    @Option(names = "--data", defaultValue = "${env:KYODAKU_WITNESS_DATA:-kyodaku-witness-data}", paramLabel = "DIR", description = "State directory: the latest checkpoint of each log (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--port", defaultValue = "8081", paramLabel = "N", description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "Address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(names = "--json", description = "Print the witness's name, verifier key, URL and logs as one JSON object once listening.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      List<VerifierKey> logs = logKeys.stream().map(k -> LogCommand.key("--log-key", k)).toList();
      for (VerifierKey k : logs) {
        if (k.type() != KeyType.ED25519) {
          throw CliException.usage("witness.log-key-is-cosigner", k.vkey());
        }
      }
      SignerKey cosigner;
      try {
        cosigner = LogKeys.load(key, Clock.systemUTC());
      } catch (IOException e) {
        throw CliException.usage("witness.key-unreadable", key, e.getMessage());
      } catch (NoteException e) {
        throw CliException.usage("witness.key-not-a-signer", key, e.getMessage());
      }
      if (cosigner.type() != KeyType.COSIGNATURE_V1) {
        throw CliException.usage("witness.key-is-a-log-key", key);
      }
      ServerConfig config;
      try {
        config = new ServerConfig(host, port, WitnessServer.MAX_BODY);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("usage.invalid-setting", e.getMessage());
      }
      Witness witness;
      try {
        witness = Witness.open(data, cosigner, logs);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("usage.option-invalid", "--log-key", e.getMessage());
      } catch (WitnessException e) {
        throw CliException.failure("witness.state-unusable", data, e.getMessage());
      }
      Text text = Main.text(spec);
      for (String origin : witness.origins()) {
        err.println(witness.held(origin)
            .map(c -> text.message("witness.holds", origin, c.size()))
            .orElse(text.message("witness.holds-nothing", origin)));
      }
      WitnessServer server;
      try {
        server = WitnessServer.start(witness, config);
      } catch (RuntimeException e) {
        throw CliException.failure("serve.cannot-listen", host, port, e.getMessage());
      }
      err.println(text.message("witness.key", witness.verifierKey().vkey()));
      err.println(text.message("witness.listening", server.baseUrl(), data.toAbsolutePath()));
      err.flush();
      if (json) {
        var o = new ObjectMapper().createObjectNode()
            .put("name", cosigner.name()).put("vkey", witness.verifierKey().vkey()).put("url", server.baseUrl());
        witness.origins().forEach(o.putArray("logs")::add);
        spec.commandLine().getOut().println(o);
        spec.commandLine().getOut().flush();
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        stopped.countDown();
      }));
      stopped.await();
      return 0;
    }
  }
}
