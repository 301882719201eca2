package org.kyodaku.fingerprint.iscc;

/**
 * A Text-Code with the length of the text it was computed from.
 *
 * @param code the Text-Code ({@code iscc-text-v0})
 * @param characters number of Unicode code points of the text after normalisation
 */
public record TextCode(IsccCode code, int characters) {}
