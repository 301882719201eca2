package org.kyodaku.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kyodaku party}: accounts (admin only). */
@Command(
    name = "party",
    description = "Create and list parties (admin).",
    subcommands = {PartyCommand.Create.class, PartyCommand.ListParties.class})
final class PartyCommand {

  @Command(name = "create", description = "Create a party and print its token (shown once).")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "creator | rights-holder | collective | licensee | auditor")
    String kind;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Display name, any script.")
    String name;

    @Option(names = "--token-expires-at", paramLabel = "ISO-8601", description = "When the token stops working.")
    String expiresAt;

    @Override
    public Integer call() {
      ObjectNode body = options.object().put("kind", kind).put("name", name);
      if (expiresAt != null) {
        body.put("tokenExpiresAt", Dates.check("--token-expires-at", expiresAt));
      }
      JsonNode p = options.client().post("/parties", body);
      ObjectNode out = options.object();
      out.put("id", p.path("id").asText()).put("kind", p.path("kind").asText()).put("name", p.path("name").asText()).put("token", p.path("token").asText());
      Text t = options.text();
      options.print(
          spec.commandLine().getOut(),
          out,
          t.message("party.created", p.path("kind").asText(), p.path("id").asText(), p.path("name").asText()) + "\n"
              + t.message("party.token", p.path("token").asText()));
      return 0;
    }
  }

  @Command(name = "list", description = "List parties (admin, auditor).")
  static final class ListParties implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Pages.each(options.client(), "/parties", "parties", p ->
          options.print(spec.commandLine().getOut(), p, p.path("id").asText() + "  " + p.path("kind").asText() + "  " + p.path("name").asText()));
      return 0;
    }
  }
}
