/** Placeholder so the module compiles; replaced by the index implementation. */
@NullMarked
package org.kyodaku.index;

import org.jspecify.annotations.NullMarked;
