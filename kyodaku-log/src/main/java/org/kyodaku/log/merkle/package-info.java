/**
 * RFC 9162 Merkle trees: leaf and node hashing, tree roots, and inclusion and consistency proofs,
 * both generated (over any {@link org.kyodaku.log.merkle.HashSource}) and verified.
 *
 * <p>Specification: <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1">RFC 9162 §2.1</a>
 * (the same tree as <a href="https://www.rfc-editor.org/rfc/rfc6962#section-2.1">RFC 6962
 * §2.1</a>). Verification rejects exactly what transparency-dev/merkle's {@code proof} package
 * rejects; every rejection raises {@link org.kyodaku.log.merkle.MerkleException} quoting the
 * expected and the computed value.
 *
 * <p>Tree sizes and leaf indices are unsigned 64-bit in the specification; here they are {@code
 * long} and must be in {@code [0, 2^63)}.
 */
@NullMarked
package org.kyodaku.log.merkle;

import org.jspecify.annotations.NullMarked;
