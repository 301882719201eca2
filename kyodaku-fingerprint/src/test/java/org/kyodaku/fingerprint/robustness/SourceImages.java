package org.kyodaku.fingerprint.robustness;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.kyodaku.fingerprint.image.ImageDecoder;

/**
 * Which pictures the robustness report starts from, and how they are read.
 *
 * <p>Every source is a distinct picture: files that are variants of one photo are counted once
 * (the upstream PDQ test data holds one bridge photo in many edits, orientations and colour
 * modes; wallpaper packages ship one picture at many resolutions or in colour variants). The
 * rules are written out here so that a changed package version changes the inventory visibly,
 * not silently.
 */
final class SourceImages {
  /** A picture to transform; {@code origin} names the folder it came from. */
  record Source(String id, String origin, Path file) {}

  /** A file related to a source (an edit, or the same object photographed again), compared as it is. */
  record KnownVariant(String sourceId, String description, Path file) {}

  private static final ImageDecoder DECODER = ImageDecoder.imageIo();
  private static final Pattern RESOLUTION_SUFFIX = Pattern.compile(".*_\\d+x\\d+\\.(jpe?g|png)");
  private static final Pattern RESOLUTION_NAME = Pattern.compile("(\\d+)x(\\d+)\\.(jpe?g|png)");

  private SourceImages() {}

  /**
   * The distinct photos in the upstream PDQ test data ({@code testdata/pdq/data}): the bridge
   * photo once, the seven labelme photos, the pen-and-coaster picture, the EXIF test photo once,
   * and the two small misc images. Left out as edits of these: the other bridge-mods files, the
   * eight dihedral bridge files and the colour-mode files (the bridge again); also left out, as
   * the same objects photographed again rather than unrelated pictures: {@code c.png} (the coaster
   * of pen-and-coaster) and the EXIF files with orientation 3, 6 and 8 (the desk of
   * exif-rotn-1).
   */
  static List<Source> pdqTestData(Path pdqData) {
    List<Source> out = new ArrayList<>();
    out.add(new Source("bridge", "testdata/pdq", pdqData.resolve("bridge-mods/aaa-orig.jpg")));
    for (Path p : list(pdqData.resolve("reg-test-input/labelme-subset"))) {
      out.add(new Source("labelme-" + stem(p), "testdata/pdq", p));
    }
    out.add(new Source("pen-and-coaster", "testdata/pdq", pdqData.resolve("reg-test-input/pen-and-coaster.png")));
    out.add(new Source("exif-rotn", "testdata/pdq", pdqData.resolve("reg-test-input/exif-rotn/exif-rotn-1.jpg")));
    out.add(new Source("small", "testdata/pdq", pdqData.resolve("misc-images/small.jpg")));
    out.add(new Source("wee", "testdata/pdq", pdqData.resolve("misc-images/wee.jpg")));
    return out;
  }

  /** The upstream files left out of {@link #pdqTestData}, each with the source it relates to. */
  static List<KnownVariant> pdqKnownVariants(Path pdqData) {
    List<KnownVariant> out = new ArrayList<>();
    for (Path p : list(pdqData.resolve("bridge-mods"))) {
      if (!p.getFileName().toString().equals("aaa-orig.jpg")) {
        out.add(new KnownVariant("bridge", "bridge-mods/" + p.getFileName(), p));
      }
    }
    for (Path p : list(pdqData.resolve("reg-test-input/dih"))) {
      out.add(new KnownVariant("bridge", "dih/" + p.getFileName(), p));
    }
    for (Path p : list(pdqData.resolve("misc-images/modes"))) {
      out.add(new KnownVariant("bridge", "modes/" + p.getFileName(), p));
    }
    // Not edits: other photographs of the same objects, listed to show that a re-shoot is not found.
    out.add(new KnownVariant(
        "pen-and-coaster", "misc-images/c.png (another photo of the coaster)", pdqData.resolve("misc-images/c.png")));
    for (String n : List.of("3", "6", "8")) {
      Path p = pdqData.resolve("reg-test-input/exif-rotn/exif-rotn-" + n + ".jpg");
      out.add(new KnownVariant("exif-rotn", "exif-rotn-" + n + ".jpg (another shot of the desk, camera turned)", p));
    }
    return out;
  }

