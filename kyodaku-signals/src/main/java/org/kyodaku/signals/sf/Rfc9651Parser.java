package org.kyodaku.signals.sf;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.kyodaku.core.text.StrictUtf8;

/**
 * RFC 9651 §4.2 parsing algorithms, followed step by step.
 *
 * <p>Input: one field value (several field lines already joined with {@code ", "}, §4.2). Any
 * character outside ASCII fails (§4.2: parsers work on ASCII). Leading and trailing SP are
 * discarded; then the top-level type is parsed and any remaining input fails. Each function below
 * names its RFC section; "fail" raises {@link StructuredFieldException} at the current offset.
 *
 * <p>Limits from §3.3.1–3.3.2: integers at most 15 digits, decimals at most 12 integer and 3
 * fraction digits; dates are integers (§3.3.7); display strings are percent-encoded UTF-8 with
 * lower-case hex (§3.3.8). Byte sequences accept missing {@code =} padding (§4.2.7 SHOULD NOT
 * fail).
 */
final class Rfc9651Parser {
  private final String input;
  private int pos;
  private final int end;

  private Rfc9651Parser(String input) {
    this.input = input;
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c > 0x7f) {
        throw new StructuredFieldException(
            "non-ASCII character U+" + String.format("%04X", (int) c), i, input);
      }
    }
    int start = 0;
    int stop = input.length();
    while (start < stop && input.charAt(start) == ' ') {
      start++;
    }
    while (stop > start && input.charAt(stop - 1) == ' ') {
      stop--;
    }
    this.pos = start;
    this.end = stop;
  }

  static SequencedMap<String, Member> dictionary(String input) {
    Rfc9651Parser p = new Rfc9651Parser(input);
    SequencedMap<String, Member> out = p.parseDictionary();
    p.expectEnd();
    return out;
  }

  static List<Member> list(String input) {
    Rfc9651Parser p = new Rfc9651Parser(input);
    List<Member> out = p.parseList();
    p.expectEnd();
    return out;
  }

  static Member.Item item(String input) {
    Rfc9651Parser p = new Rfc9651Parser(input);
    Member.Item out = p.parseItem();
    p.expectEnd();
    return out;
  }

  private void expectEnd() {
    if (pos != end) {
      throw fail("unexpected '" + input.charAt(pos) + "' after the value");
    }
  }

  private StructuredFieldException fail(String reason) {
    return new StructuredFieldException(reason, pos, input);
  }

  private boolean atEnd() {
    return pos >= end;
  }

  private char peek() {
    return input.charAt(pos);
  }

  private void discardOws() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
      pos++;
    }
  }

  // §4.2.1
  private List<Member> parseList() {
    List<Member> members = new ArrayList<>();
    while (!atEnd()) {
      members.add(parseItemOrInnerList());
      discardOws();
      if (atEnd()) {
        return members;
      }
      if (peek() != ',') {
        throw fail("expected ',' between list members but found '" + peek() + "'");
      }
      pos++;
      discardOws();
      if (atEnd()) {
        throw fail("trailing ',' in list");
      }
    }
    return members;
  }

  // §4.2.1.1
  private Member parseItemOrInnerList() {
    if (!atEnd() && peek() == '(') {
      return parseInnerList();
    }
    return parseItem();
  }

  // §4.2.1.2
  private Member.InnerList parseInnerList() {
    pos++; // '('
    List<Member.Item> items = new ArrayList<>();
    while (!atEnd()) {
      while (!atEnd() && peek() == ' ') {
        pos++;
      }
      if (atEnd()) {
        break;
      }
      if (peek() == ')') {
        pos++;
        return new Member.InnerList(items, parseParameters());
      }
      items.add(parseItem());
      if (atEnd()) {
        break;
      }
      if (peek() != ' ' && peek() != ')') {
        throw fail("expected ' ' or ')' in inner list but found '" + peek() + "'");
      }
    }
    throw fail("inner list not closed by ')'");
  }

  // §4.2.2
  private SequencedMap<String, Member> parseDictionary() {
    SequencedMap<String, Member> dict = new LinkedHashMap<>();
    while (!atEnd()) {
      String key = parseKey();
      Member member;
      if (!atEnd() && peek() == '=') {
        pos++;
        member = parseItemOrInnerList();
      } else {
        member = new Member.Item(new BareItem.Bool(true), parseParameters());
      }
      dict.put(key, member);
      discardOws();
      if (atEnd()) {
        return dict;
      }
      if (peek() != ',') {
        throw fail("expected ',' between dictionary members but found '" + peek() + "'");
      }
      pos++;
      discardOws();
      if (atEnd()) {
        throw fail("trailing ',' in dictionary");
      }
    }
    return dict;
  }

  // §4.2.3
  private Member.Item parseItem() {
    BareItem bare = parseBareItem();
    return new Member.Item(bare, parseParameters());
  }

  // §4.2.3.1
  private BareItem parseBareItem() {
    if (atEnd()) {
      throw fail("expected an item but the value ended");
    }
    char c = peek();
    if (c == '-' || isDigit(c)) {
      return parseIntegerOrDecimal();
    }
    if (c == '"') {
      return parseString();
    }
    if (c == '*' || isAlpha(c)) {
      return parseToken();
    }
    if (c == ':') {
      return parseByteSequence();
    }
    if (c == '?') {
      return parseBoolean();
    }
    if (c == '@') {
      return parseDate();
    }
    if (c == '%') {
      return parseDisplayString();
    }
    throw fail("'" + c + "' cannot start an item");
  }

  // §4.2.3.2
  private SequencedMap<String, BareItem> parseParameters() {
    SequencedMap<String, BareItem> params = new LinkedHashMap<>();
    while (!atEnd() && peek() == ';') {
      pos++;
      while (!atEnd() && peek() == ' ') {
        pos++;
      }
      String key = parseKey();
      BareItem value = new BareItem.Bool(true);
      if (!atEnd() && peek() == '=') {
        pos++;
        value = parseBareItem();
      }
      params.put(key, value);
    }
    return params;
  }

  // §4.2.3.3
  private String parseKey() {
    if (atEnd() || !(isLcAlpha(peek()) || peek() == '*')) {
      throw fail(
          atEnd() ? "expected a key but the value ended" : "'" + peek() + "' cannot start a key");
    }
    int start = pos;
    while (!atEnd()) {
      char c = peek();
      if (isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*') {
        pos++;
      } else {
        break;
      }
    }
    return input.substring(start, pos);
  }

  // §4.2.4
  private BareItem parseIntegerOrDecimal() {
    int start = pos;
    boolean decimal = false;
    boolean negative = false;
    if (peek() == '-') {
      pos++;
      negative = true;
    }
    if (atEnd()) {
      throw fail("'-' must be followed by a digit");
    }
    if (!isDigit(peek())) {
      throw fail("expected a digit but found '" + peek() + "'");
    }
    StringBuilder num = new StringBuilder();
    while (!atEnd()) {
      char c = peek();
      if (isDigit(c)) {
        num.append(c);
        pos++;
      } else if (!decimal && c == '.') {
        if (num.length() > 12) {
          throw fail("decimal has more than 12 integer digits");
        }
        num.append(c);
        decimal = true;
        pos++;
      } else {
        break;
      }
      if (!decimal && num.length() > 15) {
        throw fail("integer has more than 15 digits");
      }
      if (decimal && num.length() > 16) {
        throw fail("decimal has more than 16 characters");
      }
    }
    if (!decimal) {
      long v = Long.parseLong(num.toString());
      return new BareItem.Int(negative ? -v : v);
    }
    if (num.charAt(num.length() - 1) == '.') {
      throw fail("decimal ends with '.'");
    }
    if (num.length() - num.indexOf(".") - 1 > 3) {
      pos = start;
      throw fail("decimal has more than 3 fraction digits");
    }
    BigDecimal v = new BigDecimal(num.toString());
    return new BareItem.Dec(negative ? v.negate() : v);
  }

  // §4.2.5
  private BareItem parseString() {
    pos++; // '"'
    StringBuilder out = new StringBuilder();
    while (!atEnd()) {
      char c = peek();
      pos++;
      if (c == '\\') {
        if (atEnd()) {
          throw fail("string ends inside an escape");
        }
        char next = peek();
        if (next != '"' && next != '\\') {
          throw fail("'\\" + next + "' is not a valid escape");
        }
        pos++;
        out.append(next);
      } else if (c == '"') {
        return new BareItem.Text(out.toString());
      } else if (c < 0x20 || c > 0x7e) {
        pos--;
        throw fail(String.format("control character 0x%02x in string", (int) c));
      } else {
        out.append(c);
      }
    }
    throw fail("string not closed by '\"'");
  }

  // §4.2.6
  private BareItem parseToken() {
    int start = pos;
    pos++;
    while (!atEnd()) {
      char c = peek();
      if (isTchar(c) || c == ':' || c == '/') {
        pos++;
      } else {
        break;
      }
    }
    return new BareItem.Token(input.substring(start, pos));
  }

  // §4.2.7
  private BareItem parseByteSequence() {
    pos++; // ':'
    int close = input.indexOf(':', pos);
    if (close < 0 || close >= end) {
      throw fail("byte sequence not closed by ':'");
    }
    String b64 = input.substring(pos, close);
    for (int i = 0; i < b64.length(); i++) {
      char c = b64.charAt(i);
      if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '/' || c == '=')) {
        pos += i;
        throw fail("'" + c + "' is not a base64 character");
      }
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw fail("invalid base64 \"" + b64 + "\"");
    }
    pos = close + 1;
    return BareItem.Bytes.of(bytes);
  }

  // §4.2.8
  private BareItem parseBoolean() {
    pos++; // '?'
    if (!atEnd() && peek() == '1') {
      pos++;
      return new BareItem.Bool(true);
    }
    if (!atEnd() && peek() == '0') {
      pos++;
      return new BareItem.Bool(false);
    }
    throw fail("boolean must be ?0 or ?1");
  }

  // §4.2.9
  private BareItem parseDate() {
    pos++; // '@'
    if (atEnd()) {
      throw fail("date has no value");
    }
    BareItem n = parseIntegerOrDecimal();
    if (!(n instanceof BareItem.Int i)) {
      throw fail("date must be an integer");
    }
    return new BareItem.Date(i.value());
  }

  // §4.2.10
  private BareItem parseDisplayString() {
    pos++; // '%'
    if (atEnd() || peek() != '"') {
      throw fail("display string must start with %\"");
    }
    pos++;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (!atEnd()) {
      char c = peek();
      if (c < 0x20 || c > 0x7e) {
        throw fail(String.format("control character 0x%02x in display string", (int) c));
      }
      pos++;
      if (c == '%') {
        if (pos + 2 > end || !isLcHex(input.charAt(pos)) || !isLcHex(input.charAt(pos + 1))) {
          throw fail("'%' must be followed by two lower-case hex digits");
        }
        bytes.write(Integer.parseInt(input.substring(pos, pos + 2), 16));
        pos += 2;
      } else if (c == '"') {
        return new BareItem.Display(
            StrictUtf8.decode(bytes.toByteArray()).orElseThrow(() -> fail("display string is not valid UTF-8")));
      } else {
        bytes.write(c);
      }
    }
    throw fail("display string not closed by '\"'");
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isLcAlpha(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isLcHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f');
  }

  static boolean isTchar(char c) {
    return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
