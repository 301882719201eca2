package org.kyodaku.signals.xmp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;
import org.kyodaku.signals.tdmrep.TdmRepReader;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the AI-use statements of one XMP packet.
 *
 * <p><b>Input.</b> The packet's bytes (UTF-8, UTF-16 with BOM, as XML allows), with or without
 * the {@code <?xpacket?>} wrapper and {@code x:xmpmeta}. Parsed by {@link SecureXml}: a DOCTYPE,
 * external entities or malformed XML make the whole packet one failed evidence (fail-closed: it
 * says nothing, so never {@code allowed}).
 *
 * <p><b>Properties</b>, looked up on every {@code rdf:Description} (as attribute or child element;
 * a child's value is its {@code rdf:resource}, the items of its {@code rdf:Alt}/{@code
 * rdf:Seq}/{@code rdf:Bag}, or its text):
 *
 * <ul>
 *   <li>{@code plus:DataMining} ({@code http://ns.useplus.org/ldf/xmp/1.0/}): one evidence per
 *       value, read by {@link DataMining#parse}/{@link DataMining#says}; a value outside the
 *       vocabulary is failed evidence; several values combine most-restrictively.
 *   <li>{@code plus:OtherConstraints}: evidence, no statement (free text).
 *   <li>TDMRep {@code tdm:reservation}/{@code tdm:policy}, in either namespace the spec uses ({@code
 *       http://www.w3.org/ns/tdmrep/} for PDF XMP, {@code http://www.w3.org/ns/tdmrep#} for EPUB
 *       3), read by {@link TdmRepReader#values}.
 *   <li>{@code dc:rights}, {@code dc:creator}, {@code dc:identifier}, {@code
 *       xmpRights:WebStatement}, {@code xmpRights:UsageTerms}: evidence, no statement.
 * </ul>
 */
public final class XmpReader {
  static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  static final String PLUS = "http://ns.useplus.org/ldf/xmp/1.0/";
  static final String DC = "http://purl.org/dc/elements/1.1/";
  static final String XMP_RIGHTS = "http://ns.adobe.com/xap/1.0/rights/";
  static final String TDM_SLASH = "http://www.w3.org/ns/tdmrep/";
  static final String TDM_HASH = "http://www.w3.org/ns/tdmrep#";

  private XmpReader() {}

  /**
   * Reads {@code packet}.
   *
   * @param source the file, as the caller names it
   * @param position where in the file the packet is, e.g. {@code JPEG APP1 at byte 2}
   */
  public static Signals read(byte[] packet, String source, String position) {
    Document doc;
    try {
      doc = SecureXml.parse(packet);
    } catch (XmpException e) {
      return Signals.unknown(List.of(Evidence.failure(
          Standard.IPTC, source, position, abbreviate(packet), Map.of(),
          "XMP packet not readable, nothing taken from it: " + e.getMessage())));
    }
    List<Signals> parts = new ArrayList<>();
    List<Evidence> notes = new ArrayList<>();
    NodeList descriptions = doc.getElementsByTagNameNS(RDF, "Description");
    for (int i = 0; i < descriptions.getLength(); i++) {
      Element d = (Element) descriptions.item(i);
      for (String v : values(d, PLUS, "DataMining")) {
        String at = position + ", plus:DataMining";
        Optional<DataMining> dm = DataMining.parse(v);
        parts.add(dm.isPresent()
            ? Signals.of(dm.get().says(),
                List.of(Evidence.of(Standard.IPTC, source, at, v, dm.get().says())))
            : Signals.unknown(List.of(Evidence.failure(Standard.IPTC, source, at, v, Map.of(),
                "\"" + v + "\" is not a PLUS Data Mining value (" + DataMining.VOCABULARY
                    + "DMI-...); treated as no statement"))));
      }
      note(notes, Standard.IPTC, source, position, "plus:OtherConstraints", values(d, PLUS, "OtherConstraints"));
      List<String> reservation = values(d, TDM_SLASH, "reservation");
      reservation = reservation.isEmpty() ? values(d, TDM_HASH, "reservation") : reservation;
      List<String> policy = values(d, TDM_SLASH, "policy");
      policy = policy.isEmpty() ? values(d, TDM_HASH, "policy") : policy;
      if (!reservation.isEmpty()) {
        parts.add(TdmRepReader.values(
                Optional.of(reservation.getFirst()), policy.stream().findFirst(), source,
                position + ", tdm:reservation")
            .toSignals());
      }
      note(notes, Standard.XMP_RIGHTS, source, position, "dc:rights", values(d, DC, "rights"));
      note(notes, Standard.XMP_RIGHTS, source, position, "dc:creator", values(d, DC, "creator"));
      note(notes, Standard.XMP_RIGHTS, source, position, "dc:identifier", values(d, DC, "identifier"));
      note(notes, Standard.XMP_RIGHTS, source, position, "xmpRights:WebStatement",
          values(d, XMP_RIGHTS, "WebStatement"));
      note(notes, Standard.XMP_RIGHTS, source, position, "xmpRights:UsageTerms",
          values(d, XMP_RIGHTS, "UsageTerms"));
    }
    parts.add(Signals.unknown(notes));
    return Signals.mostRestrictive(parts);
  }

  private static void note(
      List<Evidence> out, Standard standard, String source, String position, String property,
      List<String> values) {
    if (!values.isEmpty()) {
      out.add(Evidence.of(standard, source, position + ", " + property,
          property + ": " + String.join(" | ", values), Map.of()));
    }
  }

  /** The values of one property of one description, in document order. */
  static List<String> values(Element description, String ns, String local) {
    List<String> out = new ArrayList<>();
    Attr attr = description.getAttributeNodeNS(ns, local);
    if (attr != null) {
      out.add(attr.getValue().strip());
    }
    for (Node n = description.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
        String resource = e.getAttributeNS(RDF, "resource");
        List<Element> items = items(e);
        if (!resource.isEmpty()) {
          out.add(resource.strip());
        } else if (!items.isEmpty()) {
          items.forEach(li -> out.add(li.getTextContent().strip()));
        } else {
          out.add(e.getTextContent().strip());
        }
      }
    }
    return out;
  }

  private static List<Element> items(Element property) {
    List<Element> out = new ArrayList<>();
    for (Node c = property.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element container && RDF.equals(container.getNamespaceURI())
          && List.of("Alt", "Seq", "Bag").contains(container.getLocalName())) {
        for (Node li = container.getFirstChild(); li != null; li = li.getNextSibling()) {
          if (li instanceof Element item && RDF.equals(item.getNamespaceURI())
              && "li".equals(item.getLocalName())) {
            out.add(item);
          }
        }
      }
    }
    return out;
  }

  static String abbreviate(byte[] packet) {
    String s = new String(packet, 0, Math.min(packet.length, 200), StandardCharsets.UTF_8);
    return packet.length <= 200 ? s : s + "…";
  }
}
