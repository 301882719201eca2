package org.kyodaku.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
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

/** {@code kyodaku work}: register and look up works. */
@Command(
    name = "work",
    description = "Register works by fingerprint, and look them up.",
    subcommands = {WorkCommand.Register.class, WorkCommand.Show.class, WorkCommand.ListWorks.class})
final class WorkCommand {

  @Command(
      name = "register",
      description = {
        "Register one work with one asset per file.",
        "Files are hashed here; only their fingerprints are sent."
      })
  static final class Register implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--title", required = true, paramLabel = "TITLE", description = "Title, any script.")
    String title;

    @Option(names = "--kind", defaultValue = "image", paramLabel = "KIND", description = "image | video | text | audio | character (default ${DEFAULT-VALUE}).")
    String kind;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The work's files.")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      List<FileFingerprints> hashed = FileHashes.fingerprintAll(files, Optional.of(title), err);
      ObjectNode body = options.object().put("title", title).put("kind", kind);
      ArrayNode assets = body.putArray("assets");
      for (FileFingerprints h : hashed) {
        ObjectNode asset = assets.addObject().put("file", h.file().getFileName().toString()).put("sha256", h.sha256().value());
        ArrayNode prints = asset.putArray("fingerprints");
        h.all().stream()
            .filter(f -> !f.algorithm().equals(Fingerprint.SHA256))
            .forEach(f -> prints.addObject().put("algorithm", f.algorithm()).put("value", f.value()));
        FileHashes.putFrames(asset, h);
        h.contentError().ifPresent(e -> err.println(options.text().message("work.exact-only", e)));
      }
      JsonNode w = options.client().post("/works", body);
      ObjectNode out = options.object();
      out.put("id", w.path("id").asText()).put("title", w.path("title").asText()).put("kind", w.path("kind").asText()).put("owner", w.path("owner").asText());
      ArrayNode outAssets = out.putArray("assets");
      StringBuilder human =
          new StringBuilder(options.text().message("work.registered", w.path("id").asText(), w.path("title").asText(), hashed.size()));
      for (int i = 0; i < hashed.size(); i++) {
        ObjectNode a = outAssets.addObject().put("file", hashed.get(i).file().toString()).put("sha256", hashed.get(i).sha256().value());
        hashed.get(i).pdq().ifPresent(p -> a.put("pdq", p.hash().toHex()));
        human.append("\n  ").append(hashed.get(i).sha256().value()).append("  ").append(hashed.get(i).file());
      }
      out.set("conflicts", w.path("conflicts"));
      for (JsonNode c : w.path("conflicts")) {
        err.println(options.text().message(
            "work.conflict", hashed.get(c.path("asset").asInt()).file(), c.path("work").asText(), c.path("owner").asText(),
            c.path("algorithm").asText(), c.path("distance").asInt()));
      }
      options.print(spec.commandLine().getOut(), out, human.toString());
      return 0;
    }
  }

  @Command(name = "show", description = "Show a work and its fingerprints.")
  static final class Show implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "WORK_ID", description = "The work's id.")
    String id;

    @Override
    public Integer call() {
      JsonNode w = options.client().get("/works/" + PathSegment.of("WORK_ID", id));
      StringBuilder human = new StringBuilder(w.path("id").asText() + "  \"" + w.path("title").asText() + "\"  " + w.path("kind").asText()
          + "  " + options.text().message("work.owner", w.path("owner").asText()) + "  " + w.path("registeredAt").asText());
      w.path("assets").forEach(a -> human.append("\n  ").append(a.path("sha256").asText()).append("  ").append(ClientOptions.orDash(a.path("file"))));
      options.print(spec.commandLine().getOut(), w, human.toString());
      return 0;
    }
  }

  @Command(name = "list", description = "List your works (all works for admins and auditors).")
  static final class ListWorks implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--owner", paramLabel = "PARTY_ID", description = "Only this owner's works.")
    String owner;

    @Override
    public Integer call() {
      String path = owner == null ? "/works" : "/works?owner=" + PathSegment.of("--owner", owner);
      Pages.each(options.client(), path, "works", w ->
          options.print(spec.commandLine().getOut(), w, w.path("id").asText() + "  \"" + w.path("title").asText() + "\"  " + w.path("kind").asText() + "  " + w.path("registeredAt").asText()));
      return 0;
    }
  }
}
