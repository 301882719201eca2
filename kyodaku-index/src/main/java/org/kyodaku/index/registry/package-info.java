/**
 * The similarity index as the registry's {@link org.kyodaku.core.registry.NearMatcher}: one
 * in-memory Hamming index per perceptual algorithm, rebuilt from the store at start and kept
 * current as works are registered.
 */
@NullMarked
package org.kyodaku.index.registry;

import org.jspecify.annotations.NullMarked;
