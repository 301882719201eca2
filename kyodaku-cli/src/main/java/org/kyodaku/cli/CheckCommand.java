package org.kyodaku.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.fingerprint.FileFingerprints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kyodaku check}: may this licensee make this use of these files? Hashes locally and asks
 * the batch endpoint, {@value #BATCH} files per request.
 */
@Command(
    name = "check",
    description = {
      "Decide per file whether the licensee may make the use (default: deny).",
      "Files are hashed here; only their fingerprints are sent."
    })
final class CheckCommand implements Callable<Integer> {
  static final int BATCH = 10_000;

  @Mixin ClientOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--licensee", required = true, paramLabel = "ID", description = "The AI developer's party id.")
  String licensee;

  @Option(names = "--use", required = true, paramLabel = "USE", description = "train-ai, train-genai, ai-use or search.")
  String use;

  @Option(names = "--at", paramLabel = "ISO-8601", description = "Answer as of this past instant (default: now).")
  String at;

  @Option(names = "--territory", paramLabel = "CC", description = "Where the use happens (ISO 3166-1 alpha-2).")
  String territory;

  @Option(
      names = "--receipt-dir",
      paramLabel = "DIR",
      description = {
        "Write a receipt per file to DIR/<file name>.receipt.json (verify with kyodaku receipt verify).",
        "Existing receipts are never overwritten."
      })
  Path receiptDir;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to decide for.")
  List<Path> files;

  /** Where each file's receipt goes; refuses names that exist or that two files share. */
  private List<Path> receiptPaths() {
    List<Path> out = new java.util.ArrayList<>();
    java.util.Map<Path, Path> seen = new java.util.HashMap<>();
    for (Path f : files) {
      Path name = f.getFileName();
      if (name == null) {
        throw CliException.usage("check.no-file-name", f);
      }
      Path target = receiptDir.resolve(name + ".receipt.json");
      Path other = seen.put(target, f);
      if (other != null) {
        throw CliException.usage("check.receipt-shared", other, f, target);
      }
      if (java.nio.file.Files.exists(target)) {
        throw CliException.usage("check.receipt-exists", target);
      }
      out.add(target);
    }
    return out;
  }

  private static void writeReceipt(Path target, com.fasterxml.jackson.databind.JsonNode receipt) {
    try {
      java.nio.file.Files.writeString(
          target,
          receipt.toPrettyString() + "\n",
          java.nio.charset.StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE_NEW,
          java.nio.file.StandardOpenOption.WRITE);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw CliException.failure("check.receipt-appeared", target);
    } catch (java.io.IOException e) {
      throw CliException.failure("check.cannot-write-receipt", target, e.getMessage());
    }
  }

  /**
   * Where the request starting at {@code from} ends: at most {@value #BATCH} files and, after the
   * first, at most {@value #BATCH_FRAMES} video frame hashes, so that a request of videos stays
   * well inside the server's body limit.
   */
  static int batchEnd(List<FileFingerprints> hashed, int from) {
    int to = from;
    long frames = 0;
    while (to < hashed.size() && to - from < BATCH) {
      frames += FileHashes.frameCount(hashed.get(to));
      if (to > from && frames > BATCH_FRAMES) {
        break;
      }
      to++;
    }
    return to;
  }

  /** Most frame hashes in one request (about 2 MB of JSON), beyond a single video's. */
  static final int BATCH_FRAMES = 20_000;

  @Override
  public Integer call() {
    String useLabel = GrantCommand.uses(List.of(use)).getFirst();
    String atInstant = at == null ? null : Dates.check("--at", at);
    ApiClient client = options.client();
    List<Path> receipts = List.of();
    if (receiptDir != null) {
      try {
        java.nio.file.Files.createDirectories(receiptDir);
      } catch (java.io.IOException e) {
        throw CliException.failure("check.cannot-create-dir", receiptDir, e.getMessage());
      }
      receipts = receiptPaths();
    }
    List<FileFingerprints> hashed = FileHashes.fingerprintAll(files, Optional.empty(), spec.commandLine().getErr());
    for (int from = 0, to; from < hashed.size(); from = to) {
      to = batchEnd(hashed, from);
      List<FileFingerprints> chunk = hashed.subList(from, to);
      ObjectNode body = options.object().put("licensee", licensee).put("use", useLabel);
      if (atInstant != null) {
        body.put("at", atInstant);
      }
      if (territory != null) {
        body.put("territory", territory);
      }
      if (receiptDir != null) {
        body.put("receipt", true);
      }
      ArrayNode items = body.putArray("items");
      for (FileFingerprints h : chunk) {
        ObjectNode item = items.addObject().put("sha256", h.sha256().value());
        ArrayNode prints = item.putArray("fingerprints");
        h.all().stream()
            .filter(f -> !f.algorithm().equals(Fingerprint.SHA256))
            .forEach(f -> prints.addObject().put("algorithm", f.algorithm()).put("value", f.value()));
        FileHashes.putFrames(item, h);
      }
      JsonNode answer = client.post("/decisions/batch", body);
      JsonNode decisions = answer.path("decisions");
      for (int i = 0; i < chunk.size(); i++) {
        JsonNode d = decisions.path(i);
        ObjectNode out = options.object();
        out.put("file", chunk.get(i).file().toString());
        out.put("decision", d.path("decision").asText());
        out.put("basis", d.path("basis").asText());
        out.set("work", d.path("work"));
        out.set("grant", d.path("grant"));
        out.put("sha256", chunk.get(i).sha256().value());
        out.set("evidence", d.path("evidence"));
        if (receiptDir != null) {
          Path target = receipts.get(from + i);
          if (!d.path("receipt").isObject()) {
            throw CliException.failure("check.no-receipt", chunk.get(i).file());
          }
          writeReceipt(target, d.path("receipt"));
          out.put("receipt", target.toString());
        }
        Text t = options.text();
        String human =
            Text.pad(t.label(d.path("decision").asText()), 7)
                + Text.pad(t.label(d.path("basis").asText()), 15)
                + Text.pad(ClientOptions.orDash(d.path("work")), 31)
                + Text.pad(ClientOptions.orDash(d.path("grant")), 31)
                + chunk.get(i).file();
        options.print(spec.commandLine().getOut(), out, human);
      }
    }
    return 0;
  }
}
