package org.kyodaku.fingerprint.image;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * libjpeg-turbo's TurboJPEG API (the {@code libturbojpeg} shared library, version 2.x ABI) called
 * through the Foreign Function and Memory API: the JDK's own JPEG decoder is libjpeg 6b without
 * SIMD and dominates the time of hashing a photo (docs/benchmarks.md §6, ADR 0009).
 *
 * <p>Only {@link ImageIoDecoder} calls this, and only for files {@link JpegHeader#decodesAsJdk()}
 * accepts. Any failure, including any warning from the library, answers {@code null} and the JDK
 * path decodes the file, so damaged files get exactly the JDK path's checks and messages.
 *
 * <p>The library is looked up once: the system property {@value #LIBRARY_PROPERTY} names a file
 * or library to load, or {@code none} to never use native code; otherwise the usual names are
 * tried through the system's loader ({@code libturbojpeg.so.0} is Debian's {@code libturbojpeg0}).
 * If none loads, {@link #available()} is false and every JPEG goes through the JDK.
 */
final class TurboJpeg {
  static final String LIBRARY_PROPERTY = "kyodaku.turbojpeg";

  private static final List<String> LIBRARY_NAMES =
      List.of("libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.0.dylib", "turbojpeg.dll");

  // turbojpeg.h: pixel formats and flags.
  private static final int TJPF_BGRX = 3;
  private static final int TJPF_XRGB = 5;
  private static final int TJPF_GRAY = 6;
  private static final int TJFLAG_ACCURATEDCT = 4096;
  private static final int TJFLAG_STOPONWARNING = 8192;
  /**
   * Keeps progressive files with absurd scan counts (a known denial-of-service shape) out of the
   * native call; the JDK path, which has no such limit, then decodes them as it always did.
   */
  private static final int TJFLAG_LIMITSCANS = 32768;
  private static final int FLAGS = TJFLAG_ACCURATEDCT | TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS;

  /** A packed int read in native order is 0xXXRRGGBB exactly for this byte layout. */
  private static final int PIXEL_FORMAT =
      ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? TJPF_BGRX : TJPF_XRGB;

  private static final Binding BINDING = Binding.load();

  /** What {@code getRGB} gives for each grey level of an 8-bit grey JPEG (see {@link #greyLevels}). */
  private static final int[] GREY_TO_RGB = greyLevels();

  private TurboJpeg() {}

  /** Whether the library loaded; when false every call answers {@code null}. */
  static boolean available() {
    return BINDING.decompress != null;
  }

  /** The library that loaded, or why none did: for diagnostics. */
  static String describe() {
    return BINDING.description;
  }

  /**
   * The packed {@code 0xRRGGBB} pixels of {@code jpeg}, whose frame header {@code header} has
   * already been read and accepted, or {@code null} if the library is missing or reports any
   * error or warning.
   */
  static int[] decode(byte[] jpeg, JpegHeader header) {
    if (!available()) {
      return null;
    }
    try (Arena arena = Arena.ofConfined()) {
      int width = header.width();
      int height = header.height();
      int pixels = Math.multiplyExact(width, height);
      int bytesPerPixel = header.grey() ? 1 : 4;
      // Native buffers, not the Java arrays themselves: a call that may touch heap arrays must be
      // "critical", which holds off every safepoint in the JVM until it returns, and a decode of
      // a large or hostile file is not short.
      MemorySegment source = arena.allocate(jpeg.length);
      MemorySegment.copy(jpeg, 0, source, ValueLayout.JAVA_BYTE, 0, jpeg.length);
      MemorySegment target = arena.allocate((long) pixels * bytesPerPixel, 4);
      MemorySegment dims = arena.allocate(ValueLayout.JAVA_INT, 4);
      MemorySegment handle = (MemorySegment) BINDING.init.invokeExact();
      if (handle.equals(MemorySegment.NULL)) {
        return null;
      }
      try {
        int status = (int) BINDING.header.invokeExact(
            handle, source, (long) jpeg.length, dims, dims.asSlice(4), dims.asSlice(8),
            dims.asSlice(12));
        if (status != 0
            || dims.getAtIndex(ValueLayout.JAVA_INT, 0) != width
            || dims.getAtIndex(ValueLayout.JAVA_INT, 1) != height) {
          return null;
        }
        int format = header.grey() ? TJPF_GRAY : PIXEL_FORMAT;
        status = (int) BINDING.decompress.invokeExact(
            handle, source, (long) jpeg.length, target, width, width * bytesPerPixel, height,
            format, FLAGS);
        if (status != 0) {
          return null;
        }
      } finally {
        int ignored = (int) BINDING.destroy.invokeExact(handle);
      }
      int[] out = new int[pixels];
      if (header.grey()) {
        for (int i = 0; i < pixels; i++) {
          out[i] = GREY_TO_RGB[target.get(ValueLayout.JAVA_BYTE, i) & 0xFF];
        }
      } else {
        // Bits 24-31 keep the X byte libjpeg-turbo writes (0xFF), as getRGB gives them; RgbImage
        // gives those bits no meaning.
        MemorySegment.copy(target, ValueLayout.JAVA_INT, 0, out, 0, pixels);
      }
      return out;
    } catch (Throwable e) {
      if (e instanceof Error error && !(e instanceof LinkageError)) {
        throw error; // out of memory and the like are not a reason to try another decoder
      }
      return null;
    }
  }

  /** The packed sRGB the JDK's {@code getRGB} gives for grey {@code level} (0–255). */
  static int greyToRgb(int level) {
    return GREY_TO_RGB[level];
  }

  /**
   * The JDK's conversion of 8-bit grey to sRGB, taken from the JDK itself: its JPEG reader returns
   * grey files as {@link BufferedImage#TYPE_BYTE_GRAY} (linear grey), and {@code getRGB}, which
   * the PDQ reference reads pixels with, maps each level through a fixed table.
   */
  private static int[] greyLevels() {
    BufferedImage ramp = new BufferedImage(256, 1, BufferedImage.TYPE_BYTE_GRAY);
    for (int level = 0; level < 256; level++) {
      ramp.getRaster().setSample(level, 0, 0, level);
    }
    int[] rgb = ramp.getRGB(0, 0, 256, 1, null, 0, 256);
    for (int level = 0; level < 256; level++) {
      rgb[level] &= 0xFFFFFF;
    }
    return rgb;
  }

  /** The library's functions, or nulls and the reason none loaded. */
  private record Binding(
      MethodHandle init,
      MethodHandle header,
      MethodHandle decompress,
      MethodHandle destroy,
      String description) {

    static Binding load() {
      String configured = System.getProperty(LIBRARY_PROPERTY, "").trim();
      if (configured.equalsIgnoreCase("none")) {
        return missing("disabled by -D" + LIBRARY_PROPERTY + "=none");
      }
      List<String> candidates = configured.isEmpty() ? LIBRARY_NAMES : List.of(configured);
      List<String> failures = new ArrayList<>();
      for (String name : candidates) {
        try {
          return bind(name, SymbolLookup.libraryLookup(name, Arena.global()));
        } catch (RuntimeException e) {
          // Not found, too old, or no native linker on this platform: the JDK decodes instead.
          failures.add(name + " (" + e.getMessage() + ")");
        }
      }
      return missing("libjpeg-turbo 2.0 or newer not found: " + String.join(", ", failures));
    }

    private static Binding missing(String why) {
      return new Binding(null, null, null, null, why);
    }

    private static MemorySegment symbol(SymbolLookup library, String name) {
      return library.find(name)
          .orElseThrow(() -> new IllegalArgumentException("no symbol " + name));
    }

    private static Binding bind(String name, SymbolLookup library) {
      Linker linker = Linker.nativeLinker();
      MemoryLayout cLong = linker.canonicalLayouts().get("long");
      if (cLong.byteSize() != 8) {
        throw new IllegalArgumentException("a C long of " + cLong.byteSize() + " bytes is not supported");
      }
      ValueLayout ptr = ValueLayout.ADDRESS;
      ValueLayout i32 = ValueLayout.JAVA_INT;
      // tjGetErrorCode came with 2.0, as did failing on warnings (TJFLAG_STOPONWARNING): an older
      // library would ignore that flag and hand back pixels of a damaged file the JDK refuses.
      symbol(library, "tjGetErrorCode");
      return new Binding(
          linker.downcallHandle(symbol(library, "tjInitDecompress"), FunctionDescriptor.of(ptr)),
          linker.downcallHandle(
              symbol(library, "tjDecompressHeader3"),
              FunctionDescriptor.of(i32, ptr, ptr, cLong, ptr, ptr, ptr, ptr)),
          linker.downcallHandle(
              symbol(library, "tjDecompress2"),
              FunctionDescriptor.of(i32, ptr, ptr, cLong, ptr, i32, i32, i32, i32, i32)),
          linker.downcallHandle(symbol(library, "tjDestroy"), FunctionDescriptor.of(i32, ptr)),
          "libjpeg-turbo (" + name + ")");
    }
  }
}
