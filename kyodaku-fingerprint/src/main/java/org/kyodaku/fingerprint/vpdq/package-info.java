/**
 * vPDQ ({@value org.kyodaku.fingerprint.vpdq.VpdqHasher#ALGORITHM}): Meta's video hash, a list of
 * per-frame PDQ hashes, compatible with the reference's hash files and comparison.
 *
 * <p>Entry points: {@link org.kyodaku.fingerprint.vpdq.VpdqHasher} (video file to {@link
 * org.kyodaku.fingerprint.vpdq.VpdqResult}, a list of {@link
 * org.kyodaku.fingerprint.vpdq.VpdqFeature}s), {@link org.kyodaku.fingerprint.vpdq.VpdqMatcher}
 * (two feature lists to the two matching-frame percentages, {@link
 * org.kyodaku.fingerprint.vpdq.VpdqMatch}), {@link org.kyodaku.fingerprint.vpdq.VpdqParser} and
 * {@link org.kyodaku.fingerprint.vpdq.VpdqWriter} (the reference's text format, one line {@code
 * frameNumber,quality,pdqHex,timestampSeconds} per frame).
 *
 * <p>Specification: facebook/ThreatExchange {@code vpdq/README.md} (hashing, and the comparison
 * algorithm with its thresholds), https://github.com/facebook/ThreatExchange/tree/main/vpdq;
 * behaviour checked against the C++ reference ({@code vpdq/cpp}) and python-threatexchange's
 * {@code extensions/vpdq} at commit {@code baefb4ed67b6cdc1d4c82dbaef858d50866ac424}. The code here
 * is our own. Conformance vectors: {@code shared/testdata/vpdq/} (expected hashes of upstream's
 * sample videos); video decoding: {@link org.kyodaku.fingerprint.video} and {@code
 * docs/adr/0006-video-decoding.md}.
 */
@NullMarked
package org.kyodaku.fingerprint.vpdq;

import org.jspecify.annotations.NullMarked;
