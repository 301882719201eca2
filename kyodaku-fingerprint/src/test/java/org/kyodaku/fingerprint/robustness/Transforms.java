package org.kyodaku.fingerprint.robustness;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.random.RandomGenerator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.kyodaku.fingerprint.image.ImageDecoder;

/**
 * The image edits of the robustness report, written here rather than taken from a tool so that
 * every step is known: pixel arithmetic on {@link Raster}s, Java 2D only to draw text, the JDK's
 * JPEG writer to encode, and the registry's own decoder to read the JPEG back.
 *
 * <p>Colour arithmetic is per channel on 8-bit sRGB values (no linearisation), rounded and
 * clamped to 0..255, as ImageMagick does by default.
 */
final class Transforms {
  private static final ImageDecoder DECODER = ImageDecoder.imageIo();

  private Transforms() {}

  // ---- resampling ----------------------------------------------------------------------------

  /**
   * Resizes to {@code newWidth x newHeight}, each axis separately: shrinking averages the source
   * area each output pixel covers (exact box filter, fractional edges weighted); enlarging
   * interpolates linearly between pixel centres.
   */
  static Raster resize(Raster in, int newWidth, int newHeight) {
    float[][] planes = planes(in);
    int w = in.width();
    int h = in.height();
    float[][] out = new float[3][];
    for (int c = 0; c < 3; c++) {
      float[] horizontal = resampleAxis(planes[c], w, h, newWidth, true);
      out[c] = resampleAxis(horizontal, newWidth, h, newHeight, false);
    }
    return fromPlanes(out, newWidth, newHeight);
  }

  static Raster scale(Raster in, double factor) {
    return resize(
        in,
        Math.max(1, (int) Math.round(in.width() * factor)),
        Math.max(1, (int) Math.round(in.height() * factor)));
  }

  /** Shrinks (never enlarges) so that the longer side is at most {@code maxSide}. */
  static Raster fitWithin(Raster in, int maxSide) {
    int longer = Math.max(in.width(), in.height());
    return longer <= maxSide ? in : scale(in, (double) maxSide / longer);
  }

  /** One axis of {@link #resize}: {@code along} rows ({@code horizontal}) or columns. */
  private static float[] resampleAxis(float[] src, int w, int h, int newSize, boolean horizontal) {
    int oldSize = horizontal ? w : h;
    int lines = horizontal ? h : w;
    int outW = horizontal ? newSize : w;
    float[] dst = new float[horizontal ? newSize * h : w * newSize];
    int[][] index = new int[newSize][];
    float[][] weight = new float[newSize][];
    double ratio = (double) oldSize / newSize;
    for (int i = 0; i < newSize; i++) {
      if (ratio > 1) {
        double start = i * ratio;
        double end = (i + 1) * ratio;
        int first = (int) Math.floor(start);
        int last = Math.min(oldSize - 1, (int) Math.ceil(end) - 1);
        index[i] = new int[last - first + 1];
        weight[i] = new float[last - first + 1];
        for (int j = first; j <= last; j++) {
          index[i][j - first] = j;
          weight[i][j - first] = (float) ((Math.min(end, j + 1) - Math.max(start, j)) / ratio);
        }
      } else {
        double x = (i + 0.5) * ratio - 0.5;
        int x0 = (int) Math.floor(x);
        float f = (float) (x - x0);
        index[i] = new int[] {clamp(x0, oldSize - 1), clamp(x0 + 1, oldSize - 1)};
        weight[i] = new float[] {1 - f, f};
      }
    }
    for (int line = 0; line < lines; line++) {
      for (int i = 0; i < newSize; i++) {
        float sum = 0;
        int[] ix = index[i];
        float[] wt = weight[i];
        for (int k = 0; k < ix.length; k++) {
          sum += wt[k] * (horizontal ? src[line * w + ix[k]] : src[ix[k] * w + line]);
        }
        if (horizontal) {
          dst[line * outW + i] = sum;
        } else {
          dst[i * outW + line] = sum;
        }
      }
    }
    return dst;
  }

  // ---- encoding ------------------------------------------------------------------------------

  /** Encodes as baseline JPEG at {@code quality} (1–100, the JDK writer's 4:2:0) and decodes. */
  static Raster jpeg(Raster in, int quality) {
    ImageWriter writer = jdkJpegWriter();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      writer.write(null, new IIOImage(in.toBufferedImage(), null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding failed at quality " + quality, e);
    } finally {
      writer.dispose();
    }
    return Raster.of(DECODER.decode(bytes.toByteArray(), "jpeg-q" + quality));
  }

  private static ImageWriter jdkJpegWriter() {
    ImageWriter fallback = null;
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
      ImageWriter w = it.next();
      if (w.getClass().getName().startsWith("com.sun.imageio.")) {
        return w;
      }
      fallback = fallback == null ? w : fallback;
    }
    if (fallback == null) {
      throw new IllegalStateException("no JPEG writer registered with javax.imageio");
    }
    return fallback;
  }

