package org.kyodaku.log.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Party;
import org.kyodaku.core.model.PartyKind;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.ConsentLog;
import org.kyodaku.core.registry.RegistryException;
import org.kyodaku.log.entry.EntryParser;
import org.kyodaku.log.entry.EntryVerifier;
import org.kyodaku.log.entry.SignedEntry;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.sequencer.Sequencer;
import org.kyodaku.log.sequencer.SequencerConfig;
import org.kyodaku.log.tiles.EntryBundle;
import org.kyodaku.log.tiles.TilePaths;

class LogRecorderTest {
  static final Instant T = Instant.parse("2026-04-01T00:00:00.123456Z");

  @TempDir Path dir;

  @Test
  void append_everyActType_entriesReadBackVerifiedAndInOrder() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(1));
    assertThat(Files.getPosixFilePermissions(dir.resolve("log.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(LogKeys.loadOrCreate(dir.resolve("log.key"), "ignored", new Random(2)).keyId()).isEqualTo(key.keyId());
    Party creator = new Party("p_creator00001", PartyKind.CREATOR, "山田 花子", T);
    Work work = new Work("w_work000000001", "ピカピカの冒険", WorkKind.IMAGE, creator.id(), T.plusSeconds(1));
    Asset asset = new Asset(Optional.of("secret-file-name.png"),
        List.of(Fingerprint.sha256("a".repeat(64)), new Fingerprint(Fingerprint.PDQ, "b".repeat(64))));
    Grant grant = new Grant("g_grant00000001", creator.id(), Optional.empty(), EnumSet.of(Use.TRAIN_AI, Use.SEARCH),
        false, Set.of(work.id()), T.plusSeconds(2), Optional.of(T.plusSeconds(100)), Set.of("JP"),
        Optional.of("https://example.jp/terms"), T.plusSeconds(2), Optional.empty());
    Revocation revocation = new Revocation(T.plusSeconds(3), creator.id(), Optional.of("契約終了"));

    try (Sequencer sequencer = Sequencer.open(dir.resolve("log"), SequencerConfig.of(key))) {
      LogRecorder recorder = new LogRecorder(sequencer, key);
      assertThat(recorder.append(new ConsentLog.PartyCreated("registry", creator))).isEqualTo(0);
      assertThat(recorder.append(new ConsentLog.WorkRegistered(work, List.of(asset)))).isEqualTo(1);
      assertThat(recorder.append(new ConsentLog.GrantIssued(grant))).isEqualTo(2);
      assertThat(recorder.append(new ConsentLog.GrantRevoked(grant.id(), revocation))).isEqualTo(3);
      assertThat(sequencer.size()).isEqualTo(4);

      EntryBundle bundle = EntryBundle.parse(sequencer.reader().read(TilePaths.entryBundleFor(0, 4)));
      EntryVerifier verifier = EntryVerifier.of(key.verifierKey(), party -> Optional.empty());
      List<SignedEntry> entries = bundle.entries().stream().map(EntryParser::parse).toList();
      entries.forEach(verifier::verify);
      assertThat(entries).extracting(e -> e.entry().type()).containsExactly("party", "work", "grant", "revocation");
      assertThat(entries.get(0).entry().author()).isEqualTo("registry");
      assertThat(entries.get(0).entry().body()).containsEntry("name", "山田 花子").doesNotContainKey("token");
      String workJson = new String(bundle.entry(1), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(workJson).contains("pdq-v1").doesNotContain("secret-file-name");
      Map<String, Object> g = entries.get(2).entry().body();
      assertThat(g).containsEntry("licensee", "everyone").containsEntry("uses", List.of("search", "train-ai"))
          .containsEntry("territories", List.of("JP")).containsEntry("validUntil", T.plusSeconds(100).toString());
      assertThat(entries.get(3).entry().body()).containsEntry("grant", grant.id()).containsEntry("reason", "契約終了");
    }
  }

  @Test
  void append_workWithVideo_entryCommitsToItsFramesAndVerifies() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(1));
    Work work = new Work("w_work000000002", "短編アニメ", WorkKind.VIDEO, "p_creator00001", T);
    FrameHashes frames =
        new FrameHashes(
            FrameHashes.VPDQ,
            25,
            List.of(new FrameHashes.Frame(0, 100, "1".repeat(64)), new FrameHashes.Frame(25, 90, "2".repeat(64))));
    Asset video = new Asset(Optional.empty(), List.of(Fingerprint.sha256("c".repeat(64))), Optional.of(frames));
    Asset still = new Asset(Optional.empty(), List.of(Fingerprint.sha256("d".repeat(64))));

    try (Sequencer sequencer = Sequencer.open(dir.resolve("log"), SequencerConfig.of(key))) {
      new LogRecorder(sequencer, key).append(new ConsentLog.WorkRegistered(work, List.of(video, still)));
      SignedEntry entry =
          EntryParser.parse(EntryBundle.parse(sequencer.reader().read(TilePaths.entryBundleFor(0, 1))).entry(0));
      EntryVerifier.of(key.verifierKey(), party -> Optional.empty()).verify(entry);

      @SuppressWarnings("unchecked")
      List<Map<String, Object>> assets = (List<Map<String, Object>>) entry.entry().body().get("assets");
      assertThat(assets.get(0))
          .containsEntry(
              "framesDigest", Map.of("alg", FrameHashes.DIGEST_V1, "count", 2L, "value", frames.digest()));
      // A still asset has no frames to commit to: its entry reads as before the member existed.
      assertThat(assets.get(1)).containsOnlyKeys("fingerprints");
      FrameHashes altered =
          new FrameHashes(
              FrameHashes.VPDQ,
              25,
              List.of(new FrameHashes.Frame(0, 100, "1".repeat(64)), new FrameHashes.Frame(25, 90, "3".repeat(64))));
      assertThat(altered.digest()).isNotEqualTo(frames.digest());
      assertThat(EntryFacts.assets(entry)).extracting(Asset::fingerprints)
          .containsExactly(video.fingerprints(), still.fingerprints());
    }
  }

  @Test
  void append_closedLog_failsUnavailable() throws Exception {
    SignerKey key = LogKeys.loadOrCreate(dir.resolve("log.key"), "kyodaku.test/log", new Random(1));
    Sequencer sequencer = Sequencer.open(dir.resolve("log"), SequencerConfig.of(key));
    sequencer.close();
    LogRecorder recorder = new LogRecorder(sequencer, key);
    Party p = new Party("p_creator00001", PartyKind.CREATOR, "x", T);
    assertThatThrownBy(() -> recorder.append(new ConsentLog.PartyCreated("registry", p)))
        .isInstanceOf(RegistryException.class)
        .satisfies(e -> assertThat(((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.UNAVAILABLE));
  }
}
