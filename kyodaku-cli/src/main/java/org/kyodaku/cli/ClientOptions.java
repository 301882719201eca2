package org.kyodaku.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Option;

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

  final ObjectMapper mapper = new ObjectMapper();
  final Text text = Text.fromEnvironment();

  ApiClient client() {
    if (token == null || token.isBlank()) {
      throw CliException.usage(
          text.japanese()
              ? "トークンがありません: --token を指定するか KYODAKU_TOKEN を設定してください"
                  + "（最初の管理者のトークンは kyodaku-data/admin.token にあります）"
              : "no token: pass --token or set KYODAKU_TOKEN (the first admin's token is in kyodaku-data/admin.token)");
    }
    return new ApiClient(mapper, server, Optional.of(token.strip()), text.japanese());
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
