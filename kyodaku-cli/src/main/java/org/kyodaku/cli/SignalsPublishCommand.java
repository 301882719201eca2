package org.kyodaku.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kyodaku signals publish}: write a party's signal files, exactly as the server serves them
 * at {@code /parties/{id}/signals} (one snapshot of the registry, so the files agree).
 */
@Command(
    name = "publish",
    description = {
      "Write a party's AI-use signal files into DIR: robots.txt, .well-known/tdmrep.json, tdm-policy.json, ai.txt,",
      "rsl.xml and header snippets (headers.txt, nginx.conf, apache.conf, Caddyfile) and meta.html.",
      "They are compiled by the server from the party's current grants; existing files are replaced."
    })
final class SignalsPublishCommand implements Callable<Integer> {
  /** A relative path of plain names: nothing the server sends can escape DIR. */
  private static final Pattern SAFE = Pattern.compile("(?:\\.?[A-Za-z0-9_-][A-Za-z0-9._-]*/)?[A-Za-z0-9_-][A-Za-z0-9._-]*");

  @Mixin ClientOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--party", required = true, paramLabel = "ID", description = "The party whose signals to write.")
  String party;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write (created if missing).")
  Path out;

  @Override
  public Integer call() {
    Optional<String> token = options.token == null || options.token.isBlank()
        ? Optional.empty() : Optional.of(options.token.strip());
    ApiClient client = new ApiClient(options.mapper, options.server, token, options.text().japanese());
    JsonNode index = client.get("/parties/" + PathSegment.of("ID", party) + "/signals");
    Map<String, String> files = new LinkedHashMap<>();
    for (JsonNode f : index.path("files")) {
      String path = f.path("path").asText();
      if (!SAFE.matcher(path).matches() || path.contains("..")) {
        throw CliException.failure("publish.unsafe-path", path);
      }
      files.put(path, f.path("content").asText());
    }
    if (files.isEmpty()) {
      throw CliException.failure("publish.no-files", party);
    }
    ObjectNode o = options.object().put("party", index.path("party").asText()).put("at", index.path("at").asText())
        .put("out", out.toString());
    ArrayNode written = o.putArray("files");
    StringBuilder human = new StringBuilder();
    try {
      Files.createDirectories(out);
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path target = out.resolve(f.getKey());
        Files.createDirectories(target.getParent());
        byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
        Path tmp = Files.createTempFile(target.getParent(), ".kyodaku-", ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        written.addObject().put("path", f.getKey()).put("bytes", bytes.length);
        human.append(human.isEmpty() ? "" : "\n").append(options.text().message("publish.written", target, bytes.length));
      }
    } catch (IOException e) {
      throw CliException.failure("file.cannot-write", out, e.getMessage());
    }
    options.print(spec.commandLine().getOut(), o, human.toString());
    return 0;
  }
}
