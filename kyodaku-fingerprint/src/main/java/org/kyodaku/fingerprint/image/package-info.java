/**
 * Turning image files into pixels: {@link org.kyodaku.fingerprint.image.ImageDecoder} reads a file
 * or bytes into an {@link org.kyodaku.fingerprint.image.RgbImage} (8-bit sRGB), refusing images
 * over a pixel limit before their pixels are decoded.
 *
 * <p>Decoding goes through {@code javax.imageio} (JDK readers plus the TwelveMonkeys plug-ins found
 * on the class path through the service loader), because the PDQ reference implementation decodes
 * with {@code javax.imageio} and PDQ hashes depend on the decoded pixels. Why this decoder, how
 * EXIF orientation is treated and how the pixel limit is chosen: {@code
 * docs/adr/0005-image-decoding.md}.
 *
 * <p>Specifications: EXIF orientation tag 0x0112, CIPA DC-008 (Exif 2.32) §4.6.4; JPEG markers,
 * ITU-T T.81 Annex B; PNG IHDR, W3C PNG (Third Edition) §11.2.2.
 */
@NullMarked
package org.kyodaku.fingerprint.image;

import org.jspecify.annotations.NullMarked;
