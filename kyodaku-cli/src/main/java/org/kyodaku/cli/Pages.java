package org.kyodaku.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Walks a paged listing to its end. */
final class Pages {
  private Pages() {}

  static void each(ApiClient client, String path, String field, Consumer<JsonNode> action) {
    String sep = path.contains("?") ? "&" : "?";
    String after = "";
    while (true) {
      JsonNode page =
          client.get(path + sep + "limit=1000&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
      page.path(field).forEach(action);
      JsonNode next = page.path("next");
      if (next.isNull() || next.isMissingNode()) {
        return;
      }
      after = next.asText();
    }
  }
}
