package org.kyodaku.signals.sf;

import java.math.BigDecimal;
import java.util.Base64;

/** A bare item (RFC 9651 §3.3): the value of an item or a parameter. */
public sealed interface BareItem {

  /** Integer, at most 15 digits (§3.3.1). */
  record Int(long value) implements BareItem {
    public Int {
      if (Math.abs(value) > 999_999_999_999_999L) {
        throw new IllegalArgumentException("integer " + value + " has more than 15 digits");
      }
    }
  }

  /** Decimal, at most 12 integer and 3 fraction digits (§3.3.2). */
  record Dec(BigDecimal value) implements BareItem {}

  /** String of printable ASCII (§3.3.3). */
  record Text(String value) implements BareItem {}

  /** Token (§3.3.4). */
  record Token(String value) implements BareItem {}

  /** Byte sequence (§3.3.5), held as canonical padded base64 so the value stays immutable. */
  record Bytes(String base64) implements BareItem {
    public static Bytes of(byte[] bytes) {
      return new Bytes(Base64.getEncoder().encodeToString(bytes));
    }

    /** A fresh copy of the bytes. */
    public byte[] bytes() {
      return Base64.getDecoder().decode(base64);
    }
  }

  /** Boolean (§3.3.6). */
  record Bool(boolean value) implements BareItem {}

  /** Date, seconds since the Unix epoch (§3.3.7). */
  record Date(long seconds) implements BareItem {}

  /** Display string: Unicode text (§3.3.8). */
  record Display(String value) implements BareItem {}
}
