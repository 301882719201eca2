package org.kyodaku.signals.xmp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kyodaku.core.model.Use;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.publish.GrantRecord;

/**
 * Writes the XMP packet Kyodaku embeds in a file: IPTC Data Mining ({@link DataMining#of}, the
 * same rule as {@code SignalWriter}: allowed only where granted to everyone), {@code
 * plus:OtherConstraints} naming the public grants and where to ask for a licence (for every value
 * but {@code DMI-ALLOWED}), the copyright notice, creators, {@code xmpRights:Marked True}, the web
 * statement (the work's registry page) and the ISCC code as {@code dc:identifier}.
 *
 * <p>The packet is UTF-8, wrapped in {@code <?xpacket?>} with the standard id and {@code end="w"},
 * one {@code rdf:Description rdf:about=""}; every text is XML-escaped.
 */
public final class XmpWriter {
  private XmpWriter() {}

  /** The packet, as UTF-8 bytes. */
  public static byte[] packet(GrantRecord record, Notice notice) {
    return text(record, notice).getBytes(StandardCharsets.UTF_8);
  }

  /** The packet, as text. */
  public static String text(GrantRecord record, Notice notice) {
    DataMining dm = DataMining.of(record);
    StringBuilder x = new StringBuilder();
    x.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" x:xmptk=\"Kyodaku\">\n");
    x.append(" <rdf:RDF xmlns:rdf=\"").append(XmpReader.RDF).append("\">\n");
    x.append("  <rdf:Description rdf:about=\"\"\n");
    x.append("    xmlns:dc=\"").append(XmpReader.DC).append("\"\n");
    x.append("    xmlns:plus=\"").append(XmpReader.PLUS).append("\"\n");
    x.append("    xmlns:xmpRights=\"").append(XmpReader.XMP_RIGHTS).append("\">\n");
    x.append("   <plus:DataMining>").append(dm.uri()).append("</plus:DataMining>\n");
    if (dm != DataMining.ALLOWED) {
      x.append("   <plus:OtherConstraints><rdf:Alt><rdf:li xml:lang=\"x-default\">")
          .append(escape(constraints(record)))
          .append("</rdf:li></rdf:Alt></plus:OtherConstraints>\n");
    }
    x.append("   <dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">")
        .append(escape(notice.copyright()))
        .append("</rdf:li></rdf:Alt></dc:rights>\n");
    x.append("   <dc:creator><rdf:Seq>");
    notice.creators().forEach(c -> x.append("<rdf:li>").append(escape(c)).append("</rdf:li>"));
    x.append("</rdf:Seq></dc:creator>\n");
    notice.iscc().ifPresent(i -> x.append("   <dc:identifier>").append(i).append("</dc:identifier>\n"));
    x.append("   <xmpRights:Marked>True</xmpRights:Marked>\n");
    x.append("   <xmpRights:WebStatement>")
        .append(escape(notice.webStatement().toString()))
        .append("</xmpRights:WebStatement>\n");
    x.append("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    return x.toString();
  }

  /** The {@code plus:OtherConstraints} text: what is granted to everyone, and where to ask. */
  static String constraints(GrantRecord record) {
    List<String> granted = new ArrayList<>();
    for (Use u : Use.values()) {
      if (record.granted(Category.of(u), Optional.empty())) {
        granted.add(u.label());
      }
    }
    return "AI and data-mining uses are reserved (EU Directive 2019/790 Art. 4(3)) except: "
        + (granted.isEmpty() ? "none" : String.join(", ", granted))
        + ". Licences: " + record.licenceRequestPage();
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
