package org.kyodaku.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.kyodaku.fingerprint.FileFingerprinter;
import org.kyodaku.fingerprint.video.VideoDecoder;
import org.kyodaku.fingerprint.video.VideoInfo;
import org.kyodaku.fingerprint.vpdq.VpdqHasher;
import org.kyodaku.fingerprint.vpdq.VpdqOptions;
import org.kyodaku.fingerprint.vpdq.VpdqResult;
import org.kyodaku.testkit.SharedTestData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * vPDQ of a whole video file, end to end: {@code ffprobe}, then {@code ffmpeg} decoding to raw
 * RGB frames through a pipe ({@link VideoDecoder#ffmpeg()}, the Debian programs on the {@code
 * PATH}, as kyodaku-fingerprint uses them), and one PDQ per sampled frame in this JVM. The ffmpeg
 * child process runs on the other core, so this is not a one-core figure: decoding and hashing
 * overlap.
 *
 * <p>Videos ({@code shared/testdata/vpdq/tmk/sample-videos}, Meta's vPDQ samples, H.264, 30
 * frames/s): {@code test-padded-dimensions.mp4} 1080x1080 5.0 s, {@code doorknob-hd-no-bar.mp4}
 * 1280x720 4.33 s, {@code pattern-sd-grey-bar.mp4} 480x720 6.89 s. Sampling ({@link
 * #secondsPerHash}): {@code 0} hashes every frame (how the reference's sample hashes are made),
 * {@code 1} one frame a second ({@link FileFingerprinter#forRegistry()}; ffmpeg still decodes
 * every frame).
 *
 * <p>Score: videos per second on one thread of ours; video seconds hashed per second of wall time
 * is the score times the video's duration ({@link #durationSeconds}, from {@code ffprobe}). Run
 * (about 6 minutes):
 *
 * <pre>
 * bench/jmh.sh VpdqBenchmark
 * bench/jmh.sh VpdqBenchmark -p video=doorknob-hd-no-bar.mp4 -p secondsPerHash=0
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class VpdqBenchmark {
  /** A file under {@code shared/testdata/vpdq/tmk/sample-videos}. */
  @Param({"test-padded-dimensions.mp4", "doorknob-hd-no-bar.mp4", "pattern-sd-grey-bar.mp4"})
  public String video;

  /** Seconds of video between hashed frames; 0 hashes every frame. */
  @Param({"0", "1"})
  public double secondsPerHash;

  Path file;
  VpdqHasher hasher;
  double durationSeconds;

  @Setup
  public void setUp() {
    file = SharedTestData.resolve("vpdq/tmk/sample-videos/" + video);
    VideoDecoder decoder = VideoDecoder.ffmpeg();
    VpdqOptions options =
        secondsPerHash == 0 ? VpdqOptions.everyFrame() : VpdqOptions.everyFrame().withSecondsPerHash(secondsPerHash);
    hasher = new VpdqHasher(decoder, options);
    VideoInfo info = decoder.probe(file);
    durationSeconds =
        info.durationSeconds()
            .orElseThrow(() -> new IllegalStateException(video + ": ffprobe gives no duration"));
    // A run that hashed nothing (ffmpeg missing, a broken file) would look fast: stop it here.
    if (hasher.hash(file).features().isEmpty()) {
      throw new IllegalStateException(video + ": vPDQ gave no frame hashes");
    }
    System.out.printf("%n%s: %.3f s of video%n", video, durationSeconds);
  }

  @Benchmark
  public VpdqResult hash() {
    return hasher.hash(file);
  }
}
