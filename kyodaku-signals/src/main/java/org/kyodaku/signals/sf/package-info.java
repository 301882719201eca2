/**
 * RFC 9651 Structured Field Values for HTTP: a complete parser and serialiser for Lists,
 * Dictionaries and Items (Integers, Decimals, Strings, Tokens, Byte Sequences, Booleans, Dates,
 * Display Strings; Inner Lists and Parameters).
 *
 * <p>Spec: <a href="https://www.rfc-editor.org/rfc/rfc9651">RFC 9651</a> (obsoletes RFC 8941).
 * Entry point {@link org.kyodaku.signals.sf.StructuredFields}; any syntax error raises {@link
 * org.kyodaku.signals.sf.StructuredFieldException} with the offset where parsing stopped.
 */
@NullMarked
package org.kyodaku.signals.sf;

import org.jspecify.annotations.NullMarked;
