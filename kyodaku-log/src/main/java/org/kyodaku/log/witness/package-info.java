/**
 * Witness cosignatures for the log's checkpoints (<a
 * href="https://c2sp.org/tlog-cosignature">c2sp.org/tlog-cosignature</a>): accepting a checkpoint
 * cosigned by a configured witness, keeping the cosignatures per tree size, and publishing
 * checkpoints with them attached. See docs/witnesses.md.
 */
@NullMarked
package org.kyodaku.log.witness;

import org.jspecify.annotations.NullMarked;
