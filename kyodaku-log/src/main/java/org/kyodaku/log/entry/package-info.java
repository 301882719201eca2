/**
 * Kyodaku's log entries: the canonical, versioned, signed JSON documents that the transparency log
 * stores, one per registration, grant, revocation, mandate, dispute, clearance run and map root.
 *
 * <p>Encoding: a subset of <a href="https://www.rfc-editor.org/rfc/rfc8785">RFC 8785</a> (JSON
 * Canonicalization Scheme) — sorted keys, no whitespace, UTF-8, integers only, JCS string escapes
 * — so that the bytes of an entry, and therefore its RFC 9162 leaf hash, follow from its content.
 * {@link org.kyodaku.log.entry.EntryWriter} produces those bytes and {@link
 * org.kyodaku.log.entry.EntryParser} accepts nothing else, naming the byte where the input departs
 * from the canonical form. Schemas of the known entry types: {@code docs/log-entries.md}. Every
 * rejection raises {@link org.kyodaku.log.entry.EntryException}.
 */
@NullMarked
package org.kyodaku.log.entry;

import org.jspecify.annotations.NullMarked;
