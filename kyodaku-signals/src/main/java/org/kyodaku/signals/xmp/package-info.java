/**
 * XMP packets (<a href="https://www.iso.org/standard/75163.html">ISO 16684-1</a>, RDF/XML) as
 * carriers of AI-use statements: IPTC Photo Metadata Data Mining (<a
 * href="https://iptc.org/std/photometadata/specification/IPTC-PhotoMetadata#data-mining">{@code
 * plus:DataMining}</a>, PLUS LDF vocabulary {@code http://ns.useplus.org/ldf/vocab/DMI-*}) with
 * {@code plus:OtherConstraints}, W3C TDMRep in XMP ({@code tdm:reservation}, {@code tdm:policy}),
 * and the rights notice ({@code dc:rights}, {@code dc:creator}, {@code xmpRights:WebStatement}).
 * Entry points {@link org.kyodaku.signals.xmp.XmpReader} and {@link
 * org.kyodaku.signals.xmp.XmpWriter}; the containers that hold packets are in {@code
 * org.kyodaku.signals.embed}.
 */
@NullMarked
package org.kyodaku.signals.xmp;

import org.jspecify.annotations.NullMarked;
