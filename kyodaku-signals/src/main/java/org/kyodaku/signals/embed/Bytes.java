package org.kyodaku.signals.embed;

/** Bounds-checked big- and little-endian reads; a short read is an {@link EmbedException}. */
final class Bytes {
  private Bytes() {}

  static boolean startsWith(byte[] in, int at, byte[] prefix) {
    if (at < 0 || in.length - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (in[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static void need(byte[] in, long at, long n, String what) {
    if (at < 0 || n < 0 || at + n > in.length) {
      throw new EmbedException(what + " at byte " + at + " needs " + n + " bytes; the file ends at byte " + in.length);
    }
  }

  static int u16be(byte[] in, int at, String what) {
    need(in, at, 2, what);
    return ((in[at] & 0xff) << 8) | (in[at + 1] & 0xff);
  }

  static long u32be(byte[] in, int at, String what) {
    need(in, at, 4, what);
    return ((in[at] & 0xffL) << 24) | ((in[at + 1] & 0xffL) << 16) | ((in[at + 2] & 0xffL) << 8) | (in[at + 3] & 0xffL);
  }

  static int u16le(byte[] in, int at, String what) {
    need(in, at, 2, what);
    return (in[at] & 0xff) | ((in[at + 1] & 0xff) << 8);
  }

  static long u32le(byte[] in, int at, String what) {
    need(in, at, 4, what);
    return (in[at] & 0xffL) | ((in[at + 1] & 0xffL) << 8) | ((in[at + 2] & 0xffL) << 16) | ((in[at + 3] & 0xffL) << 24);
  }

  static int indexOf(byte[] in, byte[] needle, int from, int to) {
    outer:
    for (int i = Math.max(0, from); i <= to - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (in[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
