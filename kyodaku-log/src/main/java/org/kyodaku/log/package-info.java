/** Placeholder so the module compiles; replaced by the log implementation. */
@NullMarked
package org.kyodaku.log;

import org.jspecify.annotations.NullMarked;
