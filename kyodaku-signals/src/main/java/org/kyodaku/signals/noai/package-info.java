/**
 * The {@code noai} / {@code noimageai} robots directives (a DeviantArt convention of November
 * 2022, no formal specification) in {@code X-Robots-Tag} header values and robots {@code <meta>}
 * content, using the X-Robots-Tag syntax documented by Google (<a
 * href="https://developers.google.com/search/docs/crawling-indexing/robots-meta-tag">robots meta
 * tag and X-Robots-Tag</a>) for agent scoping. Entry point {@link
 * org.kyodaku.signals.noai.RobotsDirectives}.
 */
@NullMarked
package org.kyodaku.signals.noai;

import org.jspecify.annotations.NullMarked;
