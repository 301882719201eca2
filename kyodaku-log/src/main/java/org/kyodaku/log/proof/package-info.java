/**
 * C2SP tlog-proof documents ({@code c2sp.org/tlog-proof@v1}): an offline-verifiable proof that an
 * entry is in a log, made of the entry's index, its inclusion proof and the log's signed (and
 * optionally witnessed) checkpoint. Written, parsed and verified here.
 *
 * <p>Specification: <a href="https://c2sp.org/tlog-proof">c2sp.org/tlog-proof</a>. Every rejection
 * raises {@link org.kyodaku.log.proof.ProofException}, carrying the underlying merkle, note or
 * checkpoint message.
 */
@NullMarked
package org.kyodaku.log.proof;

import org.jspecify.annotations.NullMarked;
