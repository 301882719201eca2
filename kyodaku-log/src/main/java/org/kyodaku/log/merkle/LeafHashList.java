package org.kyodaku.log.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * In-memory {@link HashSource}: every perfect subtree root is computed once, level by level, so
 * {@code node} is a lookup. Level {@code l} holds {@code floor(n / 2^l)} hashes; about {@code 2n}
 * hashes in total.
 */
final class LeafHashList implements HashSource {
  private final List<List<Hash>> levels = new ArrayList<>();
  private final long size;

  LeafHashList(List<Hash> leafHashes) {
    List<Hash> level = List.copyOf(leafHashes);
    size = level.size();
    while (!level.isEmpty()) {
      levels.add(level);
      List<Hash> up = new ArrayList<>(level.size() / 2);
      for (int i = 0; i + 1 < level.size(); i += 2) {
        up.add(MerkleHasher.nodeHash(level.get(i), level.get(i + 1)));
      }
      level = List.copyOf(up);
    }
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Hash node(int level, long index) {
    if (level < 0 || level >= levels.size() || index < 0 || index >= levels.get(level).size()) {
      throw new MerkleException(
          "no perfect subtree at level " + level + " index " + index + " in " + size + " leaves");
    }
    return levels.get(level).get((int) index);
  }
}
