/**
 * Fetching the documents that carry AI-use signals, and checking a URL against all of them: the
 * only I/O in this module, kept apart from the parsers (which take bytes). Uses the JDK's {@link
 * java.net.http.HttpClient}; every fetch has a deadline, a size cap, a redirect limit and a
 * content-type check, and a fetch that fails is reported as evidence, never as permission.
 *
 * <p>Status semantics follow <a href="https://www.rfc-editor.org/rfc/rfc9309#section-2.3.1">RFC
 * 9309 §2.3.1</a> for robots.txt and the <a
 * href="https://www.w3.org/community/reports/tdmrep/">TDMRep</a> report for {@code
 * tdmrep.json}. Entry points {@link org.kyodaku.signals.fetch.HttpFetcher} and {@link
 * org.kyodaku.signals.fetch.SiteChecker}.
 */
@NullMarked
package org.kyodaku.signals.fetch;

import org.jspecify.annotations.NullMarked;
