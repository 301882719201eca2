/** Placeholder so the module compiles; replaced by the signals implementation. */
@NullMarked
package org.kyodaku.signals;

import org.jspecify.annotations.NullMarked;
