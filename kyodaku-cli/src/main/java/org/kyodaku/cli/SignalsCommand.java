package org.kyodaku.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.kyodaku.core.model.Use;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.embed.EmbedException;
import org.kyodaku.signals.embed.EmbeddedReader;
import org.kyodaku.signals.embed.EmbeddedWriter;
import org.kyodaku.signals.publish.GrantRecord;
import org.kyodaku.signals.publish.RecordGrant;
import org.kyodaku.signals.xmp.Notice;
import org.kyodaku.signals.xmp.XmpWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kyodaku signals}: read the AI-use statements embedded in files or published by web sites,
 * and embed ours.
 */
@Command(
    name = "signals",
    description = "Read the AI-use signals of files and URLs; embed a work's signals into an image.",
    subcommands = {SignalsCommand.Read.class, SignalsCheckCommand.class, SignalsPublishCommand.class, SignalsCommand.Embed.class})
final class SignalsCommand {

  @Command(
      name = "read",
      description = {
        "Read embedded metadata (XMP IPTC Data Mining, TDMRep, C2PA) of JPEG, PNG, WebP, TIFF, PDF and EPUB files.",
        "Offline. A file that cannot be read is reported on stderr; the others still print; exit 1."
      })
  static final class Read implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object per file.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to read.")
    List<Path> files;

    @Override
    public Integer call() {
      ObjectMapper mapper = new ObjectMapper();
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      boolean failed = false;
      for (Path f : files) {
        Signals s;
        try {
          s = EmbeddedReader.read(f);
        } catch (EmbedException e) {
          err.println(Main.text(spec).message("error.line", e.getMessage()));
          err.flush();
          failed = true;
          continue;
        }
        out.println(json ? view(mapper, f, s).toString() : human(f, s));
        out.flush();
      }
      return failed ? CliException.FAILURE : 0;
    }

    static ObjectNode view(ObjectMapper mapper, Path file, Signals s) {
      ObjectNode o = mapper.createObjectNode().put("file", file.toString());
      ObjectNode uses = o.putObject("uses");
      for (Category c : Category.values()) {
        uses.put(c.label(), s.get(c).label());
      }
      ArrayNode evidence = o.putArray("evidence");
      for (Evidence e : s.evidence()) {
        ObjectNode n = evidence.addObject()
            .put("standard", e.standard().label())
            .put("source", e.source())
            .put("position", e.position())
            .put("value", e.value());
        e.error().ifPresent(x -> n.put("error", x));
      }
      return o;
    }

    static String human(Path file, Signals s) {
      StringBuilder b = new StringBuilder(file.toString());
      for (Category c : Category.values()) {
        b.append("  ").append(c.label()).append('=').append(s.get(c).label());
      }
      for (Evidence e : s.evidence()) {
        b.append("\n  ").append(e.standard().label()).append("  ").append(e.position()).append("  ").append(e.value());
        e.error().ifPresent(x -> b.append("  (").append(x).append(')'));
      }
      return b.toString();
    }
  }

  @Command(
      name = "embed",
      description = {
        "Write a work's IPTC Data Mining statement, copyright, creator and registry page as XMP into a JPEG or PNG.",
        "The image data is not re-encoded. Grants to everyone that are current now read as allowed; everything else as reserved."
      })
  static final class Embed implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--work", required = true, paramLabel = "WORK_ID", description = "The registered work.")
    String work;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT", description = "Where to write the file.")
    Path outFile;

    @Option(names = "--iscc", paramLabel = "CODE", description = "The content's ISCC code, written as dc:identifier.")
    String iscc;

    @Option(names = "--force", description = "Overwrite OUT if it exists.")
    boolean force;

    @Parameters(paramLabel = "IN", description = "The JPEG or PNG file.")
    Path in;

    @Override
    public Integer call() {
      if (Files.exists(outFile) && sameFile(in, outFile)) {
        throw CliException.usage("embed.out-is-in", outFile);
      }
      if (Files.exists(outFile) && !force) {
        throw CliException.failure("embed.out-exists", outFile);
      }
      byte[] image;
      try {
        image = Files.readAllBytes(in);
      } catch (IOException e) {
        throw CliException.failure("file.unreadable", in, e.getMessage());
      }
      ApiClient client = options.client();
      JsonNode w = client.get("/works/" + PathSegment.of("WORK_ID", work));
      String owner = w.path("owner").asText();
      String holder = client.get("/parties/" + PathSegment.of("owner", owner)).path("name").asText(owner);
      List<RecordGrant> grants = new ArrayList<>();
      Instant now = Instant.now();
      Pages.each(client, "/grants", "grants", g -> grant(g, w, now).ifPresent(grants::add));
      URI page = URI.create(stripSlash(options.server) + "/works/" + PathSegment.of("WORK_ID", work));
      byte[] written;
      try {
        GrantRecord record = new GrantRecord(holder, grants, Optional.empty(), page, page, page);
        int year = Instant.parse(w.path("registeredAt").asText(now.toString())).atZone(ZoneOffset.UTC).getYear();
        Notice notice = new Notice("© " + year + " " + holder, List.of(holder), page, Optional.ofNullable(iscc));
        written = EmbeddedWriter.embed(image, XmpWriter.packet(record, notice));
      } catch (IllegalArgumentException e) { // XmpException, EmbedException, PublishException
        throw CliException.failure("embed.failed", in, e.getMessage());
      }
      try {
        Path tmp = Files.createTempFile(outFile.toAbsolutePath().getParent(), ".kyodaku-", ".tmp");
        Files.write(tmp, written);
        Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw CliException.failure("file.cannot-write", outFile, e.getMessage());
      }
      Signals s = EmbeddedReader.read(written, outFile.toString());
      ObjectNode o = Read.view(options.mapper, outFile, s);
      o.put("work", work);
      options.print(spec.commandLine().getOut(), o, Read.human(outFile, s));
      return 0;
    }

    /** A grant on this work by its owner, current at {@code now}, as the writers publish it. */
    static Optional<RecordGrant> grant(JsonNode g, JsonNode work, Instant now) {
      boolean covers = g.path("grantor").asText().equals(work.path("owner").asText())
          && (g.path("allWorks").asBoolean()
              || GrantCommand.texts(g.path("works")).contains(work.path("id").asText()));
      // A territory-limited grant cannot be stated in a file read everywhere (PublishedGrants).
      boolean current = g.path("territories").isEmpty()
          && g.path("revocation").isNull()
          && !Instant.parse(g.path("validFrom").asText()).isAfter(now)
          && (g.path("validUntil").isNull() || Instant.parse(g.path("validUntil").asText()).isAfter(now));
      if (!covers || !current) {
        return Optional.empty();
      }
      Set<Use> uses = EnumSet.noneOf(Use.class);
      g.path("uses").forEach(u -> uses.add(Use.parse("uses", u.asText())));
      String licensee = g.path("licensee").asText();
      if (licensee.equals("everyone")) {
        return Optional.of(RecordGrant.toEveryone(uses));
      }
      // Named licensees never change the embedded statement (it is for everyone); keep valid ids.
      return licensee.matches("[A-Za-z][A-Za-z0-9_-]{0,63}")
          ? Optional.of(RecordGrant.to(uses, Set.of(licensee)))
          : Optional.empty();
    }

    private static boolean sameFile(Path a, Path b) {
      try {
        return Files.isSameFile(a, b);
      } catch (IOException e) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
      }
    }

    private static String stripSlash(String s) {
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
  }
}
