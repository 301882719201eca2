package org.kyodaku.log.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.MerkleHasher;

/**
 * The named attacks on map proofs, each refused with its own message; plus the construction's
 * fixed points (empty root, single-key root by hand), snapshots and commitments.
 */
class VerifiableMapTest {
  private static final Hash W1 = MapHasher.keyOf("w_work00001");
  private static final Hash W2 = MapHasher.keyOf("w_work00002");
  private static final Hash W3 = MapHasher.keyOf("w_work00003");
  private static final Hash G1 = MapHasher.grantSetDigest(Set.of("g_grant0001"));
  private static final Hash G12 = MapHasher.grantSetDigest(Set.of("g_grant0002", "g_grant0001"));

  private static VerifiableMap sample() {
    return VerifiableMap.empty().set(W1, G12).set(W2, G1);
  }

  @Test
  void root_emptyMap_isEmptyHashOfHeight256() {
    assertThat(VerifiableMap.empty().root()).isEqualTo(MapHasher.empty(256));
    assertThat(MapHasher.empty(0).hex())
        .isEqualTo(new Hash(sha256(new byte[] {0x45, 0, 0})).hex());
  }

  @Test
  void root_singleKey_equalsHandComputedPath() {
    byte[] k = W1.bytes();
    Hash h = MapHasher.leaf(W1, G1);
    for (int height = 0; height < 256; height++) {
      int bit = (k[(255 - height) / 8] >>> (7 - ((255 - height) % 8))) & 1;
      h = bit == 0 ? MapHasher.node(h, MapHasher.empty(height)) : MapHasher.node(MapHasher.empty(height), h);
    }
    assertThat(VerifiableMap.empty().set(W1, G1).root()).isEqualTo(h);
  }

  @Test
  void grantSetDigest_orderAndRepeatsIgnored_isSha256OfJcsArray() {
    assertThat(G12).isEqualTo(MapHasher.grantSetDigest(List.of("g_grant0001", "g_grant0002", "g_grant0001")));
    assertThat(G12).isEqualTo(new Hash(sha256("[\"g_grant0001\",\"g_grant0002\"]".getBytes())));
  }

  @Test
  void setAndRemove_backToSameKeys_sameRoot() {
    VerifiableMap m = sample();
    assertThat(m.set(W3, G1).remove(W3).root()).isEqualTo(m.root());
    assertThat(m.remove(W1).remove(W2).root()).isEqualTo(VerifiableMap.empty().root());
    assertThat(m.size()).isEqualTo(2);
    assertThat(m.get(W1)).contains(G12);
  }

  @Test
  void verify_membershipAndNonMembership_accepted() {
    VerifiableMap m = sample();
    assertThatCode(() -> MapVerifier.verifyPresent(m.root(), W1, G12, m.prove(W1))).doesNotThrowAnyException();
    assertThatCode(() -> MapVerifier.verifyAbsent(m.root(), W3, m.prove(W3))).doesNotThrowAnyException();
    assertThat(MapProof.parse(m.prove(W1).toBytes())).isEqualTo(m.prove(W1));
  }

  @Test
  void verify_staleRoot_refused() {
    VerifiableMap old = sample();
    MapProof stale = old.prove(W1);
    VerifiableMap now = old.set(W1, G1); // a grant was revoked since
    assertThatThrownBy(() -> MapVerifier.verifyPresent(now.root(), W1, G12, stale))
        .isInstanceOf(MapException.class)
        .hasMessage("map root mismatch for key " + W1 + ": expected " + now.root() + ", computed " + old.root());
  }

  @Test
  void verify_omittedGrant_valueDigestMismatch() {
    VerifiableMap m = sample();
    // The registry answers with the set lacking g_grant0002; the auditor expects both grants.
    MapProof proof = m.set(W1, G1).prove(W1);
    assertThatThrownBy(() -> MapVerifier.verifyPresent(m.root(), W1, G12, proof))
        .isInstanceOf(MapException.class)
        .hasMessage("value digest mismatch for key " + W1 + ": expected " + G12 + ", proof has " + G1);
  }

  @Test
  void verify_forgedLeaf_rootMismatch() {
    VerifiableMap m = sample();
    MapProof absent = m.prove(W3);
    MapProof forged = MapProof.of(W3, java.util.Optional.of(G1), absent.bitmap(), absent.siblings());
    assertThatThrownBy(() -> MapVerifier.verifyPresent(m.root(), W3, G1, forged))
        .isInstanceOf(MapException.class)
        .hasMessageStartingWith("map root mismatch for key " + W3 + ": expected " + m.root());
  }

  @Test
  void verify_presentKeyClaimedAbsent_refused() {
    VerifiableMap m = sample();
    assertThatThrownBy(() -> MapVerifier.verifyAbsent(m.root(), W1, m.prove(W1)))
        .isInstanceOf(MapException.class)
        .hasMessage("map proof shows key " + W1 + " present with value digest " + G12 + ", expected absent");
  }

