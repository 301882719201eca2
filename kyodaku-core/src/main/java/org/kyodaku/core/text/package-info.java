/**
 * Text decoding shared by every module: strict UTF-8 (RFC 3629), for bytes that are signed,
 * hashed or parsed, where a replacement character would silently change what was meant.
 */
@NullMarked
package org.kyodaku.core.text;

import org.jspecify.annotations.NullMarked;
