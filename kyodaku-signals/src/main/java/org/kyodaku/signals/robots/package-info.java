/**
 * robots.txt per <a href="https://www.rfc-editor.org/rfc/rfc9309">RFC 9309</a> (Robots Exclusion
 * Protocol), read for AI-use signals: per-token access through a crawler token table kept as data
 * ({@link org.kyodaku.signals.robots.CrawlerTokens}), and the extension lines found in groups:
 * IETF {@code Content-Usage} (draft-ietf-aipref-attach), Cloudflare {@code Content-Signal}, and
 * RSL {@code License}.
 *
 * <p>Entry points: {@link org.kyodaku.signals.robots.RobotsTxt#parse} and {@link
 * org.kyodaku.signals.robots.RobotsReader}.
 */
@NullMarked
package org.kyodaku.signals.robots;

import org.jspecify.annotations.NullMarked;
