package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.server.KyodakuServer;
import org.kyodaku.server.ServerConfig;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/** {@code kyodaku signals read|embed} against a real server on a random port. */
class SignalsCommandTest {
  @TempDir static Path dir;
  static JdbcRegistryStore store;
  static KyodakuServer server;
  static String admin;

  @BeforeAll
  static void startServer() {
    store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("data")), 4));
    var index = org.kyodaku.index.registry.RegistryIndex.rebuild(store, org.kyodaku.index.registry.RegistryIndex.DEFAULT_RADII);
    RegistryService registry = new RegistryService(store, index, Clock.systemUTC(), new SecureRandom());
    admin = registry.bootstrapAdmin().orElseThrow().token();
    server = KyodakuServer.start(registry, new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY));
  }

  @AfterAll
  static void stopServer() {
    server.close();
    store.close();
  }

  static CliContractTest.Run kyodaku(String... args) {
    return CliContractTest.kyodaku(Text.ENGLISH, args); // the English assertions, whatever LANG is
  }

  static CliContractTest.Run client(String token, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server", server.baseUrl(), "--token", token, "--json"));
    return kyodaku(all.toArray(String[]::new));
  }

  static Path png(String name) throws Exception {
    BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 32 * 32; i++) {
      img.setRGB(i % 32, i / 32, i * 2654435761L > 0 ? (int) (i * 2654435761L) & 0xffffff : i);
    }
    Path p = dir.resolve(name);
    ImageIO.write(img, "png", p.toFile());
    return p;
  }

  @Test
  void embedThenRead_searchGrantedToEveryone_followsContract() throws Exception {
    JsonNode creator = client(admin, "party", "create", "--kind", "creator", "--name", "山田 花子").single();
    String token = creator.path("token").asText();
    Path in = png("hero.png");
    String work = client(token, "work", "register", "--title", "ヒーロー", in.toString()).single().path("id").asText();
    assertThat(client(token, "grant", "create", "--licensee", "everyone", "--use", "search", "--work", work).exit()).isZero();

    Path out = dir.resolve("hero-signed.png");
    CliContractTest.Run embed = client(token, "signals", "embed", "--work", work, in.toString(), "-o", out.toString(),
        "--iscc", "ISCC:KACYPXW445FTYNJ3");
    assertThat(embed.exit()).as(embed.err()).isZero();
    assertThat(embed.err()).isEmpty();
    JsonNode e = embed.single();
    assertThat(e.path("uses").path("search").asText()).isEqualTo("allowed");
    assertThat(e.path("uses").path("train-ai").asText()).isEqualTo("disallowed");

    BufferedImage before = ImageIO.read(in.toFile());
    BufferedImage after = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(out)));
    assertThat(after.getRGB(0, 0, 32, 32, null, 0, 32)).isEqualTo(before.getRGB(0, 0, 32, 32, null, 0, 32));

    CliContractTest.Run read = kyodaku("signals", "read", "--json", out.toString(), in.toString());
    assertThat(read.exit()).isZero();
    List<JsonNode> lines = read.lines();
    assertThat(lines).hasSize(2);
    JsonNode signed = lines.get(0);
    assertThat(signed.fieldNames()).toIterable().containsExactly("file", "uses", "evidence");
    assertThat(signed.path("file").asText()).isEqualTo(out.toString());
    assertThat(signed.path("uses").fieldNames()).toIterable()
        .containsExactly("tdm", "train-ai", "train-genai", "ai-use", "search");
    assertThat(signed.path("uses").path("tdm").asText()).isEqualTo("disallowed");
    assertThat(signed.path("uses").path("ai-use").asText()).isEqualTo("disallowed");
    assertThat(signed.path("uses").path("search").asText()).isEqualTo("allowed");
    List<String> values = new ArrayList<>();
    signed.path("evidence").forEach(ev -> values.add(ev.path("standard").asText() + " " + ev.path("value").asText()));
    assertThat(values).contains(
        "iptc http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING",
        "xmp-rights dc:creator: 山田 花子",
        "xmp-rights dc:identifier: ISCC:KACYPXW445FTYNJ3",
        "xmp-rights xmpRights:WebStatement: " + server.baseUrl() + "/works/" + work);
    assertThat(lines.get(1).path("uses").path("search").asText()).isEqualTo("unknown");
    assertThat(lines.get(1).path("evidence")).isEmpty();

    CliContractTest.Run again = client(token, "signals", "embed", "--work", work, in.toString(), "-o", out.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).startsWith("kyodaku: error: ").contains("exists; pass --force").doesNotContain("\n\n");
    assertThat(client(token, "signals", "embed", "--work", work, in.toString(), "-o", out.toString(), "--force").exit()).isZero();

    CliContractTest.Run self = client(token, "signals", "embed", "--work", work, in.toString(), "-o", in.toString(), "--force");
    assertThat(self.exit()).isEqualTo(2);
    assertThat(self.err()).startsWith("kyodaku: error: OUT is IN");
  }

  @Test
  void read_badFileAmongGood_errorLineAndExit1() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello", StandardCharsets.UTF_8);
    Path good = png("plain.png");
    CliContractTest.Run run = kyodaku("signals", "read", "--json", text.toString(), dir.resolve("missing.jpg").toString(), good.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.lines()).singleElement().satisfies(n -> assertThat(n.path("file").asText()).isEqualTo(good.toString()));
    String[] errors = run.err().strip().split("\n");
    assertThat(errors).hasSize(2);
    assertThat(errors[0]).startsWith("kyodaku: error: " + text + ": not a JPEG, PNG");
    assertThat(errors[1]).startsWith("kyodaku: error: " + dir.resolve("missing.jpg") + ": cannot read");
  }

  @Test
  void embed_unknownWork_exit1AndNoOutput() throws Exception {
    Path in = png("x.png");
    Path out = dir.resolve("x-out.png");
    CliContractTest.Run run = client(admin, "signals", "embed", "--work", "w_nope", in.toString(), "-o", out.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip().split("\n")).singleElement().satisfies(l -> assertThat(l).startsWith("kyodaku: error: "));
    assertThat(out).doesNotExist();
  }

  @Test
  void embed_missingOutOption_exit2() {
    CliContractTest.Run run = kyodaku("signals", "embed", "--work", "w_1", "in.png");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("kyodaku: error: missing required argument(s): --out=OUT");
  }
}
