/**
 * Machine-readable AI-use signals: the shared vocabulary of every reader and writer.
 *
 * <p>Each reader turns one standard's document or header into {@link org.kyodaku.signals.Signals}:
 * a {@link org.kyodaku.signals.Preference} per {@link org.kyodaku.signals.Category} plus the raw
 * {@link org.kyodaku.signals.Evidence} behind it (source, standard and version, value, position).
 * {@link org.kyodaku.signals.Signals#mostRestrictive} combines standards; {@link
 * org.kyodaku.signals.ClearanceRule} puts the registry's decision on top. The rules are described in
 * {@code docs/signals.md}; the mapping of every standard's labels to our categories follows
 * {@code shared/research/signals.md} section 9.1.
 *
 * <p>Sub-packages, one per standard: {@code sf} (RFC 9651 structured fields), {@code robots}
 * (RFC 9309 and AI crawler tokens), {@code aipref} (IETF Content-Usage), {@code contentsignal}
 * (Cloudflare Content Signals), {@code tdmrep} (W3C TDMRep), {@code noai} (X-Robots-Tag {@code
 * noai}), {@code rsl} (RSL 1.0), {@code aitxt} (Spawning ai.txt), {@code http} and {@code html}
 * (carriers), {@code publish} (writers).
 */
@NullMarked
package org.kyodaku.signals;

import org.jspecify.annotations.NullMarked;
