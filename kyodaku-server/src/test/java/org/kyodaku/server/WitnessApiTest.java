package org.kyodaku.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.registry.RegistryService;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.note.Note;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.registry.LogKeys;
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.log.witness.CosignatureStore;
import org.kyodaku.store.Database;
import org.kyodaku.store.JdbcRegistryStore;

/** Witness cosignatures over real HTTP: accepted, attached to the checkpoint, refused when forged. */
class WitnessApiTest {
  @TempDir Path dir;

  private static byte[] seed(int b) {
    byte[] s = new byte[32];
    s[31] = (byte) b;
    return s;
  }

  @Test
  void cosignature_byConfiguredWitness_isAttachedToTheServedCheckpoint() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(3));
    SignerKey witness = SignerKey.cosigner("witness.example/w1", seed(1), Clock.systemUTC());
    SignerKey stranger = SignerKey.cosigner("stranger.example/w", seed(2), Clock.systemUTC());
    CosignatureStore witnesses = CosignatureStore.open(
        dir.resolve("cosignatures"), key.name(), key.verifierKey(), List.of(witness.verifierKey()), Clock.systemUTC());
    try (Sequencer sequencer = Sequencer.open(dir.resolve("log"), SequencerConfig.of(key));
        JdbcRegistryStore store = new JdbcRegistryStore(Database.open(Database.embeddedUrl(dir.resolve("db")), 2))) {
      sequencer.append("one".getBytes()).get();
      RegistryService registry = new RegistryService(store, Clock.systemUTC(), new SecureRandom());
      try (KyodakuServer server = KyodakuServer.start(
          registry, new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY),
          Optional.of(new LogPublication(sequencer.directory(), key.verifierKey().vkey(), Optional.of(witnesses))))) {
        ApiClient api = new ApiClient(server.baseUrl());
        assertThat(api.get("/log/cosigned-checkpoint").status()).isEqualTo(404);
        String plain = api.get("/log/checkpoint").text();

        ApiClient.Reply refused = api.send("POST", "/log/cosignature",
            java.net.http.HttpRequest.BodyPublishers.ofString(Note.parse(plain).withSignatures(List.of(stranger)).format()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("no cosignature by a configured witness");

        String cosigned = Note.parse(plain).withSignatures(List.of(witness)).format();
        ApiClient.Reply accepted = api.send("POST", "/log/cosignature", java.net.http.HttpRequest.BodyPublishers.ofString(cosigned));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(accepted.text()).isEqualTo(cosigned);

        String served = api.get("/log/checkpoint").text();
        assertThat(served).isEqualTo(cosigned);
        CheckpointVerifier.forLog(key.verifierKey()).withWitnesses(List.of(witness.verifierKey()), 1).verify(served);
        assertThat(api.get("/log/cosigned-checkpoint").text()).isEqualTo(cosigned);

        // The log moves on: the new checkpoint has no cosignature yet, the cosigned one stays.
        sequencer.append("two".getBytes()).get();
        assertThat(api.get("/log/checkpoint").text()).doesNotContain("witness.example");
        assertThat(api.get("/log/cosigned-checkpoint").text()).isEqualTo(cosigned);

        ApiClient.Reply forged = api.send("POST", "/log/cosignature",
            java.net.http.HttpRequest.BodyPublishers.ofString(cosigned.replace("\n1\n", "\n2\n")));
        assertThat(forged.status()).isEqualTo(403);
      }
      try (KyodakuServer plainServer = KyodakuServer.start(
          registry(store), new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_BODY),
          Optional.of(new LogPublication(sequencer.directory(), key.verifierKey().vkey())))) {
        ApiClient.Reply none = new ApiClient(plainServer.baseUrl()).send("POST", "/log/cosignature",
            java.net.http.HttpRequest.BodyPublishers.ofString("x"));
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.text()).contains("no witnesses configured");
      }
    }
  }

  private static RegistryService registry(JdbcRegistryStore store) {
    return new RegistryService(store, Clock.systemUTC(), new SecureRandom());
  }
}