  // ---- geometry ------------------------------------------------------------------------------

  /** Keeps the centre, removing {@code share} of the width and of the height (half each side). */
  static Raster cropCentre(Raster in, double share) {
    int w = Math.max(1, (int) Math.round(in.width() * (1 - share)));
    int h = Math.max(1, (int) Math.round(in.height() * (1 - share)));
    return crop(in, (in.width() - w) / 2, (in.height() - h) / 2, w, h);
  }

  /** Keeps the top-left corner, removing {@code share} of the width and height at right/bottom. */
  static Raster cropCorner(Raster in, double share) {
    int w = Math.max(1, (int) Math.round(in.width() * (1 - share)));
    int h = Math.max(1, (int) Math.round(in.height() * (1 - share)));
    return crop(in, 0, 0, w, h);
  }

  static Raster crop(Raster in, int x0, int y0, int w, int h) {
    int[] out = new int[w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(in.rgb(), (y0 + y) * in.width() + x0, out, y * w, w);
    }
    return new Raster(w, h, out);
  }

  /** A quarter turn clockwise. */
  static Raster rotate90(Raster in) {
    int w = in.width();
    int h = in.height();
    int[] out = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // Source (x, y) goes to column h-1-y, row x of an h-wide image.
        out[x * h + (h - 1 - y)] = in.rgb()[y * w + x];
      }
    }
    return new Raster(h, w, out);
  }

  static Raster rotate180(Raster in) {
    int[] src = in.rgb();
    int[] out = new int[src.length];
    for (int i = 0; i < src.length; i++) {
      out[src.length - 1 - i] = src[i];
    }
    return new Raster(in.width(), in.height(), out);
  }

  /** Mirror image: left and right swapped. */
  static Raster mirror(Raster in) {
    int w = in.width();
    int[] out = new int[in.rgb().length];
    for (int y = 0; y < in.height(); y++) {
      for (int x = 0; x < w; x++) {
        out[y * w + (w - 1 - x)] = in.rgb()[y * w + x];
      }
    }
    return new Raster(w, in.height(), out);
  }

  /**
   * Turns by {@code degrees} anticlockwise about the centre on a canvas of the same size,
   * bilinear, corners that fall outside the source black (as a rotate-without-expand tool does).
   */
  static Raster rotateSmall(Raster in, double degrees) {
    int w = in.width();
    int h = in.height();
    double rad = Math.toRadians(degrees);
    double cos = Math.cos(rad);
    double sin = Math.sin(rad);
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    int[] src = in.rgb();
    int[] out = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // Inverse mapping: which source point lands on (x, y).
        double dx = x - cx;
        double dy = y - cy;
        double sx = cx + cos * dx - sin * dy;
        double sy = cy + sin * dx + cos * dy;
        if (sx < 0 || sy < 0 || sx > w - 1 || sy > h - 1) {
          continue;
        }
        int x0 = (int) sx;
        int y0 = (int) sy;
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double fx = sx - x0;
        double fy = sy - y0;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
          double top = (1 - fx) * (src[y0 * w + x0] >> shift & 0xff) + fx * (src[y0 * w + x1] >> shift & 0xff);
          double bottom = (1 - fx) * (src[y1 * w + x0] >> shift & 0xff) + fx * (src[y1 * w + x1] >> shift & 0xff);
          rgb |= to8((1 - fy) * top + fy * bottom) << shift;
        }
        out[y * w + x] = rgb;
      }
    }
    return new Raster(w, h, out);
  }

  // ---- tone ----------------------------------------------------------------------------------

  /** Adds {@code share × 255} to every channel (ImageMagick {@code -brightness-contrast Nx0}). */
  static Raster brightness(Raster in, double share) {
    double add = share * 255;
    return perChannel(in, v -> v + add);
  }

  /** Scales every channel's distance from mid-grey by {@code 1 + share}. */
  static Raster contrast(Raster in, double share) {
    double factor = 1 + share;
    return perChannel(in, v -> (v - 127.5) * factor + 127.5);
  }

  /** BT.601 luma in all three channels. */
  static Raster greyscale(Raster in) {
    int[] src = in.rgb();
    int[] out = new int[src.length];
    for (int i = 0; i < src.length; i++) {
      int p = src[i];
      int y = to8(0.299 * (p >> 16 & 0xff) + 0.587 * (p >> 8 & 0xff) + 0.114 * (p & 0xff));
      out[i] = y << 16 | y << 8 | y;
    }
    return new Raster(in.width(), in.height(), out);
  }

  private interface ChannelOp {
    double apply(double v);
  }

  private static Raster perChannel(Raster in, ChannelOp op) {
    int[] lut = new int[256];
    for (int v = 0; v < 256; v++) {
      lut[v] = to8(op.apply(v));
    }
    int[] src = in.rgb();
    int[] out = new int[src.length];
    for (int i = 0; i < src.length; i++) {
      int p = src[i];
      out[i] = lut[p >> 16 & 0xff] << 16 | lut[p >> 8 & 0xff] << 8 | lut[p & 0xff];
    }
    return new Raster(in.width(), in.height(), out);
  }

  // ---- filters -------------------------------------------------------------------------------

  /** Separable Gaussian blur of standard deviation {@code sigma} pixels, edges clamped. */
  static Raster gaussianBlur(Raster in, double sigma) {
    int radius = (int) Math.ceil(3 * sigma);
    float[] kernel = new float[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) {
      kernel[i + radius] = (float) Math.exp(-(i * i) / (2 * sigma * sigma));
      sum += kernel[i + radius];
    }
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] /= (float) sum;
    }
    int w = in.width();
    int h = in.height();
    float[][] planes = planes(in);
    for (int c = 0; c < 3; c++) {
      float[] p = planes[c];
      float[] tmp = new float[p.length];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float s = 0;
          for (int k = -radius; k <= radius; k++) {
            s += kernel[k + radius] * p[y * w + clamp(x + k, w - 1)];
          }
          tmp[y * w + x] = s;
        }
      }
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float s = 0;
          for (int k = -radius; k <= radius; k++) {
            s += kernel[k + radius] * tmp[clamp(y + k, h - 1) * w + x];
          }
          p[y * w + x] = s;
        }
      }
    }
    return fromPlanes(planes, w, h);
  }

  /** Adds independent Gaussian noise of standard deviation {@code sigma} (0–255) per channel. */
  static Raster noise(Raster in, double sigma, RandomGenerator random) {
    int[] src = in.rgb();
    int[] out = new int[src.length];
    for (int i = 0; i < src.length; i++) {
      int p = src[i];
      int rgb = 0;
      for (int shift = 16; shift >= 0; shift -= 8) {
        rgb |= to8((p >> shift & 0xff) + sigma * random.nextGaussian()) << shift;
      }
      out[i] = rgb;
    }
    return new Raster(in.width(), in.height(), out);
  }

  // ---- overlays and frames -------------------------------------------------------------------

  /**
   * A caption along the bottom, as a credit line or meme text: white bold sans-serif with a
   * black outline, cap height about 6% of the image height, across up to 90% of the width.
   */
  static Raster caption(Raster in, String text) {
    BufferedImage image = in.toBufferedImage();
    Graphics2D g = graphics(image);
    Font font = fitFont(g, text, in.height() * 0.08f, in.width() * 0.9f);
    TextLayout layout = new TextLayout(text, font, g.getFontRenderContext());
    float x = in.width() * 0.05f;
    float y = in.height() - in.height() * 0.05f;
    java.awt.Shape outline = layout.getOutline(AffineTransform.getTranslateInstance(x, y));
    g.setStroke(new BasicStroke(Math.max(1f, font.getSize2D() / 8), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(Color.BLACK);
    g.draw(outline);
    g.setColor(Color.WHITE);
    g.fill(outline);
    g.dispose();
    return Raster.of(image);
  }

  /**
   * A stock-photo watermark: the text in bold white at 50% opacity, across the centre at 30
   * degrees, spanning about 80% of the width.
   */
  static Raster watermark(Raster in, String text) {
    BufferedImage image = in.toBufferedImage();
    Graphics2D g = graphics(image);
    Font font = fitFont(g, text, in.height() * 0.5f, in.width() * 0.8f);
    g.setFont(font);
    FontMetrics m = g.getFontMetrics();
    g.translate(in.width() / 2.0, in.height() / 2.0);
    g.rotate(Math.toRadians(-30));
    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.5f));
    g.setColor(Color.WHITE);
    g.drawString(text, -m.stringWidth(text) / 2f, m.getAscent() / 2f - m.getDescent() / 2f);
    g.dispose();
    return Raster.of(image);
  }

  /** Pads every side with {@code share} of the width (left/right) or height (top/bottom). */
  static Raster border(Raster in, double share, int rgb) {
    int dx = (int) Math.round(in.width() * share);
    int dy = (int) Math.round(in.height() * share);
    return place(in, in.width() + 2 * dx, in.height() + 2 * dy, dx, dy, rgb);
  }

  /** Letterbox bars: {@code share} of the height added above and again below. */
  static Raster letterbox(Raster in, double share, int rgb) {
    int dy = (int) Math.round(in.height() * share);
    return place(in, in.width(), in.height() + 2 * dy, 0, dy, rgb);
  }

  /**
   * The image as it appears in a screenshot of a desktop window: a title bar with three window
   * buttons and a title, a sidebar of text-like grey lines on the left, a status bar below, the
   * image at its own size in the content area. The image fills about 60% of the screenshot.
   */
  static Raster screenshot(Raster in) {
    int w = in.width();
    int h = in.height();
    int unit = Math.max(4, Math.min(w, h) / 40);
    int title = 6 * unit;
    int sidebar = Math.max(8 * unit, w / 4);
    int margin = 2 * unit;
    int status = 4 * unit;
    int cw = sidebar + margin + w + margin;
    int ch = title + margin + h + margin + status;
    BufferedImage image = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    g.setColor(new Color(0xfafafa));
    g.fillRect(0, 0, cw, ch);
    g.setColor(new Color(0x2d2d2d));
    g.fillRect(0, 0, cw, title);
    Color[] buttons = {new Color(0xff5f57), new Color(0xfebc2e), new Color(0x28c840)};
    for (int i = 0; i < 3; i++) {
      g.setColor(buttons[i]);
      g.fillOval(unit + i * 3 * unit, 2 * unit, 2 * unit, 2 * unit);
    }
    g.setColor(new Color(0xdddddd));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 3 * unit));
    g.drawString("photo.jpg — Image Viewer", 11 * unit, 4 * unit);
    g.setColor(new Color(0xeeeeee));
    g.fillRect(0, title, sidebar, ch - title);
    g.setColor(new Color(0xb0b0b0));
    for (int y = title + 2 * unit, i = 0; y < ch - status - unit; y += 3 * unit, i++) {
      g.fillRect(unit, y, sidebar - 2 * unit - (i * 7 % 5) * unit, unit);
    }
    g.setColor(new Color(0xd6d6d6));
    g.fillRect(0, ch - status, cw, status);
    g.setColor(new Color(0x555555));
    g.drawString(w + " × " + h + "  100%", sidebar + margin, ch - unit);
    g.drawImage(in.toBufferedImage(), sidebar + margin, title + margin, null);
    g.dispose();
    return Raster.of(image);
  }

  private static Raster place(Raster in, int cw, int ch, int x0, int y0, int background) {
    int[] out = new int[cw * ch];
    java.util.Arrays.fill(out, background & 0xffffff);
    for (int y = 0; y < in.height(); y++) {
      System.arraycopy(in.rgb(), y * in.width(), out, (y0 + y) * cw + x0, in.width());
    }
    return new Raster(cw, ch, out);
  }

  private static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    return g;
  }

  /** The bold sans-serif font of {@code maxSize} points, shrunk until the text fits the width. */
  private static Font fitFont(Graphics2D g, String text, float maxSize, float maxWidth) {
    Font font = new Font(Font.SANS_SERIF, Font.BOLD, 12).deriveFont(Math.max(6f, maxSize));
    int width = g.getFontMetrics(font).stringWidth(text);
    if (width > maxWidth) {
      font = font.deriveFont(Math.max(6f, font.getSize2D() * maxWidth / width));
    }
    return font;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static float[][] planes(Raster in) {
    int[] src = in.rgb();
    float[][] p = new float[3][src.length];
    for (int i = 0; i < src.length; i++) {
      p[0][i] = src[i] >> 16 & 0xff;
      p[1][i] = src[i] >> 8 & 0xff;
      p[2][i] = src[i] & 0xff;
    }
    return p;
  }

  private static Raster fromPlanes(float[][] p, int w, int h) {
    int[] out = new int[w * h];
    for (int i = 0; i < out.length; i++) {
      out[i] = to8(p[0][i]) << 16 | to8(p[1][i]) << 8 | to8(p[2][i]);
    }
    return new Raster(w, h, out);
  }

  private static int to8(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  private static int clamp(int i, int max) {
    return i < 0 ? 0 : Math.min(i, max);
  }

  /** The class of the JPEG writer {@link #jpeg} uses, for the report's set-up notes. */
  static String jpegWriterName() {
    ImageWriter w = jdkJpegWriter();
    try {
      return w.getClass().getName();
    } finally {
      w.dispose();
    }
  }
}
