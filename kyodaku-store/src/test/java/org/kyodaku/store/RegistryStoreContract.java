package org.kyodaku.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.kyodaku.core.registry.Credential;
import org.kyodaku.core.registry.Page;
import org.kyodaku.core.registry.RegistryException;
import org.kyodaku.core.registry.RegistryStore;

/**
 * What every store must do, run once against the embedded store and once against a real
 * PostgreSQL server.
 */
abstract class RegistryStoreContract {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");
  static final String SHA_A = "a".repeat(64);
  static final String SHA_B = "b".repeat(64);

  JdbcRegistryStore store;

  /** A fresh, migrated database's URL. */
  abstract String newDatabaseUrl();

  /** The URL of the database most recently created, to reopen it. */
  abstract String currentUrl();

  @BeforeEach
  void open() {
    store = new JdbcRegistryStore(Database.open(newDatabaseUrl(), 4));
  }

  @AfterEach
  void close() {
    store.close();
  }

  Party party(String id, PartyKind kind, String name) {
    Party p = new Party(id, kind, name, T0);
    store.createParty(p, new Credential(hash(id), id, T0, Optional.empty()));
    return p;
  }

  static String hash(String id) {
    return org.kyodaku.core.registry.Tokens.hash(id);
  }

  Work work(String id, String owner, String... shas) {
    Work w = new Work(id, "作品 " + id, WorkKind.IMAGE, owner, T0);
    store.createWork(w, java.util.Arrays.stream(shas).map(s -> Asset.ofSha256(Optional.of(s.substring(0, 4) + ".png"), s)).toList());
    return w;
  }

  Grant grant(String id, String grantor, Optional<String> licensee, boolean all, Set<String> works) {
    return new Grant(
        id, grantor, licensee, EnumSet.of(Use.TRAIN_AI, Use.SEARCH), all, works, T0,
        Optional.of(T0.plusSeconds(3600)), Set.of("JP", "FR"), Optional.of("https://example.org/terms"),
        T0, Optional.empty());
  }

  @Test
  void createParty_japaneseName_roundTripsWithCredential() {
    party("p_creator0001", PartyKind.CREATOR, "山田 花子");
    assertThat(store.findParty("p_creator0001"))
        .contains(new Party("p_creator0001", PartyKind.CREATOR, "山田 花子", T0));
    assertThat(store.findCredential(hash("p_creator0001")))
        .contains(new Credential(hash("p_creator0001"), "p_creator0001", T0, Optional.empty()));
    assertThat(store.findCredential(hash("nobody"))).isEmpty();
    assertThat(store.hasAdmin()).isFalse();
    party("p_admin00001", PartyKind.ADMIN, "admin");
    assertThat(store.hasAdmin()).isTrue();
  }

  @Test
  void listParties_pages_inIdOrder() {
    for (int i = 0; i < 5; i++) {
      party("p_party000" + i, PartyKind.LICENSEE, "L" + i);
    }
    List<Party> first = store.listParties(new Page("", 2));
    assertThat(first).extracting(Party::id).containsExactly("p_party0000", "p_party0001");
    assertThat(store.listParties(new Page("p_party0001", 10)))
        .extracting(Party::id)
        .containsExactly("p_party0002", "p_party0003", "p_party0004");
  }

  @Test
  void createWork_assets_roundTripAndMatchByFingerprint() {
    party("p_owner00001", PartyKind.RIGHTS_HOLDER, "Studio");
    Work w = work("w_work0000001", "p_owner00001", SHA_A, SHA_B);
    assertThat(store.findWork(w.id())).contains(w);
    assertThat(store.assetsOf(w.id()))
        .containsExactly(
            Asset.ofSha256(Optional.of("aaaa.png"), SHA_A), Asset.ofSha256(Optional.of("bbbb.png"), SHA_B));
    var found = store.worksByFingerprint(List.of(Fingerprint.sha256(SHA_A), Fingerprint.sha256("c".repeat(64))));
    assertThat(found).containsOnlyKeys(Fingerprint.sha256(SHA_A));
    assertThat(found.get(Fingerprint.sha256(SHA_A))).containsExactly(w);
  }

