package org.kyodaku.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.kyodaku.fingerprint.iscc.InstanceCode;
import org.kyodaku.fingerprint.iscc.IsccCode;
import org.kyodaku.fingerprint.iscc.IsccHasher;
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
 * ISCC Data-Code ({@code iscc-data-v0}: content-defined chunks, xxHash32, MinHash) and
 * Instance-Code ({@code iscc-instance-v0}: BLAKE3) over bytes already in memory, so that the
 * score is the hashing alone, without the disk; each code read from its own stream as {@code
 * FileFingerprinter} reads the file twice.
 *
 * <p>Data: {@link #mib} MiB of seeded pseudo-random bytes ({@link #bytes}; seed {@value #SEED}),
 * the worst case for chunking (no repeats) and the same on every run.
 *
 * <p>Score: codes per second on one thread; MiB/s is the score times {@link #mib}. Run (about 1
 * minute):
 *
 * <pre>
 * bench/jmh.sh IsccBytesBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class IsccBytesBenchmark {
  static final long SEED = 20_240_501L;

  /** Size of the buffer in MiB. */
  @Param("16")
  public int mib;

  private final IsccHasher iscc = new IsccHasher();
  byte[] buffer;

  @Setup
  public void setUp() {
    buffer = bytes(mib * 1024 * 1024);
  }

  @Benchmark
  public IsccCode dataCode() throws IOException {
    return iscc.data(new ByteArrayInputStream(buffer), IsccHasher.DEFAULT_BITS);
  }

  @Benchmark
  public InstanceCode instanceCode() throws IOException {
    return iscc.instance(new ByteArrayInputStream(buffer), IsccHasher.DEFAULT_BITS);
  }

  /** {@code length} pseudo-random bytes, the same for the same length on every run. */
  static byte[] bytes(int length) {
    byte[] out = new byte[length];
    new SplittableRandom(SEED).nextBytes(out);
    return out;
  }
}
