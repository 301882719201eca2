package org.kyodaku.fingerprint.vpdq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.kyodaku.fingerprint.image.RgbImage;
import org.kyodaku.fingerprint.pdq.PdqHash;
import org.kyodaku.fingerprint.pdq.PdqHasher;
import org.kyodaku.fingerprint.pdq.PdqResult;
import org.kyodaku.fingerprint.video.FrameRequest;
import org.kyodaku.fingerprint.video.VideoDecodeException;
import org.kyodaku.fingerprint.video.VideoDecoder;
import org.kyodaku.fingerprint.video.VideoFrame;
import org.kyodaku.fingerprint.video.VideoInfo;

/**
 * Computes vPDQ hashes ({@value #ALGORITHM}): the PDQ hash of every sampled frame of a video.
 *
 * <p><b>Input</b>: the first video stream of a file, decoded by the {@link VideoDecoder} given at
 * construction to 8-bit RGB frames in decoding output order, at the stream's stored size (display
 * rotation is not applied) or scaled to {@link VpdqOptions#downsample()}.
 *
 * <p><b>Steps</b>, as the reference ({@code vpdq/cpp}, {@code hashing/filehasher.cpp} and {@code
 * hasher.h}) defines them:
 *
 * <ol>
 *   <li><b>Sampling</b>: number decoded frames 0, 1, 2, … and hash those whose number is a multiple
 *       of {@code step = max(1, floor(secondsPerHash × fps))}, {@code fps} being the stream's
 *       average frame rate. The count follows frames, not timestamps, so on variable-frame-rate
 *       video the spacing in time varies, as it does in the reference.
 *   <li><b>Per frame</b>: PDQ of the frame's RGB pixels ({@link PdqHasher#hash(RgbImage)}: BT.601
 *       luma, Jarosz blur to 64×64, quality, 16×16 DCT, median threshold), the same pipeline the
 *       reference applies to each RGB24 frame. A frame under {@value #MIN_SIDE} pixels on a side
 *       gets the all-zero hash and quality 0, as in the reference, rather than failing the video.
 *   <li><b>Timestamp</b>: {@code frameNumber / fps} computed in single precision, exactly as the
 *       reference does, so written hash files agree to the last printed digit.
 * </ol>
 *
 * <p>Cost: decoding plus one PDQ per sampled frame (linear in its pixels). Memory: one frame's
 * pixels and PDQ planes at a time, plus about 80 bytes per feature. Thread-safe.
 */
public final class VpdqHasher {
  /** Stored with every vPDQ fingerprint; a change to the output would need a new version. */
  public static final String ALGORITHM = "vpdq-v1";

  /** Frames smaller than this on a side are not hashed (reference: {@code MIN_HASHABLE_DIM}). */
  static final int MIN_SIDE = 5;

  private static final PdqHash ZERO = new PdqHash(0, 0, 0, 0);

  private final VideoDecoder decoder;
  private final VpdqOptions options;
  private final PdqHasher pdq = new PdqHasher();

  /** Every frame at its own size, decoded with {@link VideoDecoder#ffmpeg()}. */
  public VpdqHasher() {
    this(VideoDecoder.ffmpeg(), VpdqOptions.everyFrame());
  }

  /** A hasher decoding with {@code decoder} and sampling as {@code options} say. */
  public VpdqHasher(VideoDecoder decoder, VpdqOptions options) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Hashes the video in {@code file}.
   *
   * @throws VideoDecodeException if the file cannot be decoded (the message names it and says why:
   *     no such file, not a video, no video stream, FFmpeg missing, …)
   */
  public VpdqResult hash(Path file) {
    VideoInfo info = decoder.probe(file);
    double fps = info.framesPerSecond();
    int step = options.frameStep(fps);
    FrameRequest request = FrameRequest.everyFrame().withStep(step);
    if (options.downsample().isPresent()) {
      request = request.scaledTo(
          options.downsample().get().width(), options.downsample().get().height());
    }
    List<VpdqFeature> features = new ArrayList<>();
    decoder.decode(file, request, frame -> features.add(feature(frame, fps)));
    OptionalLong frameCount =
        step == 1 ? OptionalLong.of(features.size()) : info.frameCount();
    if (frameCount.isPresent() && frameCount.getAsLong() < features.size()) {
      frameCount = OptionalLong.empty(); // the container under-declared; do not repeat it
    }
    return new VpdqResult(features, fps, frameCount);
  }

  /** The feature of one decoded frame of a {@code fps} stream. */
  VpdqFeature feature(VideoFrame frame, double fps) {
    if (frame.frameNumber() > Integer.MAX_VALUE) {
      throw new VpdqException("frame number " + frame.frameNumber() + " is beyond the format's range");
    }
    int number = (int) frame.frameNumber();
    double timestamp = (float) number / (float) fps;
    RgbImage image = frame.image();
    if (image.width() < MIN_SIDE || image.height() < MIN_SIDE) {
      return new VpdqFeature(number, 0, ZERO, timestamp);
    }
    PdqResult result = pdq.hash(image);
    return new VpdqFeature(number, result.quality(), result.hash(), timestamp);
  }
}
