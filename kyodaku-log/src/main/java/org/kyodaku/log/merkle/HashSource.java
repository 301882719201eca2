package org.kyodaku.log.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@link MerkleTree} reads its hashes from: the roots of perfect, aligned subtrees. An
 * in-memory list of leaves ({@link #ofLeafHashes}, {@link #ofEntries}) and a tlog-tiles store
 * ({@code org.kyodaku.log.tiles.TileHashSource}) both implement it.
 *
 * <p>{@code node(level, index)} is the root of the {@code 2^level} leaves {@code [index * 2^level,
 * (index + 1) * 2^level)}; level 0 is the leaf hashes themselves. Callers only ask for nodes that
 * lie entirely inside {@link #size()} leaves; an implementation may raise its own package's
 * exception if the hashes cannot be read.
 */
public interface HashSource {
  /** The number of leaves available. */
  long size();

  /** The root of the perfect subtree at {@code level} and {@code index}, see above. */
  Hash node(int level, long index);

  /** A source over leaf hashes already computed (copied). */
  static HashSource ofLeafHashes(List<Hash> leafHashes) {
    return new LeafHashList(leafHashes);
  }

  /** A source over raw log entries, each hashed with {@link MerkleHasher#leafHash}. */
  static HashSource ofEntries(List<byte[]> entries) {
    List<Hash> leaves = new ArrayList<>(entries.size());
    for (byte[] entry : entries) {
      leaves.add(MerkleHasher.leafHash(entry));
    }
    return new LeafHashList(leaves);
  }
}
