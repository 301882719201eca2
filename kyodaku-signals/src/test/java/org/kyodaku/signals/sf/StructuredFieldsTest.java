package org.kyodaku.signals.sf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.SequencedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.signals.Fixtures;

/**
 * Every {@code fixtures/sf/*.sf} case: a value of a given top-level type either parses and
 * serialises to the canonical form, or fails with the named reason at the named offset.
 */
class StructuredFieldsTest {

  static Stream<Path> cases() {
    return Fixtures.files("sf", ".sf").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parse_fixture_matchesCanonicalFormOrError(Path fixture) {
    String type = Fixtures.field(fixture, "type").orElseThrow();
    String input = Fixtures.field(fixture, "input").orElseThrow();
    var canonical = Fixtures.field(fixture, "canonical");
    if (canonical.isPresent()) {
      String out = roundTrip(type, input);
      assertThat(out).as(fixture.getFileName().toString()).isEqualTo(canonical.get());
      // Canonical output parses to itself.
      assertThat(roundTrip(type, out)).isEqualTo(out);
    } else {
      String error = Fixtures.field(fixture, "error").orElseThrow();
      assertThatThrownBy(() -> roundTrip(type, input))
          .as(fixture.getFileName().toString())
          .isInstanceOf(StructuredFieldException.class)
          .hasMessageContaining(error)
          .satisfies(
              e ->
                  Fixtures.field(fixture, "offset")
                      .ifPresent(
                          o ->
                              assertThat(((StructuredFieldException) e).offset())
                                  .as("offset")
                                  .isEqualTo(Integer.parseInt(o))));
      assertThat(fixture.getFileName().toString()).startsWith("error_");
    }
  }

  private static String roundTrip(String type, String input) {
    return switch (type) {
      case "item" -> StructuredFields.serializeItem(StructuredFields.parseItem(input));
      case "list" -> StructuredFields.serializeList(StructuredFields.parseList(input));
      case "dictionary" ->
          StructuredFields.serializeDictionary(StructuredFields.parseDictionary(input));
      default -> throw new IllegalArgumentException("unknown type " + type);
    };
  }

  @Test
  void parseDictionary_aiprefExample_keepsOrderAndValues() {
    SequencedMap<String, Member> d = StructuredFields.parseDictionary("train-ai=n, search=y;x=1");
    assertThat(d.sequencedKeySet()).containsExactly("train-ai", "search");
    assertThat(d.get("search")).isInstanceOf(Member.Item.class);
    Member.Item search = (Member.Item) d.get("search");
    assertThat(search.value()).isEqualTo(new BareItem.Token("y"));
    assertThat(search.params()).containsEntry("x", new BareItem.Int(1));
  }

  @Test
  void parseItem_byteSequence_decodesBytes() {
    Member.Item item = StructuredFields.parseItem(":AQID:");
    assertThat(((BareItem.Bytes) item.value()).bytes()).containsExactly(1, 2, 3);
  }

  @Test
  void serializeItem_decimalWithManyFractionDigits_roundsHalfEven() {
    assertThat(
            StructuredFields.serializeItem(
                Member.Item.of(new BareItem.Dec(new java.math.BigDecimal("0.0025")))))
        .isEqualTo("0.002");
  }

  @Test
  void serializeList_invalidToken_fails() {
    assertThatThrownBy(
            () -> StructuredFields.serializeList(List.of(Member.Item.of(new BareItem.Token("1a")))))
        .isInstanceOf(StructuredFieldException.class)
        .hasMessageContaining("invalid token \"1a\"");
  }
}
