package org.kyodaku.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.note.Note;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.witness.AddCheckpointRequest;
import org.kyodaku.log.witness.Witness;

/** The witness's add-checkpoint over real HTTP: each status of c2sp.org/tlog-witness. */
class WitnessServerTest {
  @TempDir Path dir;

  private final SignerKey log = SignerKey.ed25519("kyodaku.test/log", seed(1));
  private final SignerKey cosigner = SignerKey.cosigner("witness.example/w1", seed(2), Clock.systemUTC());
  private final MerkleTree tree = MerkleTree.ofEntries(entries("a"));
  private WitnessServer server;
  private ApiClient http;

  private static byte[] seed(int b) {
    byte[] s = new byte[32];
    s[0] = (byte) b;
    return s;
  }

  private static List<byte[]> entries(String tag) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      out.add((tag + i).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  @BeforeEach
  void start() {
    server = WitnessServer.start(
        Witness.open(dir, cosigner, List.of(log.verifierKey())), new ServerConfig("127.0.0.1", 0, WitnessServer.MAX_BODY));
    http = new ApiClient(server.baseUrl());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String checkpoint(SignerKey by, MerkleTree t, long size) {
    return Note.sign(Checkpoint.of(by.name(), size, t.root(size)).text(), List.of(by)).format();
  }

  private ApiClient.Reply post(String body) {
    return http.send("POST", "/add-checkpoint", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  private ApiClient.Reply add(long old, MerkleTree t, long size) {
    var proof = old == 0 || old == size ? List.<org.kyodaku.log.merkle.Hash>of() : t.consistencyProof(old, size).hashes();
    return post(new AddCheckpointRequest(old, proof, checkpoint(log, t, size)).format());
  }

  @Test
  void addCheckpoint_consistentCheckpoints_answerCosignatureLines() {
    ApiClient.Reply first = add(0, tree, 10);
    assertThat(first.status()).as(first.text()).isEqualTo(200);
    assertThat(first.text()).startsWith("\u2014 witness.example/w1 ").endsWith("\n");
    CheckpointVerifier.forLog(log.verifierKey())
        .withWitnesses(List.of(cosigner.verifierKey()), 1)
        .verify(checkpoint(log, tree, 10) + first.text());
    assertThat(add(10, tree, 25).status()).isEqualTo(200);
  }

  @Test
  void addCheckpoint_staleOldSize_is409WithTheWitnessSizeAsTlogSize() {
    assertThat(add(0, tree, 10).status()).isEqualTo(200);
    ApiClient.Reply r = add(0, tree, 20);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.contentType()).startsWith("text/x.tlog.size");
    assertThat(r.text()).isEqualTo("10\n");
    // Retrying from that size succeeds, as a client does.
    assertThat(add(10, tree, 20).status()).isEqualTo(200);
  }

  @Test
  void addCheckpoint_refusals_haveTheSpecsStatuses() {
    assertThat(add(0, tree, 10).status()).isEqualTo(200);
    // 403: the origin is known but no signature by its key verifies.
    SignerKey impostor = SignerKey.ed25519("kyodaku.test/log", seed(9));
    ApiClient.Reply forged = post(new AddCheckpointRequest(10, List.of(), checkpoint(impostor, tree, 10)).format());
    assertThat(forged.status()).as(forged.text()).isEqualTo(403);
    assertThat(forged.json().path("detail").asText()).contains("not signed by the key of kyodaku.test/log");
    // 404: an origin the witness does not know.
    SignerKey stranger = SignerKey.ed25519("stranger.example/log", seed(8));
    assertThat(post(new AddCheckpointRequest(0, List.of(), checkpoint(stranger, tree, 3)).format()).status()).isEqualTo(404);
    // 422: a proof that does not lead from the held tree to a forked one.
    MerkleTree fork = MerkleTree.ofEntries(entries("b"));
    ApiClient.Reply bad = post(new AddCheckpointRequest(10, tree.consistencyProof(10, 30).hashes(), checkpoint(log, fork, 30)).format());
    assertThat(bad.status()).as(bad.text()).isEqualTo(422);
    assertThat(bad.json().path("detail").asText()).contains("does not verify");
    // 409 without a size: another root for the size it holds.
    ApiClient.Reply conflict = post(new AddCheckpointRequest(10, List.of(), checkpoint(log, fork, 10)).format());
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.contentType()).startsWith("application/problem+json");
    assertThat(conflict.json().path("detail").asText()).contains("the log forked");
    // 400: malformed, or an old size above the checkpoint's.
    ApiClient.Reply malformed = post("old 010\n\n" + checkpoint(log, tree, 12));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("detail").asText()).contains("line 1 must be \"old <size>\"");
    assertThat(post(new AddCheckpointRequest(11, List.of(), checkpoint(log, tree, 10)).format()).status()).isEqualTo(400);
    // 413: over the cap, also when chunked.
    ApiClient.Reply large = post("old 0\n\n" + "x".repeat(WitnessServer.MAX_BODY));
    assertThat(large.status()).isEqualTo(413);
    byte[] chunked = ("old 0\n\n" + "x".repeat(WitnessServer.MAX_BODY)).getBytes(StandardCharsets.UTF_8);
    assertThat(http.send("POST", "/add-checkpoint", HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunked))).status())
        .isEqualTo(413);
    // After all that, the witness still holds size 10 and goes on from it.
    assertThat(add(10, tree, 12).status()).isEqualTo(200);
  }
}
