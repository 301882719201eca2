package org.kyodaku.core.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Strict UTF-8 decoding (RFC 3629): bytes that are not well-formed UTF-8 — a stray continuation
 * byte, a truncated sequence, an overlong form, a surrogate (U+D800–U+DFFF) or a code point above
 * U+10FFFF — are an error, never decoded to U+FFFD. The JDK's {@code new String(bytes, UTF_8)}
 * replaces them, which is right for display and wrong wherever the text stands for the bytes: a
 * signed note, a hashed text, a parsed document. A byte order mark is kept as U+FEFF (it is
 * well-formed); callers that ignore one strip it themselves.
 *
 * <p>Each caller says in its own words what was not UTF-8; {@link #malformedAt} says where.
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /** {@code bytes} as text, or empty if they are not well-formed UTF-8. */
  public static Optional<String> decode(byte[] bytes) {
    try {
      return Optional.of(decoder().decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * The offset in {@code bytes} of the first sequence that is not well-formed UTF-8, or empty if
   * there is none.
   */
  public static OptionalInt malformedAt(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      decoder().decode(in);
      return OptionalInt.empty();
    } catch (CharacterCodingException e) {
      // A decoder that reports an error leaves the input at the start of the offending sequence.
      return OptionalInt.of(in.position());
    }
  }

  private static CharsetDecoder decoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}
