/**
 * Really Simple Licensing: <a href="https://rslstandard.org/rsl">RSL 1.0</a> licence documents
 * ({@code application/rsl+xml}, namespace {@code https://rslstandard.org/rsl}). Entry point {@link
 * org.kyodaku.signals.rsl.RslReader}; discovery lines ({@code License:} in robots.txt, {@code Link}
 * headers, HTML links) are reported by the robots, http and html readers.
 */
@NullMarked
package org.kyodaku.signals.rsl;

import org.jspecify.annotations.NullMarked;
