/**
 * An append-only, batching, crash-safe log writer over a directory in the C2SP tlog-tiles layout:
 * entries are sequenced in batches, their entry bundles and hash tiles written and synced, and a
 * new checkpoint signed and published atomically; an append is acknowledged with its index only
 * once that checkpoint is durable.
 *
 * <p>Specifications: <a href="https://c2sp.org/tlog-tiles">c2sp.org/tlog-tiles</a> (layout, via
 * {@link org.kyodaku.log.tiles}), <a href="https://c2sp.org/tlog-checkpoint">c2sp.org/tlog-checkpoint</a>
 * and <a href="https://c2sp.org/signed-note">c2sp.org/signed-note</a> (the published checkpoint).
 * The design follows Trillian Tessera's POSIX driver (sequence, integrate, publish). Every failure
 * raises {@link org.kyodaku.log.sequencer.SequencerException}.
 */
@NullMarked
package org.kyodaku.log.sequencer;

import org.jspecify.annotations.NullMarked;
