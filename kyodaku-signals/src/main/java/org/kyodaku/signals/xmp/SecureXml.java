package org.kyodaku.signals.xmp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The one way this library parses embedded XML (XMP packets, EPUB package documents): namespace
 * aware, no DOCTYPE at all (so no entity expansion, internal or external), no external DTD or
 * schema, no XInclude, JDK secure processing limits on.
 */
public final class SecureXml {
  /** The largest XML document read, in bytes. */
  public static final int MAX_BYTES = 16 << 20;

  private SecureXml() {}

  /**
   * Parses {@code xml}.
   *
   * @throws XmpException if it is larger than {@link #MAX_BYTES}, has a DOCTYPE, or is not
   *     well-formed
   */
  public static Document parse(byte[] xml) {
    if (xml.length > MAX_BYTES) {
      throw new XmpException("XML of " + xml.length + " bytes is over the limit of " + MAX_BYTES);
    }
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler());
      b.setEntityResolver((publicId, systemId) -> {
        throw new SAXException("external entity " + systemId + " refused");
      });
      return b.parse(new ByteArrayInputStream(xml));
    } catch (SAXException e) {
      throw new XmpException("not well-formed XML: " + e.getMessage());
    } catch (IOException | ParserConfigurationException e) {
      throw new XmpException("cannot read XML: " + e.getMessage());
    }
  }
}
