package org.kyodaku.log.map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.kyodaku.log.merkle.Hash;

/**
 * For random key/value sets (keys and values drawn as seeds, some keys removed again): every
 * membership and non-membership proof verifies against the root and equals the proof of a map
 * built in another order; and any single mutation of a proof — a bit of its key, value, bitmap or
 * a sibling, presence, a dropped or added sibling — or of the root is refused.
 */
class VerifiableMapProperties {
  private static Hash hash(long seed, int salt) {
    return MapHasher.keyOf("seed-" + seed + "-" + salt);
  }

  private static Hash flip(Hash h, int bit) {
    byte[] b = h.bytes();
    b[(bit / 8) % 32] ^= (byte) (1 << (bit % 8));
    return new Hash(b);
  }

  @Property(tries = 60)
  void proofs_randomMaps_allVerifyAndAreOrderIndependent(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 200) Integer> keys,
      @ForAll @Size(max = 10) List<@IntRange(min = 0, max = 200) Integer> removed) {
    VerifiableMap m = VerifiableMap.empty();
    for (int k : keys) {
      m = m.set(hash(k, 0), hash(k, 1));
    }
    for (int r : removed) {
      m = m.remove(hash(r, 0));
    }
    VerifiableMap reversed = VerifiableMap.empty();
    for (int i = keys.size() - 1; i >= 0; i--) {
      if (!removed.contains(keys.get(i))) {
        reversed = reversed.set(hash(keys.get(i), 0), hash(keys.get(i), 1));
      }
    }
    for (int k = 0; k <= 200; k += 7) {
      Hash key = hash(k, 0);
      MapProof p = m.prove(key);
      if (m.get(key).isPresent()) {
        MapVerifier.verifyPresent(m.root(), key, hash(k, 1), p);
      } else {
        MapVerifier.verifyAbsent(m.root(), key, p);
      }
      if (!p.equals(reversed.prove(key))) {
        throw new AssertionError("proof depends on insertion order for key " + k);
      }
    }
  }

  @Property(tries = 300)
  void proofs_anySingleMutation_refused(
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 100) Integer> keys,
      @ForAll @IntRange(min = 0, max = 100) int probe,
      @ForAll @IntRange(min = 0, max = 7) int kind,
      @ForAll @IntRange(min = 0, max = 255) int bit,
      @ForAll @IntRange(min = 0, max = 300) int which) {
    VerifiableMap m = VerifiableMap.empty();
    for (int k : keys) {
      m = m.set(hash(k, 0), hash(k, 1));
    }
    Hash key = hash(probe, 0);
    Optional<Hash> value = m.get(key);
    MapProof p = m.prove(key);
    Hash root = m.root();
    List<Hash> siblings = new ArrayList<>(p.siblings());
    byte[] bitmap = p.bitmap();
    Hash proofKey = key;
    Optional<Hash> proofValue = value;
    switch (kind) {
      case 0 -> proofKey = flip(key, bit);
      case 1 -> proofValue = Optional.of(value.map(v -> flip(v, bit)).orElse(hash(probe, 2)));
      case 2 -> bitmap[bit / 8] ^= (byte) (1 << (bit % 8));
      case 3 -> {
        if (siblings.isEmpty()) {
          siblings.add(hash(probe, 3));
        } else {
          int i = which % siblings.size();
          siblings.set(i, flip(siblings.get(i), bit));
        }
      }
      case 4 -> proofValue = value.isPresent() ? Optional.empty() : Optional.of(hash(probe, 1));
      case 5 -> {
        if (siblings.isEmpty()) {
          siblings.add(hash(probe, 3));
        } else {
          siblings.remove(which % siblings.size());
        }
      }
      case 6 -> siblings.add(which % (siblings.size() + 1), hash(probe, 4));
      default -> root = flip(root, bit);
    }
    MapProof mutated = MapProof.of(proofKey, proofValue, bitmap, siblings);
    Hash finalRoot = root;
    assertThatThrownBy(
            () -> {
              if (value.isPresent()) {
                MapVerifier.verifyPresent(finalRoot, key, value.get(), mutated);
              } else {
                MapVerifier.verifyAbsent(finalRoot, key, mutated);
              }
            })
        .isInstanceOf(MapException.class);
  }
}