  static FrameHashes frames(int count, int salt) {
    List<FrameHashes.Frame> frames = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      frames.add(new FrameHashes.Frame(i * 30, 40 + (i % 61), String.format("%064x", (long) salt * 1_000_003L + i)));
    }
    return new FrameHashes(FrameHashes.VPDQ, 29.97, frames);
  }

  @Test
  void createWork_videoFrames_roundTripAndListedForTheMatcher() {
    party("p_owner00001", PartyKind.RIGHTS_HOLDER, "Studio");
    Work w = new Work("w_work0000001", "動画", WorkKind.VIDEO, "p_owner00001", T0);
    Asset video = new Asset(Optional.of("clip.mp4"), List.of(Fingerprint.sha256(SHA_A)), Optional.of(frames(1500, 1)));
    Asset still = Asset.ofSha256(Optional.of("still.png"), SHA_B);
    Asset second = new Asset(Optional.empty(), List.of(Fingerprint.sha256("c".repeat(64))), Optional.of(frames(3, 2)));
    store.createWork(w, List.of(video, still, second));

    assertThat(store.assetsOf(w.id())).containsExactly(video, still, second);
    List<RegistryStore.StoredVideo> listed = new java.util.ArrayList<>();
    store.forEachVideo(listed::add);
    assertThat(listed)
        .containsExactlyInAnyOrder(
            new RegistryStore.StoredVideo(w.id(), 0, frames(1500, 1)),
            new RegistryStore.StoredVideo(w.id(), 2, frames(3, 2)));
  }

  @Test
  void createWork_videoOfUnknownOwner_writesNoFrames() {
    Work w = new Work("w_work0000001", "動画", WorkKind.VIDEO, "p_nobody0001", T0);
    Asset video = new Asset(Optional.empty(), List.of(Fingerprint.sha256(SHA_A)), Optional.of(frames(5, 1)));
    assertThatThrownBy(() -> store.createWork(w, List.of(video))).isInstanceOf(RegistryException.class);
    List<RegistryStore.StoredVideo> listed = new java.util.ArrayList<>();
    store.forEachVideo(listed::add);
    assertThat(listed).isEmpty();
  }

  @Test
  void worksByFingerprint_sameContentTwoOwners_returnsBoth() {
    party("p_owner00001", PartyKind.RIGHTS_HOLDER, "Studio A");
    party("p_owner00002", PartyKind.CREATOR, "Creator B");
    Work a = work("w_work0000001", "p_owner00001", SHA_A);
    Work b = work("w_work0000002", "p_owner00002", SHA_A);
    assertThat(store.worksByFingerprint(List.of(Fingerprint.sha256(SHA_A))).get(Fingerprint.sha256(SHA_A)))
        .containsExactlyInAnyOrder(a, b);
  }

  @Test
  void worksByFingerprint_moreThanOneChunk_findsAll() {
    party("p_owner00001", PartyKind.RIGHTS_HOLDER, "Studio");
    List<String> shas = new java.util.ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      shas.add(String.format("%064x", i));
    }
    work("w_work0000001", "p_owner00001", shas.toArray(String[]::new));
    var found = store.worksByFingerprint(shas.stream().map(Fingerprint::sha256).toList());
    assertThat(found).hasSize(1200);
  }

  @Test
  void forEachIndexedFingerprint_andCount_splitAtARegistrationInstant() {
    party("p_owner00001", PartyKind.RIGHTS_HOLDER, "Studio");
    String pdq1 = "1".repeat(64);
    String pdq2 = "2".repeat(64);
    Work early = new Work("w_work0000001", "early", WorkKind.IMAGE, "p_owner00001", T0);
    Work late = new Work("w_work0000002", "late", WorkKind.IMAGE, "p_owner00001", T0.plusSeconds(10));
    store.createWork(early, List.of(new Asset(Optional.empty(), List.of(Fingerprint.sha256(SHA_A), new Fingerprint(Fingerprint.PDQ, pdq1)))));
    store.createWork(late, List.of(new Asset(Optional.empty(), List.of(Fingerprint.sha256(SHA_B), new Fingerprint(Fingerprint.PDQ, pdq2)))));

    List<RegistryStore.IndexedFingerprint> all = new java.util.ArrayList<>();
    store.forEachIndexedFingerprint(Fingerprint.PDQ, Optional.empty(), all::add);
    List<RegistryStore.IndexedFingerprint> after = new java.util.ArrayList<>();
    store.forEachIndexedFingerprint(Fingerprint.PDQ, Optional.of(T0), after::add);

    assertThat(all)
        .containsExactlyInAnyOrder(
            new RegistryStore.IndexedFingerprint(early.id(), T0, pdq1),
            new RegistryStore.IndexedFingerprint(late.id(), late.registeredAt(), pdq2));
    assertThat(after).containsExactly(new RegistryStore.IndexedFingerprint(late.id(), late.registeredAt(), pdq2));
    assertThat(store.countFingerprints(Fingerprint.PDQ, T0.minusNanos(1000))).isZero();
    assertThat(store.countFingerprints(Fingerprint.PDQ, T0)).isEqualTo(1);
    assertThat(store.countFingerprints(Fingerprint.PDQ, T0.plusSeconds(10))).isEqualTo(2);
    assertThat(store.countFingerprints(Fingerprint.SHA256, T0.plusSeconds(10))).isEqualTo(2);
  }

  @Test
  void forEachIndexedFrame_andCountFrames_splitAtARegistrationInstant() {
    party("p_owner00001", PartyKind.RIGHTS_HOLDER, "Studio");
    Work early = new Work("w_work0000001", "early", WorkKind.VIDEO, "p_owner00001", T0);
    Work late = new Work("w_work0000002", "late", WorkKind.VIDEO, "p_owner00001", T0.plusSeconds(10));
    store.createWork(early, List.of(
        Asset.ofSha256(Optional.empty(), SHA_A),
        new Asset(Optional.empty(), List.of(Fingerprint.sha256(SHA_B)), Optional.of(frames(3, 1)))));
    store.createWork(late, List.of(
        new Asset(Optional.empty(), List.of(Fingerprint.sha256("c".repeat(64))), Optional.of(frames(2, 2)))));

    List<RegistryStore.IndexedFrame> all = new java.util.ArrayList<>();
    store.forEachIndexedFrame(Optional.empty(), all::add);
    List<RegistryStore.IndexedFrame> after = new java.util.ArrayList<>();
    store.forEachIndexedFrame(Optional.of(T0), after::add);

    List<RegistryStore.IndexedFrame> lateFrames =
        frames(2, 2).frames().stream()
            .map(f -> new RegistryStore.IndexedFrame(late.id(), 0, late.registeredAt(), f.pdq()))
            .toList();
    List<RegistryStore.IndexedFrame> expected = new java.util.ArrayList<>(lateFrames);
    frames(3, 1).frames().forEach(f -> expected.add(new RegistryStore.IndexedFrame(early.id(), 1, T0, f.pdq())));
    assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(after).containsExactlyInAnyOrderElementsOf(lateFrames);
    assertThat(store.countFrames(T0.minusNanos(1000))).isZero();
    assertThat(store.countFrames(T0)).isEqualTo(3);
    assertThat(store.countFrames(T0.plusSeconds(10))).isEqualTo(5);
  }

  @Test
  void createWork_unknownOwner_failsAndWritesNothing() {
    assertThatThrownBy(() -> work("w_work0000001", "p_nobody0001", SHA_A))
        .isInstanceOf(RegistryException.class)
        .extracting(e -> ((RegistryException) e).kind())
        .isEqualTo(RegistryException.Kind.UNAVAILABLE);
    assertThat(store.findWork("w_work0000001")).isEmpty();
    assertThat(store.worksByFingerprint(List.of(Fingerprint.sha256(SHA_A)))).isEmpty();
  }

  @Test
  void createGrant_roundTrips_andListsByParty() {
    party("p_owner00001", PartyKind.RIGHTS_HOLDER, "Studio");
    party("p_licensee01", PartyKind.LICENSEE, "AI Lab");
    party("p_licensee02", PartyKind.LICENSEE, "Other Lab");
    work("w_work0000001", "p_owner00001", SHA_A);
    Grant g1 = grant("g_grant000001", "p_owner00001", Optional.of("p_licensee01"), false, Set.of("w_work0000001"));
    Grant g2 = grant("g_grant000002", "p_owner00001", Optional.empty(), true, Set.of());
    Grant g3 = grant("g_grant000003", "p_owner00001", Optional.of("p_licensee02"), true, Set.of());
    store.createGrant(g1);
    store.createGrant(g2);
    store.createGrant(g3);
    assertThat(store.findGrant("g_grant000001")).contains(g1);
    assertThat(store.findGrant("g_grant000002")).contains(g2);
    assertThat(store.grantsFrom(List.of("p_owner00001"), "p_licensee01")).containsExactlyInAnyOrder(g1, g2);
    assertThat(store.listGrants(Optional.of("p_licensee01"), Page.FIRST)).containsExactly(g1, g2);
    assertThat(store.listGrants(Optional.of("p_owner00001"), Page.FIRST)).containsExactly(g1, g2, g3);
    assertThat(store.listGrants(Optional.empty(), new Page("g_grant000001", 1))).containsExactly(g2);
  }

  @Test
  void createGrant_unknownWork_failsAndWritesNothing() {
    party("p_owner00001", PartyKind.RIGHTS_HOLDER, "Studio");
    Grant g = grant("g_grant000001", "p_owner00001", Optional.empty(), false, Set.of("w_missing0001"));
    assertThatThrownBy(() -> store.createGrant(g)).isInstanceOf(RegistryException.class);
    assertThat(store.findGrant("g_grant000001")).isEmpty();
  }

  @Test
  void revokeGrant_twice_secondReturnsFalseAndKeepsFirst() {
    party("p_owner00001", PartyKind.RIGHTS_HOLDER, "Studio");
    Grant g = grant("g_grant000001", "p_owner00001", Optional.empty(), true, Set.of());
    store.createGrant(g);
    Revocation first = new Revocation(T0.plusSeconds(10), "p_owner00001", Optional.of("契約終了"));
    Revocation second = new Revocation(T0.plusSeconds(20), "p_owner00001", Optional.empty());
    assertThat(store.revokeGrant(g.id(), first)).isTrue();
    assertThat(store.revokeGrant(g.id(), second)).isFalse();
    assertThat(store.findGrant(g.id())).contains(g.revoked(first));
  }

  @Test
  void replaceRevocation_recordedOne_isReplacedWithItsLogIndex_noneToReplaceReturnsFalse() {
    party("p_owner00001", PartyKind.RIGHTS_HOLDER, "Studio");
    Grant g = grant("g_grant000001", "p_owner00001", Optional.empty(), true, Set.of());
    store.createGrant(g, 2);
    Revocation first = new Revocation(T0.plusSeconds(10), "p_owner00001", Optional.of("契約終了"));
    Revocation later = new Revocation(T0.plusSeconds(20), "p_owner00001", Optional.empty());
    assertThat(store.replaceRevocation(g.id(), first, 3)).isFalse();
    assertThat(store.findGrant(g.id())).contains(g);
    assertThat(store.revokeGrant(g.id(), later, 5)).isTrue();
    assertThat(store.replaceRevocation(g.id(), first, 3)).isTrue();
    assertThat(store.findGrant(g.id())).contains(g.revoked(first));
    assertThat(store.logIndexes(RegistryStore.Logged.REVOCATION, List.of(g.id()))).containsExactly(entry(g.id(), 3L));
  }

  @Test
  void addCredential_secondToken_authenticatesTheSamePartyAndIsListed() {
    party("p_admin00001", PartyKind.ADMIN, "admin");
    Credential expired = new Credential(hash("old"), "p_admin00001", T0.plusSeconds(1), Optional.of(T0.plusSeconds(1)));
    store.addCredential(expired);
    assertThat(store.findCredential(hash("old"))).contains(expired);
    assertThat(store.credentialsOf("p_admin00001"))
        .containsExactly(new Credential(hash("p_admin00001"), "p_admin00001", T0, Optional.empty()), expired);
    assertThat(store.credentialsOf("p_nobody0001")).isEmpty();
  }

  @Test
  void reopen_afterClose_keepsEverything() {
    party("p_owner00001", PartyKind.RIGHTS_HOLDER, "Studio");
    Work w = work("w_work0000001", "p_owner00001", SHA_A);
    Grant g = grant("g_grant000001", "p_owner00001", Optional.empty(), true, Set.of());
    store.createGrant(g);
    store.close();
    store = new JdbcRegistryStore(Database.open(currentUrl(), 2));
    assertThat(store.findWork(w.id())).contains(w);
    assertThat(store.findGrant(g.id())).contains(g);
  }

  @Test
  void logIndexes_factsWrittenWithIndexes_returnsThemAndOmitsUnlogged() {
    Party owner = new Party("p_owner00001", PartyKind.RIGHTS_HOLDER, "Studio", T0);
    store.createParty(owner, new Credential(hash(owner.id()), owner.id(), T0, Optional.empty()), 0);
    Work logged = new Work("w_work0000001", "A", WorkKind.IMAGE, owner.id(), T0);
    store.createWork(logged, List.of(Asset.ofSha256(Optional.empty(), SHA_A)), 1);
    Work unlogged = work("w_work0000002", owner.id(), SHA_B);
    Grant g = grant("g_grant000001", owner.id(), Optional.empty(), true, Set.of());
    store.createGrant(g, 2);
    store.revokeGrant(g.id(), new Revocation(T0.plusSeconds(1), owner.id(), Optional.empty()), 3);

    assertThat(store.logIndexes(RegistryStore.Logged.PARTY, List.of(owner.id()))).containsExactly(entry(owner.id(), 0L));
    assertThat(store.logIndexes(RegistryStore.Logged.WORK, List.of(logged.id(), unlogged.id(), "w_missing0001")))
        .containsExactly(entry(logged.id(), 1L));
    assertThat(store.logIndexes(RegistryStore.Logged.GRANT, List.of(g.id()))).containsExactly(entry(g.id(), 2L));
    assertThat(store.logIndexes(RegistryStore.Logged.REVOCATION, List.of(g.id()))).containsExactly(entry(g.id(), 3L));
  }

  @Test
  void ping_openStore_succeeds() {
    store.ping();
  }
}
