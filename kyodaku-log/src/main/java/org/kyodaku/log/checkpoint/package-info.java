/**
 * C2SP checkpoints: the signed statement of a log's origin, size and root hash, parsed, formatted
 * and verified under the log's key and, optionally, a quorum of witness cosignatures.
 *
 * <p>Specifications: <a href="https://c2sp.org/tlog-checkpoint">c2sp.org/tlog-checkpoint</a> (a <a
 * href="https://c2sp.org/signed-note">signed note</a> whose text is the checkpoint), <a
 * href="https://c2sp.org/tlog-cosignature">c2sp.org/tlog-cosignature</a> (witness cosignatures).
 * Every rejection raises {@link org.kyodaku.log.checkpoint.CheckpointException}.
 */
@NullMarked
package org.kyodaku.log.checkpoint;

import org.jspecify.annotations.NullMarked;
