package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.testkit.PostgresTestServer;

/**
 * {@code kyodaku serve} as a separate process, the way users run it: first start writes the admin
 * token, a killed server (SIGKILL, no shutdown) loses nothing it acknowledged, and {@code --db}
 * runs the same registry on PostgreSQL.
 */
class ServeProcessTest {
  private static final Pattern LISTENING = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)");

  @TempDir Path dir;

  /** A started process, its URL, and what it printed until it said so. */
  record Served(Process process, String url, String startup) {}

  private Served serve(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("serve", "--port", "0"));
    args.addAll(List.of(extra));
    return launch(dir, args.toArray(String[]::new));
  }

  /** Runs {@code kyodaku args} as a process in {@code dir} until it says where it is listening. */
  static Served launch(Path dir, String... args) throws Exception {
    Process p = CliProcess.builder(dir, "C", args).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (line.contains("listening") && m.find()) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
        drain.setDaemon(true);
        drain.start();
        return new Served(p, m.group(1), seen.toString());
      }
    }
    p.destroyForcibly();
    throw new AssertionError("server did not start:\n" + seen);
  }

  private static int health(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static CliContractTest.Run client(String url, String token, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server", url, "--token", token, "--json"));
    return CliContractTest.kyodaku(all.toArray(String[]::new));
  }

  static void killHard(Served s) throws Exception {
    s.process().destroyForcibly();
    assertThat(s.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void serve_killedAndRestarted_losesNothingAcknowledged() throws Exception {
    Served first = serve("--data", "data");
    Path tokenFile = dir.resolve("data/admin.token");
    assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String admin = Files.readString(tokenFile).strip();
    assertThat(health(first.url())).isEqualTo(200);

    String creator = client(first.url(), admin, "party", "create", "--kind", "creator", "--name", "北斎").single().path("token").asText();
    String lab = client(first.url(), admin, "party", "create", "--kind", "licensee", "--name", "Lab").single().path("id").asText();
    Path art = Files.writeString(dir.resolve("wave.png"), "great wave");
    String work = client(first.url(), creator, "work", "register", "--title", "神奈川沖浪裏", art.toString()).single().path("id").asText();
    String grant = client(first.url(), creator, "grant", "create", "--licensee", lab, "--use", "train-ai", "--work", work).single().path("id").asText();

    // Every act is in the transparency log: admin, creator, licensee, the work, the grant, each
    // followed by the map-root entry that seals its batch.
    var checkpoint = CliContractTest.kyodaku("log", "checkpoint", "--json", "--server", first.url());
    assertThat(checkpoint.exit()).isZero();
    assertThat(checkpoint.single().path("size").asLong()).isEqualTo(10);
    Path saved = Files.writeString(dir.resolve("checkpoint.txt"), checkpoint.single().path("checkpoint").asText());
    String key = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(first.url() + "/log/key")).build(), HttpResponse.BodyHandlers.ofString())
        .body().strip();
    killHard(first);

    Served second = serve("--data", "data");
    try {
      assertThat(Files.readString(tokenFile).strip()).isEqualTo(admin);
      var check = client(second.url(), admin, "check", "--licensee", lab, "--use", "train-ai", art.toString()).single();
      assertThat(check.path("decision").asText()).isEqualTo("allow");
      assertThat(check.path("work").asText()).isEqualTo(work);
      assertThat(check.path("grant").asText()).isEqualTo(grant);

      // A receipt for the decision, verified offline with the log key alone; altered, refused.
      Path receipts = dir.resolve("receipts");
      var withReceipt = client(second.url(), admin, "check", "--licensee", lab, "--use", "train-ai", "--receipt-dir", receipts.toString(), art.toString());
      assertThat(withReceipt.exit()).as(withReceipt.err()).isZero();
      Path receipt = receipts.resolve("wave.png.receipt.json");
      var good = CliContractTest.kyodaku("receipt", "verify", receipt.toString(), "--key", key);
      assertThat(good.exit()).as(good.err()).isZero();
      assertThat(good.out()).contains("verified: allow (grant), 2 log entries");
      // Another licensee id: change its last character to one it does not already have (an id
      // ending in "x" made this a no-op once in 32 runs).
      String otherLab = lab.substring(0, lab.length() - 1) + (lab.endsWith("x") ? "y" : "x");
      Path altered = Files.writeString(dir.resolve("altered.json"), Files.readString(receipt).replace(lab, otherLab));
      var bad = CliContractTest.kyodaku("receipt", "verify", altered.toString(), "--key", key);
      assertThat(bad.exit()).isEqualTo(1);
      assertThat(bad.err()).contains("receipt not verified");

      // After the kill, the log only grew from what was published before it.
      client(second.url(), creator, "work", "register", "--title", "二作目", Files.writeString(dir.resolve("b.png"), "b").toString());
      var verified = CliContractTest.kyodaku("log", "verify", "--json", "--server", second.url(), "--checkpoint", saved.toString(), "--key", key);
      assertThat(verified.exit()).as(verified.err()).isZero();
      assertThat(verified.single().path("from").asLong()).isEqualTo(10);
      assertThat(verified.single().path("to").asLong()).isEqualTo(12);

      // A checkpoint whose root was altered is refused.
      String text = Files.readString(saved);
      String[] lines = text.split("\n", -1);
      lines[2] = lines[2].startsWith("A") ? "B" + lines[2].substring(1) : "A" + lines[2].substring(1);
      Path forged = Files.writeString(dir.resolve("forged.txt"), String.join("\n", lines));
      var refused = CliContractTest.kyodaku("log", "verify", "--server", second.url(), "--checkpoint", forged.toString(), "--key", key);
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("not verified");
    } finally {
      killHard(second);
    }
  }

  @Test
  void serve_withPostgresDb_runsTheSameRegistry() throws Exception {
    String url = PostgresTestServer.shared().newDatabase();
    Served s = serve("--data", "pgdata", "--db", url);
    try {
      String admin = Files.readString(dir.resolve("pgdata/admin.token")).strip();
      assertThat(health(s.url())).isEqualTo(200);
      String creator = client(s.url(), admin, "party", "create", "--kind", "rights-holder", "--name", "Studio").single().path("token").asText();
      Path art = Files.writeString(dir.resolve("a.png"), "a");
      assertThat(client(s.url(), creator, "work", "register", "--title", "A", art.toString()).exit()).isZero();
      assertThat(client(s.url(), creator, "work", "list").lines()).hasSize(1);
    } finally {
      killHard(s);
    }
  }

  @Test
  void serve_unsupportedDbUrl_exitsOneWithMessage() throws Exception {
    Process p = CliProcess.builder(dir, "C", "serve", "--port", "0", "--data", "d", "--db", "jdbc:mysql://localhost/x")
        .redirectErrorStream(true)
        .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(output).contains("unsupported database URL");
  }
}
