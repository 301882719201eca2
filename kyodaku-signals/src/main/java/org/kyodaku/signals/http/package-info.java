/**
 * AI-use signals in HTTP response header fields: {@code Content-Usage} (draft-ietf-aipref-attach,
 * an <a href="https://www.rfc-editor.org/rfc/rfc9651">RFC 9651</a> Dictionary), {@code
 * tdm-reservation}/{@code tdm-policy} (W3C TDMRep), {@code X-Robots-Tag} {@code noai}, and {@code
 * Link} with {@code rel="license"} (<a href="https://www.rfc-editor.org/rfc/rfc8288">RFC 8288</a>;
 * RSL discovery). Entry point {@link org.kyodaku.signals.http.HeaderReader}.
 */
@NullMarked
package org.kyodaku.signals.http;

import org.jspecify.annotations.NullMarked;
