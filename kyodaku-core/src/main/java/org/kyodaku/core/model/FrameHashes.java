package org.kyodaku.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A video's frame hashes: the vPDQ hash (Meta ThreatExchange {@code vpdq/}), one 256-bit PDQ hash
 * and its quality per sampled frame. Unlike a {@link Fingerprint}, which holds one value, a video
 * is compared frame by frame (how many of each video's frames are found in the other), so the
 * frames are kept as a list; the registry stores them in their own table.
 *
 * @param algorithm the algorithm and version that made the hashes; only {@value #VPDQ} today
 * @param framesPerSecond the stream's average frame rate, so a frame number can be shown as a time
 * @param frames at least one and at most {@value #MAX_FRAMES}, in strictly increasing frame-number
 *     order
 */
public record FrameHashes(String algorithm, double framesPerSecond, List<Frame> frames) {
  /** vPDQ as kyodaku-fingerprint's {@code VpdqHasher} computes it. */
  public static final String VPDQ = "vpdq-v1";

  /**
   * Most frames one video may carry: 20,000 is five and a half hours at the one frame a second the
   * CLI samples (the reference library's default), and about 2 MB of JSON.
   */
  public static final int MAX_FRAMES = 20_000;

  /**
   * The digest that commits a registration's log entry to its frames ({@link #digest()}): SHA-256
   * over the canonical encoding, version 1. docs/log-entries.md defines it for other verifiers.
   */
  public static final String DIGEST_V1 = "frames-sha256-v1";

  private static final Pattern PDQ_HEX = Pattern.compile("[0-9a-f]{64}");

  /**
   * One hashed frame.
   *
   * @param number 0-based number of the frame among all decoded frames
   * @param quality PDQ quality 0–100; frames below 50 take no part in matching
   * @param pdq the frame's PDQ hash, 64 lowercase hex digits
   */
  public record Frame(int number, int quality, String pdq) {
    public Frame {
      if (number < 0) {
        throw new ValidationException("frame", "a frame number is at least 0, got " + number);
      }
      if (quality < 0 || quality > 100) {
        throw new ValidationException("quality", "PDQ quality is 0..100, got " + quality);
      }
      if (!PDQ_HEX.matcher(pdq).matches()) {
        throw new ValidationException(
            "pdq", "not 64 lowercase hex digits: \"" + Checks.abbreviate(pdq) + "\"");
      }
    }
  }

  public FrameHashes {
    if (!algorithm.equals(VPDQ)) {
      throw new ValidationException(
          "algorithm",
          "unknown frame-hash algorithm \"" + Checks.abbreviate(algorithm) + "\"; known: " + VPDQ);
    }
    if (!(framesPerSecond > 0) || framesPerSecond > 1000) {
      throw new ValidationException(
          "framesPerSecond", "must be above 0 and at most 1000, got " + framesPerSecond);
    }
    frames = List.copyOf(frames);
    if (frames.isEmpty()) {
      throw new ValidationException("frames", "a video needs at least one hashed frame");
    }
    if (frames.size() > MAX_FRAMES) {
      throw new ValidationException(
          "frames", "holds " + frames.size() + " frames; at most " + MAX_FRAMES + " are allowed");
    }
    for (int i = 1; i < frames.size(); i++) {
      if (frames.get(i).number() <= frames.get(i - 1).number()) {
        throw new ValidationException(
            "frames[" + i + "].frame",
            "frame numbers must increase, got "
                + frames.get(i).number()
                + " after "
                + frames.get(i - 1).number());
      }
    }
  }

  /**
   * SHA-256 of this frame list's canonical encoding ({@value #DIGEST_V1}), 64 lowercase hex
   * digits: what a registration's log entry records, so that a receipt proves which frames were
   * registered and not only the work. The encoding is US-ASCII lines, each ending in {@code \n}:
   *
   * <pre>
   * kyodaku-frames-v1
   * &lt;algorithm&gt;                       vpdq-v1
   * &lt;frames per second&gt;               IEEE 754 binary64 bits, 16 lowercase hex digits
   * &lt;number&gt; &lt;quality&gt; &lt;pdq&gt;        one line per frame, in list order; decimal, decimal, 64 hex
   * </pre>
   *
   * The frame rate is written as its bits rather than as a decimal so that no language's float
   * formatting can change the bytes; every other value is already canonical (the constructor
   * checks it).
   */
  public String digest() {
    StringBuilder text = new StringBuilder(32 + frames.size() * 76);
    text.append("kyodaku-frames-v1\n").append(algorithm).append('\n');
    text.append(HexFormat.of().toHexDigits(Double.doubleToLongBits(framesPerSecond))).append('\n');
    for (Frame f : frames) {
      text.append(f.number()).append(' ').append(f.quality()).append(' ').append(f.pdq()).append('\n');
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
