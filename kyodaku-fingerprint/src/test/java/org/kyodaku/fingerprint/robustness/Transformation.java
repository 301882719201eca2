package org.kyodaku.fingerprint.robustness;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One edit of the robustness report: a group (the row group in the tables), a name that says the
 * parameters, and the edit itself. {@code turns} marks rotations and mirrors, for which the
 * report also gives the best distance over PDQ's eight dihedral hashes.
 */
record Transformation(String group, String name, boolean turns, Edit edit) {
  /** The edit; {@code random} is seeded per source and transformation, so runs repeat. */
  interface Edit {
    Raster apply(Raster source, RandomGenerator random);
  }

  /** The caption and watermark texts: Latin only, so any installed sans-serif font has them. */
  static final String CAPTION = "© 2026 Example Studio · sample, not for AI training";

  static final String WATERMARK = "SAMPLE";

  /** Every edit, in report order. */
  static List<Transformation> catalogue() {
    return List.of(
        plain("resize", "resize 25%", s -> Transforms.scale(s, 0.25)),
        plain("resize", "resize 50%", s -> Transforms.scale(s, 0.50)),
        plain("resize", "resize 75%", s -> Transforms.scale(s, 0.75)),
        plain("resize", "resize 150%", s -> Transforms.scale(s, 1.5)),
        plain("resize", "resize 200%", s -> Transforms.scale(s, 2.0)),
        plain("resize", "resize 400%", s -> Transforms.scale(s, 4.0)),
        plain("jpeg", "JPEG q95", s -> Transforms.jpeg(s, 95)),
        plain("jpeg", "JPEG q75", s -> Transforms.jpeg(s, 75)),
        plain("jpeg", "JPEG q50", s -> Transforms.jpeg(s, 50)),
        plain("jpeg", "JPEG q30", s -> Transforms.jpeg(s, 30)),
        plain("jpeg", "JPEG q20", s -> Transforms.jpeg(s, 20)),
        plain("crop", "crop 5% centre", s -> Transforms.cropCentre(s, 0.05)),
        plain("crop", "crop 10% centre", s -> Transforms.cropCentre(s, 0.10)),
        plain("crop", "crop 20% centre", s -> Transforms.cropCentre(s, 0.20)),
        plain("crop", "crop 30% centre", s -> Transforms.cropCentre(s, 0.30)),
        plain("crop", "crop 10% corner", s -> Transforms.cropCorner(s, 0.10)),
        plain("crop", "crop 20% corner", s -> Transforms.cropCorner(s, 0.20)),
        turn("rotate", "rotate 90°", Transforms::rotate90),
        turn("rotate", "rotate 180°", Transforms::rotate180),
        turn("rotate", "mirror", Transforms::mirror),
        plain("rotate", "rotate 5° (black corners)", s -> Transforms.rotateSmall(s, 5)),
        plain("tone", "brightness +30%", s -> Transforms.brightness(s, 0.30)),
        plain("tone", "brightness −30%", s -> Transforms.brightness(s, -0.30)),
        plain("tone", "contrast +30%", s -> Transforms.contrast(s, 0.30)),
        plain("tone", "contrast −30%", s -> Transforms.contrast(s, -0.30)),
        plain("tone", "greyscale", Transforms::greyscale),
        plain("blur", "blur σ 0.5% of long side", s -> Transforms.gaussianBlur(s, sigma(s, 0.005))),
        plain("blur", "blur σ 1% of long side", s -> Transforms.gaussianBlur(s, sigma(s, 0.01))),
        plain("blur", "blur σ 2% of long side", s -> Transforms.gaussianBlur(s, sigma(s, 0.02))),
        new Transformation("noise", "noise σ 10", false, (s, r) -> Transforms.noise(s, 10, r)),
        new Transformation("noise", "noise σ 25", false, (s, r) -> Transforms.noise(s, 25, r)),
        plain("overlay", "caption text", s -> Transforms.caption(s, CAPTION)),
        plain("overlay", "watermark text", s -> Transforms.watermark(s, WATERMARK)),
        plain("aspect", "stretch width ×4/3", s -> Transforms.resize(s, s.width() * 4 / 3, s.height())),
        plain("aspect", "stretch height ×4/3", s -> Transforms.resize(s, s.width(), s.height() * 4 / 3)),
        plain("border", "white border 10%", s -> Transforms.border(s, 0.10, 0xffffff)),
        plain("border", "letterbox (black bars, +1/3 height)", s -> Transforms.letterbox(s, 1 / 6.0, 0x000000)),
        plain("border", "screenshot frame", Transforms::screenshot),
        plain("combined", "resize 50% + JPEG q75", s -> Transforms.jpeg(Transforms.scale(s, 0.5), 75)),
        plain(
            "combined",
            "thumbnail 160 px + JPEG q60",
            s -> Transforms.jpeg(Transforms.fitWithin(s, 160), 60)));
  }

  private interface Simple {
    Raster apply(Raster source);
  }

  private static Transformation plain(String group, String name, Simple edit) {
    return new Transformation(group, name, false, (s, r) -> edit.apply(s));
  }

  private static Transformation turn(String group, String name, Simple edit) {
    return new Transformation(group, name, true, (s, r) -> edit.apply(s));
  }

  private static double sigma(Raster s, double share) {
    return Math.max(0.5, Math.max(s.width(), s.height()) * share);
  }
}
