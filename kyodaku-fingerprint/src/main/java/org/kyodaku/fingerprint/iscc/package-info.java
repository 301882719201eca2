/**
 * ISCC, the International Standard Content Code (ISO 24138:2024): similarity-preserving content
 * identifiers computed locally, so that only the codes travel.
 *
 * <p>Specification: <a href="https://www.iso.org/standard/77899.html">ISO 24138:2024</a>; the
 * open description and the reference implementation are at <a
 * href="https://iscc.codes">iscc.codes</a> and <a
 * href="https://github.com/iscc/iscc-core">iscc/iscc-core</a> (Python, v1.3.0), whose
 * conformance vectors ({@code shared/testdata/iscc/data.json}) this package passes.
 *
 * <p>Entry point: {@link org.kyodaku.fingerprint.iscc.IsccHasher}, one method per unit
 * (Meta, Text, Image, Audio, Video, Mixed, Data, Instance) plus the composite ISCC-CODE. Codes
 * are {@link org.kyodaku.fingerprint.iscc.IsccCode} values; each names its algorithm and version
 * ({@code iscc-text-v0}, ...) so that codes of different kinds are never compared. Turning media
 * files into the normalised features the content codes start from (32x32 grey pixels,
 * Chromaprint vectors, MPEG-7 frame signatures, plain text) is not part of this package.
 *
 * <p>Bad input raises {@link org.kyodaku.fingerprint.iscc.IsccException}.
 */
@NullMarked
package org.kyodaku.fingerprint.iscc;

import org.jspecify.annotations.NullMarked;
