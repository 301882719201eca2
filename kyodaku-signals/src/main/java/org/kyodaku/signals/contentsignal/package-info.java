/**
 * Cloudflare Content Signals Policy: the robots.txt {@code Content-Signal} line (<a
 * href="https://contentsignals.org">contentsignals.org</a>, September 2025, CC0). Entry point
 * {@link org.kyodaku.signals.contentsignal.ContentSignal}.
 */
@NullMarked
package org.kyodaku.signals.contentsignal;

import org.jspecify.annotations.NullMarked;
