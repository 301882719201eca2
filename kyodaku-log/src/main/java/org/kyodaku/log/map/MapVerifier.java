package org.kyodaku.log.map;

import java.util.List;
import java.util.Optional;
import org.kyodaku.log.merkle.Hash;

/**
 * Verifies {@link MapProof}s against a map root. Fail-closed: a method returns normally only for a
 * proof that verifies, and otherwise raises {@link MapException} quoting expected and found values.
 *
 * <p>Checks, in order: the proof is about the expected key; it shows the expected value (or
 * absence); the bitmap marks as many non-empty siblings as the proof carries; no sibling marked
 * non-empty is the empty-subtree hash of its height (so every map state has exactly one proof per
 * key, and a flipped bitmap bit cannot be compensated); the root computed from the leaf up equals
 * the given root.
 *
 * <p>Root computation: start with {@code leaf(key, value)} at height 0, or "empty" for an absent
 * key; at height {@code h = 0..255} take the sibling (the next listed hash if bitmap bit {@code h}
 * is set, else {@code empty(h)}); if both are empty the result is empty at height {@code h + 1};
 * otherwise it is {@code node(current, sibling)} when key bit {@code 255 - h} is 0, {@code
 * node(sibling, current)} when it is 1. An empty result at height 256 is {@code empty(256)}.
 */
public final class MapVerifier {
  private MapVerifier() {}

  /** Returns normally iff {@code proof} shows {@code key} mapped to {@code value} under {@code root}. */
  public static void verifyPresent(Hash root, Hash key, Hash value, MapProof proof) {
    checkKey(key, proof);
    Optional<Hash> shown = proof.value();
    if (shown.isEmpty()) {
      throw new MapException(
          "map proof shows key " + key + " absent, expected value digest " + value);
    }
    if (!shown.get().equals(value)) {
      throw new MapException(
          "value digest mismatch for key " + key + ": expected " + value + ", proof has " + shown.get());
    }
    checkRoot(root, proof);
  }

  /** Returns normally iff {@code proof} shows {@code key} absent under {@code root}. */
  public static void verifyAbsent(Hash root, Hash key, MapProof proof) {
    checkKey(key, proof);
    if (proof.value().isPresent()) {
      throw new MapException(
          "map proof shows key "
              + key
              + " present with value digest "
              + proof.value().get()
              + ", expected absent");
    }
    checkRoot(root, proof);
  }

  /** The root {@code proof} implies (after the bitmap and sibling checks above). */
  public static Hash rootFromProof(MapProof proof) {
    List<Hash> siblings = proof.siblings();
    int marked = 0;
    for (int h = 0; h < MapHasher.DEPTH; h++) {
      if (proof.hasSibling(h)) {
        marked++;
      }
    }
    if (marked != siblings.size()) {
      throw new MapException(
          "map proof for key "
              + proof.key()
              + ": bitmap marks "
              + marked
              + " non-empty siblings, proof carries "
              + siblings.size()
              + " hashes");
    }
    byte[] key = proof.key().bytes();
    Hash current = proof.value().map(v -> MapHasher.leaf(proof.key(), v)).orElse(null);
    int next = 0;
    for (int h = 0; h < MapHasher.DEPTH; h++) {
      Hash sibling = null;
      if (proof.hasSibling(h)) {
        sibling = siblings.get(next++);
        if (sibling.equals(MapHasher.empty(h))) {
          throw new MapException(
              "map proof for key "
                  + proof.key()
                  + ": sibling at height "
                  + h
                  + " is marked non-empty but is the empty-subtree hash");
        }
      }
      if (current == null && sibling == null) {
        continue;
      }
      Hash c = current == null ? MapHasher.empty(h) : current;
      Hash s = sibling == null ? MapHasher.empty(h) : sibling;
      current =
          MapHasher.bit(key, MapHasher.DEPTH - 1 - h) == 0
              ? MapHasher.node(c, s)
              : MapHasher.node(s, c);
    }
    return current == null ? MapHasher.empty(MapHasher.DEPTH) : current;
  }

  private static void checkKey(Hash key, MapProof proof) {
    if (!proof.key().equals(key)) {
      throw new MapException("map proof is for key " + proof.key() + ", expected key " + key);
    }
  }

  private static void checkRoot(Hash root, MapProof proof) {
    Hash computed = rootFromProof(proof);
    if (!computed.equals(root)) {
      throw new MapException(
          "map root mismatch for key "
              + proof.key()
              + ": expected "
              + root
              + ", computed "
              + computed);
    }
  }
}
