/**
 * Exact range and k-nearest search of fixed-width binary codes (PDQ's 256 bits, 64-bit codes,
 * any multiple of 64) under the Hamming distance.
 *
 * <p>Public surface: {@link org.kyodaku.index.hamming.BinaryCode} (the value), {@link
 * org.kyodaku.index.hamming.Match} (an id and its distance), {@link
 * org.kyodaku.index.hamming.HammingIndex} with three implementations — {@link
 * org.kyodaku.index.hamming.BruteForceIndex} (the reference), {@link
 * org.kyodaku.index.hamming.Segment} (an immutable multi-index-hashing segment, in memory or
 * memory-mapped from a file written by {@link org.kyodaku.index.hamming.IndexWriter}) and {@link
 * org.kyodaku.index.hamming.LiveIndex} (segments plus a mutable tail) — and {@link
 * org.kyodaku.index.hamming.IndexException}, the one exception for bad input and damaged files.
 *
 * <p>Specs: M. Norouzi, A. Punjani, D. J. Fleet, "Fast Exact Search in Hamming Space with
 * Multi-Index Hashing", IEEE TPAMI 36(6), 2014, <a
 * href="https://arxiv.org/abs/1307.2982">arXiv:1307.2982</a>; CRC-32C (Castagnoli), RFC 3720
 * appendix B.4. Design note and measurements: {@code docs/index.md}.
 */
@NullMarked
package org.kyodaku.index.hamming;

import org.jspecify.annotations.NullMarked;