  /**
   * Wallpaper folders of Debian packages, where installed: {@code /usr/share/backgrounds} (its own
   * files: ukui-wallpapers, lomiri-wallpapers-20.04), {@code /usr/share/backgrounds/mate}
   * (mate-backgrounds) and {@code /usr/share/wallpapers} (plasma-workspace-wallpapers).
   */
  static List<Source> packaged(Path backgrounds, Path wallpapers) {
    List<Source> out = new ArrayList<>();
    if (Files.isDirectory(backgrounds)) {
      for (Path p : list(backgrounds)) {
        out.add(new Source(stem(p), backgrounds.toString(), p));
      }
    }
    Path mate = backgrounds.resolve("mate");
    if (Files.isDirectory(mate)) {
      try (Stream<Path> files = Files.walk(mate)) {
        files
            .filter(SourceImages::isImage)
            .sorted()
            // Elephants_3840x2160.jpg is Elephants.jpg at another size.
            .filter(p -> !RESOLUTION_SUFFIX.matcher(p.getFileName().toString()).matches())
            // One design in four colour schemes (Cold, Dark, Radioactive, Warm): keep one.
            .filter(p -> !p.getFileName().toString().matches("Ubuntu-Mate-(Dark|Radioactive|Warm)-no-logo\\.png"))
            .forEach(p -> out.add(new Source("mate-" + stem(p), mate.toString(), p)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (Files.isDirectory(wallpapers)) {
      for (Path dir : listDirs(wallpapers)) {
        // Each wallpaper ships one picture at several resolutions (and some a dark variant in
        // images_dark, not used): take the landscape 1920x1080 file, else the largest landscape one.
        pickResolution(dir.resolve("contents/images"))
            .ifPresent(p -> out.add(new Source("plasma-" + dir.getFileName(), wallpapers.toString(), p)));
      }
    }
    return out;
  }

  private static Optional<Path> pickResolution(Path images) {
    if (!Files.isDirectory(images)) {
      return Optional.empty();
    }
    Path best = null;
    long bestPixels = -1;
    for (Path p : list(images)) {
      var m = RESOLUTION_NAME.matcher(p.getFileName().toString());
      if (!m.matches()) {
        continue;
      }
      int w = Integer.parseInt(m.group(1));
      int h = Integer.parseInt(m.group(2));
      if (w == 1920 && h == 1080) {
        return Optional.of(p);
      }
      if (w > h && (long) w * h > bestPixels) {
        best = p;
        bestPixels = (long) w * h;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Decodes {@code file} as the registry does, or says why it is not used: a PNG with a
   * transparent area is left out, because what a viewer sees there depends on what is behind
   * it, while PDQ (like its reference) drops alpha and hashes whatever colour the transparent
   * pixels happen to hold.
   */
  static Raster load(Path file) {
    if (hasTransparency(file)) {
      throw new NotUsed("transparent PNG");
    }
    return Raster.of(DECODER.decode(file));
  }

  /** Why a source file is left out of the report. */
  static final class NotUsed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotUsed(String reason) {
      super(reason);
    }
  }

  private static boolean hasTransparency(Path file) {
    if (!file.toString().toLowerCase(Locale.ROOT).endsWith(".png") || !pngHasAlphaChannel(file)) {
      return false;
    }
    try {
      BufferedImage image = ImageIO.read(file.toFile());
      if (image == null || !image.getColorModel().hasAlpha()) {
        return false;
      }
      int w = image.getWidth();
      int h = image.getHeight();
      long transparent = 0;
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        image.getRGB(0, y, w, 1, row, 0, w);
        for (int argb : row) {
          if (argb >>> 24 != 0xff) {
            transparent++;
          }
        }
      }
      return transparent * 100 > (long) w * h;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** PNG colour types 4 (grey + alpha) and 6 (RGBA), from the IHDR chunk at byte 25. */
  private static boolean pngHasAlphaChannel(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(26);
      return head.length == 26 && (head[25] == 4 || head[25] == 6);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p) && (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".webp"));
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(SourceImages::isImage).sorted(Comparator.comparing(Path::toString)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static List<Path> listDirs(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
