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

  @Parameters(arity = "1..*", paramLabel = "FILE")
  List<Path> files;

  @Override
  public Integer call() {
    String useLabel = GrantCommand.uses(List.of(use)).getFirst();
    String atInstant = at == null ? null : Dates.check("--at", at);
    ApiClient client = options.client();
    List<FileFingerprints> hashed = FileHashes.fingerprintAll(files, Optional.empty(), spec.commandLine().getErr());
    for (int from = 0; from < hashed.size(); from += BATCH) {
      List<FileFingerprints> chunk = hashed.subList(from, Math.min(hashed.size(), from + BATCH));
      ObjectNode body = options.object().put("licensee", licensee).put("use", useLabel);
      if (atInstant != null) {
        body.put("at", atInstant);
      }
      if (territory != null) {
        body.put("territory", territory);
      }
      ArrayNode items = body.putArray("items");
      for (FileFingerprints h : chunk) {
        ObjectNode item = items.addObject().put("sha256", h.sha256().value());
        ArrayNode prints = item.putArray("fingerprints");
        h.all().stream()
            .filter(f -> !f.algorithm().equals(Fingerprint.SHA256))
            .forEach(f -> prints.addObject().put("algorithm", f.algorithm()).put("value", f.value()));
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
        Text t = options.text;
        String human =
            Text.pad(t.get(d.path("decision").asText()), 7)
                + Text.pad(t.get(d.path("basis").asText()), 15)
                + Text.pad(ClientOptions.orDash(d.path("work")), 31)
                + Text.pad(ClientOptions.orDash(d.path("grant")), 31)
                + chunk.get(i).file();
        options.print(spec.commandLine().getOut(), out, human);
      }
    }
    return 0;
  }
}
