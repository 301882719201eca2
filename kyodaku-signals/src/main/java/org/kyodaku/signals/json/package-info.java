/**
 * A small strict JSON (<a href="https://www.rfc-editor.org/rfc/rfc8259">RFC 8259</a>) reader and
 * writer for the JSON documents among the signals (TDMRep {@code tdmrep.json}, ODRL policies), so
 * the library needs only the JDK. Entry point {@link org.kyodaku.signals.json.Json}.
 */
@NullMarked
package org.kyodaku.signals.json;

import org.jspecify.annotations.NullMarked;
