package org.kyodaku.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kyodaku.core.registry.RegistryException;

/**
 * Writes RFC 9457 problem documents. The {@code title} is a short, stable summary of the problem
 * type in the caller's language (Japanese when {@code Accept-Language} prefers it, else English);
 * {@code detail} says what was wrong in this request and quotes the values.
 */
final class Problems {
  static final String BASE = "https://kyodaku.org/problems/";
  static final String MEDIA_TYPE = "application/problem+json";

  private record Title(String en, String ja) {}

  private static final Map<String, Title> TITLES =
      Map.ofEntries(
          Map.entry("invalid-request", new Title("The request is not valid", "リクエストが正しくありません")),
          Map.entry("malformed-json", new Title("The body is not valid JSON", "本文が正しい JSON ではありません")),
          Map.entry("unauthenticated", new Title("Authentication is required", "認証が必要です")),
          Map.entry("forbidden", new Title("This is not permitted for you", "この操作は許可されていません")),
          Map.entry("not-found", new Title("Not found", "見つかりません")),
          Map.entry("conflict", new Title("Conflicts with the current state", "現在の状態と矛盾します")),
          Map.entry("unprocessable", new Title("The proof does not verify", "証明を検証できません")),
          Map.entry("method-not-allowed", new Title("Method not allowed", "このメソッドは使えません")),
          Map.entry("too-large", new Title("The request body is too large", "リクエスト本文が大きすぎます")),
          Map.entry("unsupported-media-type", new Title("Send JSON", "JSON で送信してください")),
          Map.entry("unavailable", new Title("The store is unavailable", "データストアに接続できません")),
          Map.entry(LogApi.NOT_PUBLISHED, new Title("The log has not published a checkpoint yet", "ログはまだチェックポイントを公開していません")),
          Map.entry("internal", new Title("Internal error", "内部エラー")));

  private Problems() {}

  static Problem from(RegistryException e) {
    return switch (e.kind()) {
      case UNAUTHENTICATED -> new Problem(401, "unauthenticated", e.getMessage(), e.field());
      case FORBIDDEN -> new Problem(403, "forbidden", e.getMessage(), e.field());
      case NOT_FOUND -> new Problem(404, "not-found", e.getMessage(), e.field());
      case INVALID -> new Problem(400, "invalid-request", e.getMessage(), e.field());
      case CONFLICT -> new Problem(409, "conflict", e.getMessage(), e.field());
      case UNAVAILABLE -> new Problem(503, "unavailable", e.getMessage(), e.field());
    };
  }

  static void write(Context ctx, ObjectMapper json, Problem p) {
    Title title = TITLES.getOrDefault(p.type, TITLES.get("internal"));
    ObjectNode body = json.createObjectNode();
    body.put("type", BASE + p.type);
    body.put("title", prefersJapanese(ctx) ? title.ja() : title.en());
    body.put("status", p.status);
    body.put("detail", p.getMessage());
    body.put("instance", ctx.path());
    p.field.ifPresent(f -> body.put("field", f));
    if (p.status == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"kyodaku\"");
    }
    // Bytes, not a String: Jetty would encode a String as ISO-8859-1 for this media type.
    ctx.status(p.status).contentType(MEDIA_TYPE).result(body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the first language in {@code Accept-Language} with a non-zero weight is Japanese. */
  static boolean prefersJapanese(Context ctx) {
    String header = Optional.ofNullable(ctx.header("Accept-Language")).orElse("");
    double best = -1;
    boolean ja = false;
    for (String part : header.split(",")) {
      String[] pieces = part.strip().split(";");
      String tag = pieces[0].strip().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < pieces.length; i++) {
        String param = pieces[i].strip();
        if (param.startsWith("q=")) {
          try {
            q = Double.parseDouble(param.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (q > best && q > 0 && !tag.isEmpty()) {
        best = q;
        ja = tag.equals("ja") || tag.startsWith("ja-");
      }
    }
    return ja;
  }
}
