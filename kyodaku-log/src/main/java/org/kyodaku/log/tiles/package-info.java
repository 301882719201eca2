/**
 * C2SP tlog-tiles: the static-file layout of a log (hash tiles, entry bundles and their paths),
 * computing every tile of a tree from its entries, and reading a tree's hashes back from tiles so
 * roots and proofs can be derived from any tile store.
 *
 * <p>Specification: <a href="https://c2sp.org/tlog-tiles">c2sp.org/tlog-tiles</a>. Hashing is RFC
 * 9162's ({@link org.kyodaku.log.merkle}). Every rejection raises {@link
 * org.kyodaku.log.tiles.TileException}.
 */
@NullMarked
package org.kyodaku.log.tiles;

import org.jspecify.annotations.NullMarked;
