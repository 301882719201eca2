/**
 * IETF AI preferences: the vocabulary (<a
 * href="https://datatracker.ietf.org/doc/draft-ietf-aipref-vocab/">draft-ietf-aipref-vocab-07</a>)
 * in its exemplary RFC 9651 Dictionary serialisation, as carried by the {@code Content-Usage} HTTP
 * field and the robots.txt {@code Content-Usage} rule (<a
 * href="https://datatracker.ietf.org/doc/draft-ietf-aipref-attach/">draft-ietf-aipref-attach-05</a>).
 * Entry point {@link org.kyodaku.signals.aipref.ContentUsage}.
 */
@NullMarked
package org.kyodaku.signals.aipref;

import org.jspecify.annotations.NullMarked;
