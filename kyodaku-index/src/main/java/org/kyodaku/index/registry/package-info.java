/**
 * The similarity index as the registry's {@link org.kyodaku.core.registry.NearMatcher}: one
 * Hamming index per perceptual algorithm, kept current as works are registered, persisted as
 * memory-mapped segments in the data directory and checked against the store at every start (or
 * rebuilt from it). Design and file formats: {@code docs/index.md}.
 */
@NullMarked
package org.kyodaku.index.registry;

import org.jspecify.annotations.NullMarked;
