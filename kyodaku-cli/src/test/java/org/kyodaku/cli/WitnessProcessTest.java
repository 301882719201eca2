package org.kyodaku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.checkpoint.VerifiedCheckpoint;
import org.kyodaku.log.note.VerifierKey;

/**
 * {@code kyodaku witness serve} and {@code kyodaku serve --witness KEY --witness-url URL} as the
 * separate processes an operator runs: acts registered on the registry end up in a checkpoint the
 * witness cosigned, and a restarted witness still holds the size it cosigned.
 */
class WitnessProcessTest {
  @TempDir Path dir;

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void registryWithWitnessUrl_getsItsActsCosignedByTheWitnessProcess() throws Exception {
    var keygen = CliContractTest.kyodaku("witness", "keygen", "--name", "witness.example/w1", "--out", dir.resolve("w1.key").toString());
    assertThat(keygen.exit()).as(keygen.err()).isZero();
    String witnessKey = keygen.out().strip();

    // The registry first, to learn its log key; the witness then; the registry again, pointed at it.
    ServeProcessTest.Served first = ServeProcessTest.launch(dir, "serve", "--port", "0", "--data", "data");
    String logKey = get(first.url() + "/log/key").body().strip();
    ServeProcessTest.killHard(first);

    ServeProcessTest.Served witness = ServeProcessTest.launch(
        dir, "witness", "serve", "--port", "0", "--data", "witness-data", "--key", "w1.key", "--log-key", logKey);
    ServeProcessTest.Served registry = null;
    try {
      assertThat(witness.startup()).contains("witnessing localhost/kyodaku: no checkpoint yet");
      registry = ServeProcessTest.launch(
          dir, "serve", "--port", "0", "--data", "data", "--witness", witnessKey, "--witness-url", witness.url());
      String admin = Files.readString(dir.resolve("data/admin.token")).strip();
      for (String name : List.of("北斎", "広重")) {
        var made = CliContractTest.kyodaku("party", "create", "--kind", "creator", "--name", name,
            "--server", registry.url(), "--token", admin, "--json");
        assertThat(made.exit()).as(made.err()).isZero();
      }
      long size = CliContractTest.kyodaku("log", "checkpoint", "--json", "--server", registry.url()).single().path("size").asLong();

      CheckpointVerifier verifier = CheckpointVerifier.forLog(VerifierKey.parse(logKey))
          .withWitnesses(List.of(VerifierKey.parse(witnessKey)), 1);
      VerifiedCheckpoint cosigned = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        HttpResponse<String> r = get(registry.url() + "/log/cosigned-checkpoint");
        if (r.statusCode() == 200 && verifier.verify(r.body()).checkpoint().size() == size) {
          cosigned = verifier.verify(r.body());
          break;
        }
        Thread.sleep(100);
      }
      assertThat(cosigned).as("a checkpoint of size " + size + " cosigned by the witness").isNotNull();
      assertThat(cosigned.cosignatures()).hasSize(1);
    } finally {
      if (registry != null) {
        ServeProcessTest.killHard(registry);
      }
      ServeProcessTest.killHard(witness);
    }
    // Killed without a shutdown, the witness still knows what it cosigned.
    ServeProcessTest.Served again = ServeProcessTest.launch(
        dir, "witness", "serve", "--port", "0", "--data", "witness-data", "--key", "w1.key", "--log-key", logKey);
    try {
      assertThat(again.startup()).containsPattern("witnessing localhost/kyodaku: holds size [1-9][0-9]*");
    } finally {
      ServeProcessTest.killHard(again);
    }
  }
}
