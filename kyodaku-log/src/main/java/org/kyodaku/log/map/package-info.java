/**
 * A verifiable map: a sparse Merkle tree of depth 256 from {@code SHA-256(work id)} to the digest
 * of that work's current grant set, with compact membership and non-membership proofs, so that "W
 * has exactly these grants" and "W has no grants" can both be checked against one root committed
 * with a checkpoint.
 *
 * <p>Construction (hashes, key bits, proof encoding, commitment): {@code docs/verifiable-map.md};
 * the idea is that of the sparse Merkle trees in <a
 * href="https://eprint.iacr.org/2016/683">Dahlberg, Pulls, Peeters 2016</a> and Trillian's map,
 * with domain-separated leaf, node and empty-subtree hashes. Every rejection raises {@link
 * org.kyodaku.log.map.MapException} quoting the expected and the computed value.
 */
@NullMarked
package org.kyodaku.log.map;

import org.jspecify.annotations.NullMarked;
