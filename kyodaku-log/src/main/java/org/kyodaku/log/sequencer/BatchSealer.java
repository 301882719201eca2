package org.kyodaku.log.sequencer;

import java.util.List;
import java.util.Optional;

/**
 * Closes each batch with one more entry of the log's own, written in the same sync and covered by
 * the same checkpoint as the batch — for example the root of a projection of the log (the
 * verifiable map of grant sets, {@code org.kyodaku.log.registry}), so that every checkpoint commits
 * that root as its last entry and witnesses cosign it with the tree.
 *
 * <p>Called on the sequencer's thread, once per batch, in log order, with the batch's entries and
 * the index of the first; the returned entry gets index {@code start + entries.size()}. It must be
 * a function of the entries seen so far (and a clock): a sequencer that fails after calling it is
 * reopened, and its sealer rebuilt from the log. An exception fails the batch and the sequencer.
 */
@FunctionalInterface
public interface BatchSealer {
  /** A sealer that adds nothing. */
  BatchSealer NONE = (start, entries) -> Optional.empty();

  /** The entry that closes the batch {@code entries} (indices from {@code start}), if any. */
  Optional<byte[]> seal(long start, List<byte[]> entries);
}
