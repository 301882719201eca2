package org.kyodaku.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Well-formed UTF-8 decodes to its text; every kind of ill-formed sequence is refused, with where. */
class StrictUtf8Test {
  @ParameterizedTest
  @ValueSource(strings = {"", "ascii", "許諾 kyodaku", "𝄞 outside the BMP", "\uFEFFa byte order mark stays"})
  void decode_wellFormed_givesTheText(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThat(StrictUtf8.decode(bytes)).contains(text);
    assertThat(StrictUtf8.malformedAt(bytes)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "stray continuation byte, 6162800a, 2",
    "truncated two-byte sequence at the end, 6162c3, 2",
    "truncated three-byte sequence before ASCII, 61e8a861, 1",
    "overlong slash, 61c0af, 1",
    "overlong three-byte NUL, e08080, 0",
    "surrogate U+D800, 6161eda080, 2",
    "above U+10FFFF, f4908080, 0",
    "byte FF, 41ff, 1",
    "Latin-1 e-acute, 636166e9, 3",
  })
  void decode_illFormed_isEmptyAndSaysWhere(String what, String hex, int at) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    assertThat(StrictUtf8.decode(bytes)).as(what).isEqualTo(Optional.empty());
    assertThat(StrictUtf8.malformedAt(bytes)).as(what).isEqualTo(OptionalInt.of(at));
  }
}
