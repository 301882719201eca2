package org.kyodaku.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.ValidationException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kyodaku grant}: issue, revoke and list grants. */
@Command(
    name = "grant",
    description = "Grant uses of your works to a licensee (or everyone), revoke, list.",
    subcommands = {
      GrantCommand.Create.class,
      GrantCommand.Revoke.class,
      GrantCommand.ListGrants.class,
      GrantCommand.Show.class
    })
final class GrantCommand {

  /** Checks use labels locally so that a typo is a usage error listing the valid ones. */
  static List<String> uses(List<String> labels) {
    List<String> out = new java.util.ArrayList<>();
    for (String l : labels) {
      try {
        out.add(Use.parse("--use", l).label());
      } catch (ValidationException e) {
        throw CliException.usage("usage.unknown-use", "--use", l, Use.validLabels());
      }
    }
    return out;
  }

  static String human(JsonNode g, Text t) {
    String licensee = g.path("licensee").asText();
    String works = g.path("allWorks").asBoolean() ? t.message("grant.all-works") : String.join(",", texts(g.path("works")));
    String period = g.path("validFrom").asText() + " .. " + (g.path("validUntil").isNull() ? "" : g.path("validUntil").asText());
    String territories = g.path("territories").isEmpty() ? "" : "  [" + String.join(",", texts(g.path("territories"))) + "]";
    String revoked = g.path("revocation").isNull() ? "" : "  " + t.message("grant.revoked-at", g.path("revocation").path("revokedAt").asText());
    return g.path("id").asText() + "  " + String.join(",", texts(g.path("uses"))) + "  -> "
        + (licensee.equals("everyone") ? t.message("grant.everyone") : licensee) + "  " + works + "  " + period + territories + revoked;
  }

  static List<String> texts(JsonNode array) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Command(name = "create", description = "Grant uses of your works.")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--licensee", required = true, paramLabel = "ID|everyone", description = "The licensee's party id, or everyone.")
    String licensee;

    @Option(names = "--use", required = true, split = ",", paramLabel = "USE", description = "train-ai, train-genai, ai-use, search (comma-separated or repeated). train-ai covers train-genai.")
    List<String> uses;

    static final class Scope {
      @Option(names = "--work", paramLabel = "WORK_ID", description = "A work to cover (repeatable).")
      List<String> works;

      @Option(names = "--all", description = "Cover all your works, including later ones.")
      boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    @Option(names = "--from", paramLabel = "ISO-8601", description = "Start (default: now).")
    String from;

    @Option(names = "--until", paramLabel = "ISO-8601", description = "End, exclusive (default: none).")
    String until;

    @Option(names = "--territory", split = ",", paramLabel = "CC", description = "ISO 3166-1 alpha-2 codes (default: everywhere).")
    List<String> territories;

    @Option(names = "--terms-url", paramLabel = "URL", description = "Where the terms are published.")
    String termsUrl;

    @Override
    public Integer call() {
      ObjectNode body = options.object().put("licensee", licensee);
      ArrayNode u = body.putArray("uses");
      uses(uses).forEach(u::add);
      if (scope.all) {
        body.put("allWorks", true);
      } else {
        ArrayNode w = body.putArray("works");
        scope.works.forEach(w::add);
      }
      if (from != null) {
        body.put("validFrom", Dates.check("--from", from));
      }
      if (until != null) {
        body.put("validUntil", Dates.check("--until", until));
      }
      if (territories != null) {
        ArrayNode t = body.putArray("territories");
        territories.forEach(t::add);
      }
      if (termsUrl != null) {
        body.put("termsUrl", termsUrl);
      }
      JsonNode g = options.client().post("/grants", body);
      options.print(spec.commandLine().getOut(), g, options.text().message("grant.granted", human(g, options.text())));
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revoke a grant from now on; earlier decisions stay as they were.")
  static final class Revoke implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "GRANT_ID", description = "The id of the grant to revoke.")
    String id;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the grant is revoked.")
    String reason;

    @Override
    public Integer call() {
      ObjectNode body = options.object();
      if (reason != null) {
        body.put("reason", reason);
      }
      JsonNode g = options.client().post("/grants/" + PathSegment.of("GRANT_ID", id) + "/revoke", body);
      options.print(spec.commandLine().getOut(), g, options.text().message("grant.revoked", human(g, options.text())));
      return 0;
    }
  }

  @Command(name = "list", description = "List grants you issued or received, and grants to everyone.")
  static final class ListGrants implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Pages.each(options.client(), "/grants", "grants", g -> options.print(spec.commandLine().getOut(), g, human(g, options.text())));
      return 0;
    }
  }

  @Command(name = "show", description = "Show one grant.")
  static final class Show implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "GRANT_ID", description = "The grant's id.")
    String id;

    @Override
    public Integer call() {
      JsonNode g = options.client().get("/grants/" + PathSegment.of("GRANT_ID", id));
      options.print(spec.commandLine().getOut(), g, human(g, options.text()));
      return 0;
    }
  }
}