  @Test
  void verify_wrongKey_refused() {
    VerifiableMap m = sample();
    assertThatThrownBy(() -> MapVerifier.verifyPresent(m.root(), W2, G12, m.prove(W1)))
        .isInstanceOf(MapException.class)
        .hasMessage("map proof is for key " + W1 + ", expected key " + W2);
  }

  @Test
  void verify_truncatedProof_refused() {
    VerifiableMap m = sample();
    MapProof p = m.prove(W1);
    MapProof cut = MapProof.of(W1, p.value(), p.bitmap(), p.siblings().subList(0, p.siblings().size() - 1));
    assertThatThrownBy(() -> MapVerifier.verifyPresent(m.root(), W1, G12, cut))
        .isInstanceOf(MapException.class)
        .hasMessage("map proof for key " + W1 + ": bitmap marks 1 non-empty siblings, proof carries 0 hashes");
    byte[] bytes = p.toBytes();
    assertThatThrownBy(() -> MapProof.parse(Arrays.copyOf(bytes, bytes.length - 5)))
        .isInstanceOf(MapException.class)
        .hasMessage("map proof ends with 27 bytes of siblings, not a whole number of 32-byte hashes");
  }

  @Test
  void verify_flippedBitmapBit_refused() {
    VerifiableMap m = sample();
    MapProof p = m.prove(W1);
    byte[] bitmap = p.bitmap();
    bitmap[0] ^= (byte) 0x80; // claim a non-empty sibling at height 0
    MapProof flipped = MapProof.of(W1, p.value(), bitmap, p.siblings());
    assertThatThrownBy(() -> MapVerifier.verifyPresent(m.root(), W1, G12, flipped))
        .isInstanceOf(MapException.class)
        .hasMessage("map proof for key " + W1 + ": bitmap marks 2 non-empty siblings, proof carries 1 hashes");
  }

  @Test
  void verify_emptyHashPassedAsNonEmptySibling_refused() {
    VerifiableMap m = VerifiableMap.empty().set(W1, G1);
    byte[] bitmap = new byte[32];
    bitmap[0] = (byte) 0x80;
    MapProof padded = MapProof.of(W1, java.util.Optional.of(G1), bitmap, List.of(MapHasher.empty(0)));
    assertThatThrownBy(() -> MapVerifier.verifyPresent(m.root(), W1, G1, padded))
        .isInstanceOf(MapException.class)
        .hasMessage("map proof for key " + W1 + ": sibling at height 0 is marked non-empty but is the empty-subtree hash");
  }

  @Test
  void snapshot_writeAndRead_sameRootAndProofs(@TempDir Path dir) throws Exception {
    VerifiableMap m = sample().set(W3, G1);
    MapSnapshot.write(m, dir.resolve("map.snapshot"));
    VerifiableMap back = MapSnapshot.read(dir.resolve("map.snapshot"));
    assertThat(back.root()).isEqualTo(m.root());
    assertThat(back.prove(W2)).isEqualTo(m.prove(W2));
  }

  @Test
  void snapshot_corrupted_checksumMismatch() {
    byte[] data = MapSnapshot.toBytes(sample());
    data[40] ^= 1;
    assertThatThrownBy(() -> MapSnapshot.parse(data))
        .isInstanceOf(MapException.class)
        .hasMessageStartingWith("map snapshot checksum mismatch: expected ");
  }

  @Test
  void commitment_extensionLineAndEntry_roundTrip() {
    MapCommitment c = MapCommitment.of(sample());
    Checkpoint cp = new Checkpoint("example.org/log", 5, MerkleHasher.EMPTY_ROOT, List.of(c.extensionLine()));
    assertThat(MapCommitment.fromCheckpoint(Checkpoint.parse(cp.text()))).contains(c);
    assertThat(c.extensionLine()).isEqualTo("kyodaku.org/map/v1 2 " + c.root().base64());
    assertThat(MapCommitment.fromEntry(c.toEntry(Instant.parse("2025-11-03T09:00:00Z"), 5))).isEqualTo(c);
    assertThatThrownBy(() -> MapCommitment.parseExtension("kyodaku.org/map/v1 02 x"))
        .isInstanceOf(MapException.class)
        .hasMessage("map extension line \"kyodaku.org/map/v1 02 x\" is not \"kyodaku.org/map/v1 <keys> <base64 root>\"");
  }

  @Test
  void prove_thousandKeys_allVerify() {
    VerifiableMap m = VerifiableMap.empty();
    List<Hash> keys = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Hash k = MapHasher.keyOf("w_key" + String.format("%08d", i));
      keys.add(k);
      m = m.set(k, G1);
    }
    for (Hash k : keys) {
      MapVerifier.verifyPresent(m.root(), k, G1, m.prove(k));
    }
    assertThat(m.prove(keys.get(0)).siblings().size()).isBetween(5, 20);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
