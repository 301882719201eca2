/**
 * AI-use signals in an HTML document's head: TDMRep {@code <meta name="tdm-reservation">} and
 * {@code tdm-policy}, robots {@code <meta>} with {@code noai}/{@code noimageai}, and {@code <link
 * rel="license">} (<a href="https://html.spec.whatwg.org/multipage/links.html#link-type-license">HTML
 * link type license</a>; RSL discovery). A small tolerant scanner, not an HTML parser. Entry point
 * {@link org.kyodaku.signals.html.HtmlReader}.
 */
@NullMarked
package org.kyodaku.signals.html;

import org.jspecify.annotations.NullMarked;
