/**
 * Metadata embedded in files: finds XMP packets, C2PA manifest stores and EPUB package metadata in
 * JPEG (APP1 XMP and extended XMP, APP11 JUMBF), PNG ({@code iTXt XML:com.adobe.xmp}, {@code
 * caBX}), WebP (RIFF {@code XMP }), TIFF (tag 700), PDF (uncompressed {@code /Type /Metadata
 * /Subtype /XML} streams) and EPUB (OPF {@code tdm:reservation}/{@code tdm:policy}), and embeds an
 * XMP packet into JPEG and PNG without re-encoding the image. Entry points {@link
 * org.kyodaku.signals.embed.EmbeddedReader} and {@link org.kyodaku.signals.embed.EmbeddedWriter};
 * the packets themselves are read by {@code org.kyodaku.signals.xmp} and {@code
 * org.kyodaku.signals.c2pa}.
 */
@NullMarked
package org.kyodaku.signals.embed;

import org.jspecify.annotations.NullMarked;
