package org.kyodaku.signals.sf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * RFC 9651 §4.1 serialisation algorithms. Produces the canonical form: members joined by {@code
 * ", "}, Boolean true values of dictionary members and parameters omitted, decimals rounded
 * half-even to three fraction digits with at least one, byte sequences as padded base64, display
 * strings percent-encoding {@code %}, {@code "} and every octet outside printable ASCII in lower
 * case.
 */
final class Rfc9651Serializer {
  private Rfc9651Serializer() {}

  static String list(List<Member> members) {
    StringBuilder out = new StringBuilder();
    for (Member m : members) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      member(out, m);
    }
    return out.toString();
  }

  static String dictionary(SequencedMap<String, Member> dict) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Member> e : dict.entrySet()) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      key(out, e.getKey());
      Member m = e.getValue();
      if (m instanceof Member.Item item && item.value().equals(new BareItem.Bool(true))) {
        params(out, item.params());
      } else {
        out.append('=');
        member(out, m);
      }
    }
    return out.toString();
  }

  static String item(Member.Item item) {
    StringBuilder out = new StringBuilder();
    member(out, item);
    return out.toString();
  }

  private static void member(StringBuilder out, Member m) {
    switch (m) {
      case Member.Item item -> {
        bare(out, item.value());
        params(out, item.params());
      }
      case Member.InnerList list -> {
        out.append('(');
        boolean first = true;
        for (Member.Item item : list.items()) {
          if (!first) {
            out.append(' ');
          }
          first = false;
          member(out, item);
        }
        out.append(')');
        params(out, list.params());
      }
    }
  }

  private static void params(StringBuilder out, SequencedMap<String, BareItem> params) {
    for (Map.Entry<String, BareItem> p : params.entrySet()) {
      out.append(';');
      key(out, p.getKey());
      if (!p.getValue().equals(new BareItem.Bool(true))) {
        out.append('=');
        bare(out, p.getValue());
      }
    }
  }

  private static void key(StringBuilder out, String key) {
    boolean ok = !key.isEmpty() && (Rfc9651Parser.isLcAlpha(key.charAt(0)) || key.charAt(0) == '*');
    for (int i = 0; ok && i < key.length(); i++) {
      char c = key.charAt(i);
      ok = Rfc9651Parser.isLcAlpha(c) || Rfc9651Parser.isDigit(c) || "_-.*".indexOf(c) >= 0;
    }
    if (!ok) {
      throw new StructuredFieldException("invalid key \"" + key + "\"", -1, key);
    }
    out.append(key);
  }

  private static void bare(StringBuilder out, BareItem value) {
    switch (value) {
      case BareItem.Int i -> out.append(i.value());
      case BareItem.Dec d -> decimal(out, d.value());
      case BareItem.Text s -> {
        out.append('"');
        for (int i = 0; i < s.value().length(); i++) {
          char c = s.value().charAt(i);
          if (c < 0x20 || c > 0x7e) {
            throw new StructuredFieldException(
                "string has a character outside printable ASCII", -1, s.value());
          }
          if (c == '"' || c == '\\') {
            out.append('\\');
          }
          out.append(c);
        }
        out.append('"');
      }
      case BareItem.Token t -> {
        String v = t.value();
        boolean ok = !v.isEmpty() && (Rfc9651Parser.isAlpha(v.charAt(0)) || v.charAt(0) == '*');
        for (int i = 1; ok && i < v.length(); i++) {
          char c = v.charAt(i);
          ok = Rfc9651Parser.isTchar(c) || c == ':' || c == '/';
        }
        if (!ok) {
          throw new StructuredFieldException("invalid token \"" + v + "\"", -1, v);
        }
        out.append(v);
      }
      case BareItem.Bytes b -> out.append(':').append(b.base64()).append(':');
      case BareItem.Bool b -> out.append(b.value() ? "?1" : "?0");
      case BareItem.Date d -> out.append('@').append(d.seconds());
      case BareItem.Display d -> {
        out.append("%\"");
        for (byte b : d.value().getBytes(StandardCharsets.UTF_8)) {
          int u = b & 0xff;
          if (u == '%' || u == '"' || u < 0x20 || u > 0x7e) {
            out.append('%').append(String.format("%02x", u));
          } else {
            out.append((char) u);
          }
        }
        out.append('"');
      }
    }
  }

  private static void decimal(StringBuilder out, BigDecimal value) {
    BigDecimal rounded = value.setScale(3, RoundingMode.HALF_EVEN);
    if (rounded.abs().compareTo(new BigDecimal("999999999999.999")) > 0) {
      throw new StructuredFieldException(
          "decimal " + value + " has more than 12 integer digits", -1, value.toPlainString());
    }
    String plain = rounded.stripTrailingZeros().toPlainString();
    if (plain.indexOf('.') < 0) {
      plain = plain + ".0";
    }
    out.append(plain);
  }
}
