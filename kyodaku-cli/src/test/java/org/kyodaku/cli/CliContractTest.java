package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.server.KyodakuServer;
import org.kyodaku.server.ServerConfig;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/**
 * The CLI contract of the registry issue, against a real server on a random port: JSON lines on
 * stdout, one error line on stderr, exit 0 / 1 / 2.
 */
class CliContractTest {
  @TempDir static Path dir;
  static JdbcRegistryStore store;
  static KyodakuServer server;
  static String admin;
  static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, String out, String err) {
    List<JsonNode> lines() {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (!line.isBlank()) {
          try {
            nodes.add(JSON.readTree(line));
          } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
          }
        }
      }
      return nodes;
    }

    JsonNode single() {
      assertThat(lines()).hasSize(1);
      return lines().getFirst();
    }
  }

  @BeforeAll
  static void startServer() {
    store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("data")), 4));
    var index = org.kyodaku.index.registry.RegistryIndex.rebuild(store, org.kyodaku.index.registry.RegistryIndex.DEFAULT_RADII);
    // Videos through the frame index and the store, as `kyodaku serve` finds them.
    var videos =
        new org.kyodaku.fingerprint.vpdq.IndexedVideos(
            org.kyodaku.index.registry.VideoFrameIndex.rebuild(store, org.kyodaku.index.registry.VideoFrameIndex.DEFAULT_RADIUS),
            store::assetsOf,
            org.kyodaku.fingerprint.vpdq.VpdqThresholds.reference());
    RegistryService registry =
        new RegistryService(
            store,
            index,
            videos,
            org.kyodaku.core.registry.ConsentLog.NONE,
            org.kyodaku.core.registry.ReceiptSource.NONE,
            Clock.systemUTC(),
            new SecureRandom());
    admin = registry.bootstrapAdmin().orElseThrow().token();
    server = KyodakuServer.start(registry, new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY));
  }

  @AfterAll
  static void stopServer() {
    server.close();
    store.close();
  }

  /** Runs {@code kyodaku args} in this JVM, in English whatever this machine's locale. */
  static Run kyodaku(String... args) {
    return kyodaku(Text.ENGLISH, args);
  }

  static Run kyodaku(Text text, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), text);
    return new Run(exit, out.toString(), err.toString());
  }

  /** A client command with --server and --json filled in. */
  static Run client(String token, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server", server.baseUrl(), "--token", token, "--json"));
    return kyodaku(all.toArray(String[]::new));
  }

  static Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void walkthrough_registerGrantCheckRevoke_followsContract() throws Exception {
    Run creator = client(admin, "party", "create", "--kind", "creator", "--name", "山田 花子");
    assertThat(creator.exit()).isZero();
    JsonNode c = creator.single();
    assertThat(c.fieldNames()).toIterable().containsExactly("id", "kind", "name", "token");
    assertThat(c.path("kind").asText()).isEqualTo("creator");
    assertThat(c.path("name").asText()).isEqualTo("山田 花子");
    String creatorToken = c.path("token").asText();
    String lab = client(admin, "party", "create", "--kind", "licensee", "--name", "Lab").single().path("id").asText();

    Path hero = file("hero.png", "hero");
    Path villain = file("villain.png", "villain");
    Path stranger = file("stranger.png", "stranger");
    Run register = client(creatorToken, "work", "register", "--title", "ピカピカの冒険", hero.toString(), villain.toString());
    assertThat(register.exit()).isZero();
    JsonNode work = register.single();
    assertThat(work.path("id").asText()).startsWith("w_");
    assertThat(work.path("title").asText()).isEqualTo("ピカピカの冒険");
    assertThat(work.path("assets")).hasSize(2);
    assertThat(work.path("assets").get(0).path("file").asText()).isEqualTo(hero.toString());
    assertThat(work.path("assets").get(0).path("sha256").asText())
        .isEqualTo(kyodaku("hash", "--json", hero.toString()).single().path("sha256").asText());

    Run denied = client(lab, "check", "--licensee", lab, "--use", "train-ai", hero.toString(), stranger.toString());
    assertThat(denied.exit()).isEqualTo(1); // a licensee needs its own token; the admin asks for it below
    Run check = client(admin, "check", "--licensee", lab, "--use", "train-ai", hero.toString(), stranger.toString());
    assertThat(check.exit()).isZero();
    assertThat(check.lines()).hasSize(2);
    assertThat(check.lines().get(0).path("file").asText()).isEqualTo(hero.toString());
    assertThat(check.lines().get(0).path("decision").asText()).isEqualTo("deny");
    assertThat(check.lines().get(0).path("basis").asText()).isEqualTo("no-grant");
    assertThat(check.lines().get(0).path("work").asText()).isEqualTo(work.path("id").asText());
    assertThat(check.lines().get(0).path("grant").isNull()).isTrue();
    assertThat(check.lines().get(1).path("basis").asText()).isEqualTo("unregistered");
    assertThat(check.lines().get(1).path("work").isNull()).isTrue();

    Run grant = client(creatorToken, "grant", "create", "--licensee", lab, "--use", "train-ai,search", "--work", work.path("id").asText(), "--territory", "JP");
    assertThat(grant.exit()).isZero();
    String grantId = grant.single().path("id").asText();
    assertThat(grantId).startsWith("g_");

    Run allowed = client(admin, "check", "--licensee", lab, "--use", "train-genai", "--territory", "jp", hero.toString());
    assertThat(allowed.single().path("decision").asText()).isEqualTo("allow");
    assertThat(allowed.single().path("basis").asText()).isEqualTo("grant");
    assertThat(allowed.single().path("grant").asText()).isEqualTo(grantId);
    Run noTerritory = client(admin, "check", "--licensee", lab, "--use", "train-genai", hero.toString());
    assertThat(noTerritory.single().path("decision").asText()).isEqualTo("deny");

    Run list = client(creatorToken, "grant", "list");
    assertThat(list.lines()).extracting(n -> n.path("id").asText()).containsExactly(grantId);

    String beforeRevoke = java.time.Instant.now().toString();
    Thread.sleep(5);
    Run revoke = client(creatorToken, "grant", "revoke", grantId);
    assertThat(revoke.exit()).isZero();
    assertThat(revoke.single().path("revocation").path("revokedAt").asText()).isNotEmpty();
    assertThat(client(admin, "check", "--licensee", lab, "--use", "train-ai", "--territory", "JP", hero.toString()).single().path("decision").asText())
        .isEqualTo("deny");
    assertThat(client(admin, "check", "--licensee", lab, "--use", "train-ai", "--territory", "JP", "--at", beforeRevoke, hero.toString()).single().path("decision").asText())
        .isEqualTo("allow");
    Run again = client(creatorToken, "grant", "revoke", grantId);
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("already revoked").doesNotContain("\n\n");
  }

  static Path image(String name, int width, int height) throws Exception {
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = img.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new java.awt.Color(20, 60, 140));
    g.fillRect(0, 0, width, height);
    g.setColor(new java.awt.Color(240, 240, 250));
    g.fillOval(width / 5, height / 4, width / 2, height / 2);
    g.setColor(new java.awt.Color(200, 40, 40));
    g.fillRect(width * 3 / 5, height / 8, width / 4, height * 3 / 4);
    g.dispose();
    Path file = dir.resolve(name);
    javax.imageio.ImageIO.write(img, "png", file.toFile());
    return file;
  }

  @Test
  void hash_image_printsPdqAndIsccCodes() throws Exception {
    Path wave = image("hash-wave.png", 300, 200);
    JsonNode h = kyodaku("hash", "--json", wave.toString()).single();
    assertThat(h.path("sha256").asText()).hasSize(64);
    assertThat(h.path("pdq").asText()).hasSize(64);
    assertThat(h.path("pdqQuality").asInt()).isBetween(0, 100);
    for (String unit : List.of("meta", "content", "data", "instance", "code")) {
      assertThat(h.path("iscc").path(unit).asText()).as(unit).startsWith("ISCC:");
    }
    Path other = file("notes.bin", "not an image at all");
    JsonNode o = kyodaku("hash", "--json", other.toString()).single();
    assertThat(o.path("pdq").isMissingNode()).isTrue();
    assertThat(o.path("iscc").fieldNames()).toIterable().containsExactly("data", "instance");
  }

  @Test
  void hash_video_printsVpdqSummaryAndFramesOnRequest() throws Exception {
    Path video = org.kyodaku.testkit.SharedTestData.resolve("vpdq/tmk/sample-videos/test-padded-dimensions.mp4");
    JsonNode summary = kyodaku("hash", "--json", video.toString()).single();
    assertThat(summary.at("/vpdq/frameCount").asInt()).isEqualTo(150);
    assertThat(summary.at("/vpdq/framesPerSecond").asDouble()).isEqualTo(30.0);
    assertThat(summary.at("/vpdq/frames").isMissingNode()).isTrue();
    assertThat(summary.path("iscc").fieldNames()).toIterable().containsExactly("data", "instance");
    JsonNode frames = kyodaku("hash", "--json", "--frames", video.toString()).single();
    assertThat(frames.at("/vpdq/frames")).hasSize(150);
    assertThat(frames.at("/vpdq/frames/0/pdq").asText()).hasSize(64);
  }

  @Test
  void hash_oneBadFileAmongGood_printsTheGoodAndExitsOne() throws Exception {
    Path good = file("good.txt", "good");
    Run run = kyodaku("hash", "--json", dir.resolve("missing.txt").toString(), good.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.single().path("file").asText()).isEqualTo(good.toString());
    assertThat(run.err()).contains("missing.txt: no such file");
  }

  @Test
  void registerAndCheck_resizedCopy_isFoundByResemblanceButNotCleared() throws Exception {
    String studio = client(admin, "party", "create", "--kind", "rights-holder", "--name", "Studio").single().path("token").asText();
    String other = client(admin, "party", "create", "--kind", "creator", "--name", "Other").single().path("token").asText();
    String lab = client(admin, "party", "create", "--kind", "licensee", "--name", "Lab").single().path("id").asText();
    // Meta's PDQ test photo and its strongly shrunk copy (shared/testdata, 7 bits apart).
    Path original = java.nio.file.Files.copy(
        org.kyodaku.testkit.SharedTestData.resolve("pdq/data/bridge-mods/aaa-orig.jpg"), dir.resolve("bridge.jpg"));
    Path resized = java.nio.file.Files.copy(
        org.kyodaku.testkit.SharedTestData.resolve("pdq/data/bridge-mods/shrink-a-lot.jpg"), dir.resolve("bridge-small.jpg"));
    String work = client(studio, "work", "register", "--title", "ポスター", original.toString()).single().path("id").asText();
    client(studio, "grant", "create", "--licensee", lab, "--use", "train-ai", "--all");

    List<JsonNode> checks = client(admin, "check", "--licensee", lab, "--use", "train-ai", original.toString(), resized.toString()).lines();
    assertThat(checks.get(0).path("decision").asText()).isEqualTo("allow");
    assertThat(checks.get(1).path("decision").asText()).isEqualTo("deny");
    assertThat(checks.get(1).path("basis").asText()).isEqualTo("near-match");
    assertThat(checks.get(1).path("work").asText()).isEqualTo(work);
    assertThat(checks.get(1).at("/evidence/0/algorithm").asText()).isEqualTo("pdq-v1");

    // The same photo saved turned a quarter: its plain PDQ hash is 120 bits away; the registry
    // also searches the query's seven other orientations (PdqDihedral) and finds it 14 bits away.
    Path turned = java.nio.file.Files.copy(
        org.kyodaku.testkit.SharedTestData.resolve("pdq/data/reg-test-input/dih/bridge-2-rotate-90.jpg"), dir.resolve("bridge-90.jpg"));
    JsonNode rotated = client(admin, "check", "--licensee", lab, "--use", "train-ai", turned.toString()).single();
    assertThat(rotated.path("basis").asText()).isEqualTo("near-match");
    assertThat(rotated.path("work").asText()).isEqualTo(work);
    assertThat(rotated.at("/evidence/0/distance").asInt()).isEqualTo(14);

    Run copy = client(other, "work", "register", "--title", "copy", resized.toString());
    assertThat(copy.exit()).isZero();
    assertThat(copy.single().at("/conflicts/0/work").asText()).isEqualTo(work);
    assertThat(copy.err()).contains("already matches work " + work);
  }

  @Test
  void registerAndCheck_editedPicture_isFoundByItsImageCodeButNotCleared() throws Exception {
    String studio = client(admin, "party", "create", "--kind", "rights-holder", "--name", "写真館").single().path("token").asText();
    String lab = client(admin, "party", "create", "--kind", "licensee", "--name", "Lab").single().path("id").asText();
    Path original = java.nio.file.Files.copy(
        org.kyodaku.testkit.SharedTestData.resolve("pdq/data/reg-test-input/pen-and-coaster.png"), dir.resolve("coaster.png"));
    java.awt.image.BufferedImage picture = javax.imageio.ImageIO.read(original.toFile());
    int w = picture.getWidth();
    int h = picture.getHeight();
    // Half the size, saved as JPEG: other bytes, other pixels, the same picture.
    Path resized = jpeg(picture, 0, 0, w, h, w / 2, h / 2, "coaster-half.jpg");
    // 2% cut from every side: PDQ moves 38 bits (no match), the coarser Image-Code 6.
    Path cropped = jpeg(picture, w / 50, h / 50, w - 2 * (w / 50), h - 2 * (h / 50), w - 2 * (w / 50), h - 2 * (h / 50), "coaster-crop.jpg");
    Path unrelated = java.nio.file.Files.copy(
        org.kyodaku.testkit.SharedTestData.resolve("pdq/data/reg-test-input/labelme-subset/q1050.jpg"), dir.resolve("street.jpg"));
    String work = client(studio, "work", "register", "--title", "コースター", original.toString()).single().path("id").asText();
    client(studio, "grant", "create", "--licensee", lab, "--use", "train-ai", "--all");

    List<JsonNode> checks =
        client(admin, "check", "--licensee", lab, "--use", "train-ai", resized.toString(), cropped.toString(), unrelated.toString()).lines();
    for (JsonNode copy : checks.subList(0, 2)) {
      assertThat(copy.path("decision").asText()).isEqualTo("deny");
      assertThat(copy.path("basis").asText()).isEqualTo("near-match");
      assertThat(copy.path("work").asText()).isEqualTo(work);
    }
    assertThat(imageCodeDistance(checks.get(0))).isBetween(0, 8);
    assertThat(checks.get(0).path("evidence").findValuesAsText("algorithm")).containsExactly("pdq-v1", "iscc-image-v0");
    assertThat(imageCodeDistance(checks.get(1))).isBetween(0, 8);
    assertThat(checks.get(1).path("evidence").findValuesAsText("algorithm")).containsExactly("iscc-image-v0");
    assertThat(checks.get(2).path("basis").asText()).isEqualTo("unregistered");
    assertThat(checks.get(2).path("evidence")).isEmpty();
  }

  /** The Image-Code evidence's distance in a check line, or -1 if there is none. */
  private static int imageCodeDistance(JsonNode check) {
    for (JsonNode e : check.path("evidence")) {
      if (e.path("algorithm").asText().equals("iscc-image-v0")) {
        return e.path("distance").asInt();
      }
    }
    return -1;
  }

  /** The region (x, y, width, height) of {@code picture} scaled to {@code toW} x {@code toH}, as a JPEG. */
  private static Path jpeg(java.awt.image.BufferedImage picture, int x, int y, int width, int height, int toW, int toH, String name)
      throws java.io.IOException {
    java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(toW, toH, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = out.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(picture, 0, 0, toW, toH, x, y, x + width, y + height, null);
    g.dispose();
    Path file = dir.resolve(name);
    if (!javax.imageio.ImageIO.write(out, "jpg", file.toFile())) {
      throw new java.io.IOException("no JPEG writer");
    }
    return file;
  }

  @Test
  void registerAndCheck_reencodedVideo_isFoundByItsFramesButNotCleared() throws Exception {
    String studio = client(admin, "party", "create", "--kind", "rights-holder", "--name", "Anime Studio").single().path("token").asText();
    String lab = client(admin, "party", "create", "--kind", "licensee", "--name", "Lab").single().path("id").asText();
    Path original = java.nio.file.Files.copy(
        org.kyodaku.testkit.SharedTestData.resolve("vpdq/tmk/sample-videos/doorknob-hd-no-bar.mp4"), dir.resolve("episode.mp4"));
    // Another encoding at half the size: other bytes, other pixels, the same pictures.
    Path reencoded = dir.resolve("episode-small.mp4");
    Process ffmpeg =
        new ProcessBuilder(
                "ffmpeg", "-v", "error", "-nostdin", "-i", original.toString(), "-vf", "scale=iw/2:-2",
                "-c:v", "mpeg4", "-q:v", "5", "-an", reencoded.toString())
            .redirectErrorStream(true)
            .start();
    String ffmpegOut = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ffmpeg.waitFor()).as(ffmpegOut).isZero();

    Run register = client(studio, "work", "register", "--kind", "video", "--title", "第1話", original.toString());
    assertThat(register.exit()).as(register.err()).isZero();
    String work = register.single().path("id").asText();
    client(studio, "grant", "create", "--licensee", lab, "--use", "train-ai", "--all");

    List<JsonNode> checks = client(admin, "check", "--licensee", lab, "--use", "train-ai", original.toString(), reencoded.toString()).lines();
    assertThat(checks.get(0).path("decision").asText()).isEqualTo("allow");
    assertThat(checks.get(0).path("evidence").findValuesAsText("algorithm")).containsExactly("sha256", "vpdq-v1");
    JsonNode copy = checks.get(1);
    assertThat(copy.path("decision").asText()).isEqualTo("deny");
    assertThat(copy.path("basis").asText()).isEqualTo("near-match");
    assertThat(copy.path("work").asText()).isEqualTo(work);
    assertThat(copy.at("/evidence/0/algorithm").asText()).isEqualTo("vpdq-v1");
    assertThat(copy.at("/evidence/0/registeredMatchPercent").asDouble()).isGreaterThanOrEqualTo(80.0);
    assertThat(copy.at("/evidence/0/queryMatchPercent").asDouble()).isGreaterThan(0.0);
    assertThat(copy.at("/evidence/0/distance").asInt()).isBetween(0, 31);
  }

  @Test
  void registerAndCheck_editedText_isFoundByItsTextCode() throws Exception {
    String author = client(admin, "party", "create", "--kind", "creator", "--name", "作家").single().path("token").asText();
    String lab = client(admin, "party", "create", "--kind", "licensee", "--name", "Lab").single().path("id").asText();
    StringBuilder novel = new StringBuilder();
    for (int i = 1; i <= 40; i++) {
      novel.append("第").append(i).append("章。吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。")
          .append("Chapter ").append(i).append(": the cat walked along the river at dusk, counting lanterns.\n");
    }
    Path original = file("novel.txt", novel.toString());
    Path edited = file("novel-edited.txt", novel.toString().replaceFirst("counting lanterns", "counting boats"));
    Path unrelated = file("other.txt", novel.toString().replace("猫", "犬").replace("cat", "dog").replace("river", "sea"));
    String work = client(author, "work", "register", "--title", "吾輩は猫である", original.toString()).single().path("id").asText();

    List<JsonNode> checks = client(admin, "check", "--licensee", lab, "--use", "train-ai", edited.toString(), unrelated.toString()).lines();
    // Found by resemblance (no grant exists, so the basis is no-grant rather than near-match).
    assertThat(checks.get(0).path("decision").asText()).isEqualTo("deny");
    assertThat(checks.get(0).path("basis").asText()).isEqualTo("no-grant");
    assertThat(checks.get(0).path("work").asText()).isEqualTo(work);
    assertThat(checks.get(0).at("/evidence/0/algorithm").asText()).isEqualTo("iscc-text-v0");
    assertThat(checks.get(0).at("/evidence/0/distance").asInt()).isLessThanOrEqualTo(8);
    assertThat(checks.get(1).path("basis").asText()).isEqualTo("unregistered");
  }

  @Test
  void serverError_japaneseLocale_leadsWithTheJapaneseTitle() {
    var japanese = new ApiClient(JSON, server.baseUrl(), java.util.Optional.of("kyo_unknown"), true);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> japanese.get("/me"))
        .isInstanceOf(CliException.class)
        .hasMessage("認証が必要です: the bearer token is unknown (HTTP 401)");
    var english = new ApiClient(JSON, server.baseUrl(), java.util.Optional.of("kyo_unknown"), false);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> english.get("/me"))
        .hasMessage("the bearer token is unknown (HTTP 401)");
  }

  @Test
  void hash_files_printsSha256PerFileOffline() throws Exception {
    Path abc = file("abc.txt", "abc");
    Run run = kyodaku("hash", "--json", abc.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.single().path("file").asText()).isEqualTo(abc.toString());
    assertThat(run.single().path("sha256").asText())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(kyodaku("hash", abc.toString()).out())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  " + abc + "\n");
  }

  @Test
  void hash_fileNamedJpegThatIsNotAnImage_saysInJapaneseWhatWasLeftOut() throws Exception {
    Path bad = file("broken.jpg", "x");
    Run japanese = kyodaku(Text.from(java.util.Map.of("LANG", "ja_JP.UTF-8")), "hash", bad.toString());
    Run english = kyodaku(Text.ENGLISH, "hash", bad.toString());

    assertThat(japanese.exit()).isZero();
    assertThat(japanese.err()).startsWith("kyodaku: 注意: 内容の指紋（PDQ、ISCC のコンテンツコード）を作れませんでした")
        .contains("broken.jpg");
    assertThat(japanese.out()).contains("broken.jpg");
    assertThat(english.err()).startsWith("kyodaku: note: ").contains("only sha256 and the ISCC data and instance codes");
  }

  @Test
  void version_namesTheJpegDecoderInTheRunsLanguage() throws Exception {
    Run english = kyodaku(Text.ENGLISH, "--version");
    Run japanese = kyodaku(Text.from(java.util.Map.of("LANG", "ja_JP.UTF-8")), "--version");

    assertThat(english.exit()).isZero();
    assertThat(english.out()).startsWith("kyodaku ").contains("JPEG decoder: ").contains("Java ");
    assertThat(japanese.out()).contains("JPEG デコーダ: ");
  }

  @Test
  void badUsage_exitsTwoWithOneErrorLine() throws Exception {
    Path f = file("u.png", "u");
    List<Run> runs =
        List.of(
            kyodaku("nonsense"),
            kyodaku("check", "--server", server.baseUrl(), "--token", admin, "--use", "train-ai", f.toString()),
            kyodaku("check", "--server", server.baseUrl(), "--token", admin, "--licensee", "p_x", "--use", "train", f.toString()),
            kyodaku("check", "--server", server.baseUrl(), "--token", admin, "--licensee", "p_x", "--use", "train-ai", "--at", "yesterday", f.toString()),
            kyodaku("grant", "create", "--server", server.baseUrl(), "--token", admin, "--licensee", "everyone", "--use", "search"),
            kyodaku("grant", "create", "--server", server.baseUrl(), "--token", admin, "--licensee", "everyone", "--use", "search", "--all", "--work", "w_x"),
            kyodaku("work", "list", "--server", server.baseUrl(), "--token", ""));
    for (Run run : runs) {
      assertThat(run.exit()).as(run.err()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().strip()).startsWith("kyodaku: error: ").doesNotContain("\n");
    }
    assertThat(runs.get(2).err()).contains("train-ai, train-genai, ai-use, search");
  }

  @Test
  void failures_exitOneWithOneErrorLine() throws Exception {
    Path f = file("f.png", "f");
    String creatorToken = client(admin, "party", "create", "--kind", "creator", "--name", "C").single().path("token").asText();
    List<Run> runs =
        List.of(
            client(creatorToken, "party", "create", "--kind", "creator", "--name", "not admin"),
            client(admin, "work", "show", "w_doesnotexist000000000"),
            client(creatorToken, "work", "register", "--title", "t", dir.resolve("missing.png").toString()),
            client("kyo_notarealtoken", "work", "list"),
            kyodaku("work", "list", "--server", "http://127.0.0.1:1", "--token", admin));
    for (Run run : runs) {
      assertThat(run.exit()).as(run.err()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().strip()).startsWith("kyodaku: error: ").doesNotContain("\n");
    }
    assertThat(runs.get(0).err()).contains("403");
    assertThat(runs.get(2).err()).contains("missing.png: no such file");
    assertThat(runs.get(4).err()).contains("cannot reach the Kyodaku server");
    // Nothing was registered by the failed registration.
    assertThat(client(creatorToken, "work", "list").lines()).isEmpty();
    assertThat(f).exists();
  }
}
