package org.kyodaku.signals.rsl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;
import org.kyodaku.signals.robots.PathPattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads an RSL 1.0 licence document for one resource path.
 *
 * <p><b>Parsing.</b> XML with DTDs and external entities refused. The root must be {@code <rsl>} in
 * namespace {@code https://rslstandard.org/rsl}. Each {@code <content url>} is a path pattern
 * (RFC 9309 matching) or an absolute URL whose path is used; the longest matching pattern's
 * {@code <content>} elements apply (RSL §3.1.1 precedence was not available to us; longest match is
 * our assumption).
 *
 * <p><b>Usage tokens</b> ({@code <permits|prohibits type="usage">}, comma- or space-separated):
 * {@code all} is {@code tdm}; {@code ai-all} is {@code train-ai} and {@code ai-use}; {@code
 * ai-train} (and the aipref spelling {@code train-ai}) is {@code train-ai}; {@code ai-input} is
 * {@code ai-use}; {@code ai-index} and {@code search} are {@code search}.
 *
 * <p><b>Meaning.</b> A prohibited token disallows. A permitted token allows only when the licence
 * is unconditional: no {@code <payment>} other than {@code free}, no {@code server} on the content
 * (a licence server means a licence must be obtained even when free), and no {@code user} or
 * {@code geo} restriction. A conditionally permitted token is an offer, not an allowance:
 * disallowed until licensed. All licences of the matching content combine most-restrictively.
 *
 * <p><b>Failure.</b> A document that is not well-formed RSL disallows every category: RSL requires
 * a crawler to obtain and comply with the terms before use, and unreadable terms cannot be complied
 * with (fail closed). A document with no matching content states nothing.
 */
public final class RslReader {
  /** The RSL 1.0 XML namespace. */
  public static final String NAMESPACE = "https://rslstandard.org/rsl";

  private RslReader() {}

  /** Reads an RSL document for {@code path}; never throws. */
  public static Signals read(byte[] xml, String path, String source) {
    Element root;
    try {
      root = parse(xml);
    } catch (RslException e) {
      EnumMap<Category, Preference> all = new EnumMap<>(Category.class);
      for (Category c : Category.values()) {
        all.put(c, Preference.DISALLOWED);
      }
      return Signals.of(
          all,
          List.of(Evidence.failure(Standard.RSL, source, "document", "", all, e.getMessage())));
    }
    String target = PathPattern.normalise(path.isEmpty() ? "/" : path);
    int best = -1;
    List<Element> chosen = new ArrayList<>();
    for (Element content : children(root, "content")) {
      String pattern = PathPattern.normalise(pathOf(content.getAttribute("url")));
      if (!PathPattern.matches(pattern, target)) {
        continue;
      }
      if (pattern.length() > best) {
        best = pattern.length();
        chosen.clear();
      }
      if (pattern.length() == best) {
        chosen.add(content);
      }
    }
    EnumMap<Category, Preference> says = new EnumMap<>(Category.class);
    List<Evidence> evidence = new ArrayList<>();
    for (Element content : chosen) {
      boolean server = !content.getAttribute("server").isBlank();
      int n = 0;
      for (Element licence : children(content, "license")) {
        n++;
        boolean conditional = server;
        for (Element p : children(licence, "payment")) {
          String type = p.getAttribute("type").strip().toLowerCase(Locale.ROOT);
          conditional |= !type.equals("free");
        }
        for (Element p : children(licence, "permits")) {
          String type = p.getAttribute("type").strip().toLowerCase(Locale.ROOT);
          conditional |= type.equals("user") || type.equals("geo");
        }
        EnumMap<Category, Preference> own = new EnumMap<>(Category.class);
        for (Element p : children(licence, "permits")) {
          if (p.getAttribute("type").strip().equalsIgnoreCase("usage")) {
            for (Category c : categories(p.getTextContent())) {
              own.merge(c, conditional ? Preference.DISALLOWED : Preference.ALLOWED,
                  Preference::restrict);
            }
          }
        }
        for (Element p : children(licence, "prohibits")) {
          if (p.getAttribute("type").strip().equalsIgnoreCase("usage")) {
            for (Category c : categories(p.getTextContent())) {
              own.put(c, Preference.DISALLOWED);
            }
          }
        }
        own.forEach((c, p) -> says.merge(c, p, Preference::restrict));
        evidence.add(
            Evidence.of(
                Standard.RSL,
                source,
                "content " + content.getAttribute("url") + " license " + n,
                describe(licence) + (conditional ? " (conditional)" : ""),
                own));
      }
    }
    return Signals.of(says, evidence);
  }

  private static Set<Category> categories(String tokens) {
    java.util.EnumSet<Category> out = java.util.EnumSet.noneOf(Category.class);
    for (String t : tokens.split("[,\\s]+")) {
      switch (t.strip().toLowerCase(Locale.ROOT)) {
        case "all" -> out.add(Category.TDM);
        case "ai-all" -> {
          out.add(Category.TRAIN_AI);
          out.add(Category.AI_USE);
        }
        case "ai-train", "train-ai" -> out.add(Category.TRAIN_AI);
        case "ai-input" -> out.add(Category.AI_USE);
        case "ai-index", "search" -> out.add(Category.SEARCH);
        default -> {
          // Unknown usage tokens are ignored.
        }
      }
    }
    return out;
  }

  private static String describe(Element licence) {
    StringBuilder b = new StringBuilder();
    for (String kind : List.of("permits", "prohibits", "payment")) {
      for (Element e : children(licence, kind)) {
        if (!b.isEmpty()) {
          b.append("; ");
        }
        b.append(kind).append(' ').append(e.getAttribute("type"));
        String text = e.getTextContent().strip();
        if (!text.isEmpty() && !kind.equals("payment")) {
          b.append(' ').append(text);
        }
      }
    }
    return b.toString();
  }

  private static String pathOf(String url) {
    String u = url.strip();
    if (u.startsWith("/") || u.startsWith("*")) {
      return u;
    }
    try {
      URI uri = URI.create(u.replace("*", "%2A").replace("$", "%24"));
      String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return p.replace("%2A", "*").replace("%24", "$");
    } catch (IllegalArgumentException e) {
      // Not a URL and not a path: a pattern that matches nothing.
      return "\u0000";
    }
  }

  static Element parse(byte[] xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler());
      Document d = b.parse(new ByteArrayInputStream(xml));
      Element root = d.getDocumentElement();
      if (!"rsl".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
        throw new RslException(
            "root element is {" + root.getNamespaceURI() + "}" + root.getLocalName()
                + ", expected {" + NAMESPACE + "}rsl");
      }
      return root;
    } catch (SAXException e) {
      throw new RslException("not well-formed XML: " + e.getMessage());
    } catch (IOException | ParserConfigurationException e) {
      throw new RslException("cannot read XML: " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof RslException r) {
        throw r;
      }
      throw new RslException("cannot read XML: " + e);
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e && name.equals(e.getLocalName()) && NAMESPACE.equals(e.getNamespaceURI())) {
        out.add(e);
      }
    }
    return out;
  }
}
