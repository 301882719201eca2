package org.kyodaku.signals.sf;

import java.util.List;
import java.util.SequencedMap;

/**
 * Parses and serialises RFC 9651 structured field values.
 *
 * <p>Parsing is strict: any syntax error raises {@link StructuredFieldException} with the offset;
 * nothing is guessed. Callers that received several field lines join them with {@code ", "} first.
 */
public final class StructuredFields {
  private StructuredFields() {}

  /** Parses a Dictionary (§4.2.2); duplicate keys keep their first position and last value. */
  public static SequencedMap<String, Member> parseDictionary(String fieldValue) {
    return Rfc9651Parser.dictionary(fieldValue);
  }

  /** Parses a List (§4.2.1). */
  public static List<Member> parseList(String fieldValue) {
    return Rfc9651Parser.list(fieldValue);
  }

  /** Parses an Item (§4.2.3). */
  public static Member.Item parseItem(String fieldValue) {
    return Rfc9651Parser.item(fieldValue);
  }

  /** Serialises a Dictionary in canonical form (§4.1.2). */
  public static String serializeDictionary(SequencedMap<String, Member> dictionary) {
    return Rfc9651Serializer.dictionary(dictionary);
  }

  /** Serialises a List in canonical form (§4.1.1). */
  public static String serializeList(List<Member> list) {
    return Rfc9651Serializer.list(list);
  }

  /** Serialises an Item in canonical form (§4.1.3). */
  public static String serializeItem(Member.Item item) {
    return Rfc9651Serializer.item(item);
  }
}
