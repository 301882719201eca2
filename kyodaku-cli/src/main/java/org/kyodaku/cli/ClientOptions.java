package org.kyodaku.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every client command shares, and its output helpers. */
final class ClientOptions {
  @Option(
      names = "--server",
      paramLabel = "URL",
      defaultValue = "${env:KYODAKU_SERVER:-http://127.0.0.1:8080}",
      description = "Registry server (env KYODAKU_SERVER; default ${DEFAULT-VALUE}).")
  String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:KYODAKU_TOKEN}",
      description = "Bearer token (env KYODAKU_TOKEN). The first admin's is in DATA/admin.token.")
  String token;

  @Option(names = "--json", description = "Print one JSON object per line.")
  boolean json;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  final ObjectMapper mapper = new ObjectMapper();

  /** The language of the command this mixin is part of. */
  Text text() {
    return Main.text(command);
  }

  ApiClient client() {
    if (token == null || token.isBlank()) {
      throw CliException.usage("client.no-token");
    }
    return new ApiClient(mapper, server, Optional.of(token.strip()), text().japanese());
  }

  ObjectNode object() {
    return mapper.createObjectNode();
  }

  /** Prints {@code node} as one JSON line with {@code --json}, else {@code human}. */
  void print(PrintWriter out, JsonNode node, String human) {
    out.println(json ? node.toString() : human);
    out.flush();
  }

  static String orDash(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() ? "-" : n.asText();
  }
}
