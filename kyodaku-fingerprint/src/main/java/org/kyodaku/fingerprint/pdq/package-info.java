/**
 * PDQ ({@value org.kyodaku.fingerprint.pdq.PdqHasher#ALGORITHM}): Meta's 256-bit perceptual image
 * hash, computed bit for bit as the reference implementation computes it, so hashes exchanged with
 * ThreatExchange, HMA and other PDQ users can be compared with ours.
 *
 * <p>Entry point: {@link org.kyodaku.fingerprint.pdq.PdqHasher}; values: {@link
 * org.kyodaku.fingerprint.pdq.PdqHash}, {@link org.kyodaku.fingerprint.pdq.PdqResult}, {@link
 * org.kyodaku.fingerprint.pdq.PdqDihedralResult}. Two hashes match when their Hamming distance is
 * at most {@value org.kyodaku.fingerprint.pdq.PdqHash#MATCH_DISTANCE}; hashes with quality below
 * {@value org.kyodaku.fingerprint.pdq.PdqResult#MIN_QUALITY} should not be used for matching.
 *
 * <p>Specification: facebook/ThreatExchange {@code pdq/README.md} and "The TMK+PDQF and PDQ
 * hashing algorithms" ({@code hashing/hashing.pdf}),
 * https://github.com/facebook/ThreatExchange/tree/main/pdq. Constants were checked against the
 * Java reference ({@code pdq/java}, commit {@code baefb4ed67b6cdc1d4c82dbaef858d50866ac424}); the
 * code here is our own. Conformance vectors: {@code shared/testdata/pdq/expected/}.
 */
@NullMarked
package org.kyodaku.fingerprint.pdq;

import org.jspecify.annotations.NullMarked;
