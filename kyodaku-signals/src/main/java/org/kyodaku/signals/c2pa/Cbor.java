package org.kyodaku.signals.c2pa;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kyodaku.core.text.StrictUtf8;

/**
 * A minimal CBOR decoder (RFC 8949) for assertion boxes: unsigned and negative integers ({@link
 * BigInteger} beyond {@code long}), byte strings ({@code byte[]}), UTF-8 text ({@link String}),
 * arrays ({@link List}), maps ({@link LinkedHashMap}, any key type; a repeated key is an error),
 * tags (skipped: the tagged item is returned), {@code false}/{@code true}/{@code null}/{@code
 * undefined} (the last two as {@link #NULL}), and half/single/double floats ({@link Double}).
 * Indefinite lengths are accepted for strings, arrays and maps. Nesting is limited to {@value
 * #MAX_DEPTH}; every length is checked against the bytes left, so a lying header fails instead of
 * allocating.
 */
final class Cbor {
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };
  static final int MAX_DEPTH = 32;

  private final byte[] in;
  private int pos;

  private Cbor(byte[] in) {
    this.in = in;
  }

  /** Decodes exactly one item filling {@code bytes}. */
  static Object decode(byte[] bytes) {
    Cbor c = new Cbor(bytes);
    Object v = c.item(0);
    if (c.pos != bytes.length) {
      throw new CborException("trailing bytes after the CBOR item at byte " + c.pos);
    }
    return v;
  }

  private static final Object BREAK = new Object();

  private Object item(int depth) {
    if (depth > MAX_DEPTH) {
      throw new CborException("CBOR nested deeper than " + MAX_DEPTH + " at byte " + pos);
    }
    int start = pos;
    int ib = u8();
    int major = ib >>> 5;
    int info = ib & 0x1f;
    if (major == 7) {
      return simple(info, start);
    }
    if (info == 31) {
      return indefinite(major, depth, start);
    }
    long n = argument(info, start);
    return switch (major) {
      case 0 -> n >= 0 ? (Object) n : new BigInteger(Long.toUnsignedString(n));
      case 1 -> n >= 0 ? (Object) (-1 - n) : BigInteger.ONE.negate().subtract(new BigInteger(Long.toUnsignedString(n)));
      case 2 -> bytes(n, start);
      case 3 -> text(bytes(n, start), start);
      case 4 -> {
        List<Object> list = new ArrayList<>();
        long size = count(n, start);
        for (long i = 0; i < size; i++) {
          list.add(item(depth + 1));
        }
        yield list;
      }
      case 5 -> {
        Map<Object, Object> map = new LinkedHashMap<>();
        long size = count(n, start);
        for (long i = 0; i < size; i++) {
          put(map, item(depth + 1), item(depth + 1), start);
        }
        yield map;
      }
      case 6 -> item(depth + 1);
      default -> throw new CborException("major type " + major + " at byte " + start);
    };
  }

  private Object indefinite(int major, int depth, int start) {
    switch (major) {
      case 2, 3 -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
          if (peek() == 0xff) {
            pos++;
            break;
          }
          int chunkStart = pos;
          int ib = u8();
          if (ib >>> 5 != major || (ib & 0x1f) == 31) {
            throw new CborException("bad chunk in an indefinite string at byte " + chunkStart);
          }
          out.writeBytes(bytes(argument(ib & 0x1f, chunkStart), chunkStart));
        }
        return major == 2 ? out.toByteArray() : text(out.toByteArray(), start);
      }
      case 4 -> {
        List<Object> list = new ArrayList<>();
        for (Object v = item(depth + 1); v != BREAK; v = item(depth + 1)) {
          list.add(v);
        }
        return list;
      }
      case 5 -> {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (Object k = item(depth + 1); k != BREAK; k = item(depth + 1)) {
          Object v = item(depth + 1);
          if (v == BREAK) {
            throw new CborException("map key without a value at byte " + pos);
          }
          put(map, k, v, start);
        }
        return map;
      }
      default -> throw new CborException("indefinite length for major type " + major + " at byte " + start);
    }
  }

  private Object simple(int info, int start) {
    return switch (info) {
      case 20 -> false;
      case 21 -> true;
      case 22, 23 -> NULL;
      case 25 -> halfFloat((int) argument(25, start));
      case 26 -> (double) Float.intBitsToFloat((int) argument(26, start));
      case 27 -> Double.longBitsToDouble(argument(27, start));
      case 31 -> BREAK;
      default -> throw new CborException("unsupported simple value " + info + " at byte " + start);
    };
  }

  private static double halfFloat(int h) {
    int exp = (h >> 10) & 0x1f;
    int mant = h & 0x3ff;
    double v = exp == 0 ? Math.scalb((double) mant, -24)
        : exp == 31 ? (mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
        : Math.scalb((double) (mant + 1024), exp - 25);
    return (h & 0x8000) != 0 ? -v : v;
  }

  private long argument(int info, int start) {
    if (info < 24) {
      return info;
    }
    int size = switch (info) {
      case 24 -> 1;
      case 25 -> 2;
      case 26 -> 4;
      case 27 -> 8;
      default -> throw new CborException("reserved additional information " + info + " at byte " + start);
    };
    long v = 0;
    for (int i = 0; i < size; i++) {
      v = (v << 8) | u8();
    }
    return v;
  }

  private long count(long n, int start) {
    // Every item takes at least one byte.
    if (n < 0 || n > in.length - pos) {
      throw new CborException("length " + Long.toUnsignedString(n) + " at byte " + start + " exceeds the " + (in.length - pos) + " bytes left");
    }
    return n;
  }

  private byte[] bytes(long n, int start) {
    count(n, start);
    byte[] out = java.util.Arrays.copyOfRange(in, pos, pos + (int) n);
    pos += (int) n;
    return out;
  }

  private static String text(byte[] b, int start) {
    return StrictUtf8.decode(b).orElseThrow(() -> new CborException("text string at byte " + start + " is not UTF-8"));
  }

  private static void put(Map<Object, Object> map, Object k, Object v, int start) {
    if (k == BREAK || v == BREAK) {
      throw new CborException("unexpected break in the map at byte " + start);
    }
    if (map.put(k instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : k, v) != null) {
      throw new CborException("duplicate map key " + k + " in the map at byte " + start);
    }
  }

  private int peek() {
    if (pos >= in.length) {
      throw new CborException("CBOR truncated at byte " + pos);
    }
    return in[pos] & 0xff;
  }

  private int u8() {
    int b = peek();
    pos++;
    return b;
  }
}
