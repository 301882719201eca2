package org.kyodaku.fingerprint.pdq;

/**
 * PDQ quality: how much visible structure the 64×64 downsample has, 0–100.
 *
 * <p><b>Input</b>: the 64×64 luminance downsample (values 0–255) from {@link JaroszDownsampler}.
 *
 * <p><b>Steps</b>: for each of the 2·64·63 = 8064 pairs of horizontally or vertically adjacent
 * cells {@code (u, v)}, take {@code d = (u − v)·100 / 255} in single precision, truncate it toward
 * zero to an integer (so gradients under 2.55 grey levels count nothing: significant edges, not
 * noise, are what is counted) and add {@code |d|}. Quality = that sum divided by 90 (integer
 * division), capped at 100.
 *
 * <p><b>Constants</b>: 100/255 (gradient in percent of full scale), 90 and 100 are the reference's
 * hand-tuned values ({@code pdq/README.md} and hashing.pdf: "quality metric"); the upstream
 * recommendation is to discard hashes with quality below 50.
 */
final class QualityMetric {
  private static final int SIZE = JaroszDownsampler.SIZE;
  private static final int SCALE = 90;
  private static final int MAX = 100;

  private QualityMetric() {}

  static int of(float[] downsample) {
    int sum = 0;
    for (int i = 0; i < SIZE - 1; i++) {
      for (int j = 0; j < SIZE; j++) {
        sum += step(downsample[i * SIZE + j], downsample[(i + 1) * SIZE + j]);
      }
    }
    for (int i = 0; i < SIZE; i++) {
      for (int j = 0; j < SIZE - 1; j++) {
        sum += step(downsample[i * SIZE + j], downsample[i * SIZE + j + 1]);
      }
    }
    return Math.min(sum / SCALE, MAX);
  }

  private static int step(float u, float v) {
    return Math.abs((int) ((u - v) * 100 / 255));
  }
}
