/**
 * Writers: from one {@link org.kyodaku.signals.publish.GrantRecord} (a work's or party's grants),
 * every signal a site can publish, kept consistent with each other and with the readers of this
 * module: robots.txt (RFC 9309 with {@code Content-Usage}, {@code Content-Signal} and {@code
 * License} lines), {@code /.well-known/tdmrep.json} with an ODRL TDM policy (W3C TDMRep), Spawning
 * {@code ai.txt}, HTTP headers as nginx, Apache and Caddy snippets, HTML meta and link tags, and an
 * RSL 1.0 licence document. Entry point {@link org.kyodaku.signals.publish.SignalWriter}.
 */
@NullMarked
package org.kyodaku.signals.publish;

import org.jspecify.annotations.NullMarked;
