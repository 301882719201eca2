package org.kyodaku.log.sequencer;

import java.time.Duration;
import java.util.List;
import java.util.function.LongFunction;
import org.kyodaku.log.note.KeyType;
import org.kyodaku.log.note.SignerKey;

/**
 * How a {@link Sequencer} batches and signs, validated when built and then frozen.
 *
 * @param logKey the Ed25519 note key that signs checkpoints
 * @param origin the checkpoint origin (by default the key's name, as tlog-checkpoint recommends)
 * @param maxBatchSize the most entries integrated under one sync and one checkpoint (1..65536)
 * @param maxDelay how long the first entry of a batch waits for more before the batch is
 *     integrated anyway (0..1 s; the integration latency target is below one second, so the delay
 *     plus one sync must stay under it)
 * @param maxPending the most appends waiting to be integrated; further appends are refused
 *     (pushback, as Tessera's {@code PushbackMaxOutstanding})
 * @param extensions extension lines for the checkpoint of a given tree size; called on the
 *     sequencer's thread. The registry commits its map root as an entry instead (see {@link
 *     BatchSealer}): witnesses do not vouch for extension lines
 * @param sealer the entry that closes each batch, if any (see {@link BatchSealer})
 */
public record SequencerConfig(
    SignerKey logKey,
    String origin,
    int maxBatchSize,
    Duration maxDelay,
    int maxPending,
    LongFunction<List<String>> extensions,
    BatchSealer sealer) {
  /** Default {@link #maxBatchSize}: 1024 entries. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 1024;

  /** Default {@link #maxDelay}: 100 ms (Tessera uses 250 ms; consent traffic is lighter). */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(100);

  /** Default {@link #maxPending}: 4096 (Tessera's default). */
  public static final int DEFAULT_MAX_PENDING = 4096;

  public SequencerConfig {
    if (logKey.type() != KeyType.ED25519) {
      throw new SequencerException("log key has type " + logKey.type() + ", expected ED25519");
    }
    if (origin.isEmpty() || origin.indexOf('\n') >= 0) {
      throw new SequencerException("origin \"" + origin + "\" must be a non-empty line");
    }
    if (maxBatchSize < 1 || maxBatchSize > 65536) {
      throw new SequencerException("max batch size " + maxBatchSize + " is not in 1..65536");
    }
    if (maxDelay.isNegative() || maxDelay.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new SequencerException("max delay " + maxDelay + " is not in 0..1 s");
    }
    if (maxPending < maxBatchSize) {
      throw new SequencerException(
          "max pending " + maxPending + " is below the max batch size " + maxBatchSize);
    }
  }

  /** Defaults for a log signed by {@code logKey}, whose origin is the key's name. */
  public static SequencerConfig of(SignerKey logKey) {
    return new SequencerConfig(
        logKey,
        logKey.name(),
        DEFAULT_MAX_BATCH_SIZE,
        DEFAULT_MAX_DELAY,
        DEFAULT_MAX_PENDING,
        size -> List.of(),
        BatchSealer.NONE);
  }

  /** This configuration with another origin. */
  public SequencerConfig withOrigin(String origin) {
    return new SequencerConfig(logKey, origin, maxBatchSize, maxDelay, maxPending, extensions, sealer);
  }

  /** This configuration with another batch size and delay. */
  public SequencerConfig withBatching(int maxBatchSize, Duration maxDelay) {
    return new SequencerConfig(
        logKey, origin, maxBatchSize, maxDelay, Math.max(maxPending, maxBatchSize), extensions, sealer);
  }

  /** This configuration with another pushback bound. */
  public SequencerConfig withMaxPending(int maxPending) {
    return new SequencerConfig(logKey, origin, maxBatchSize, maxDelay, maxPending, extensions, sealer);
  }

  /** This configuration with checkpoint extension lines. */
  public SequencerConfig withExtensions(LongFunction<List<String>> extensions) {
    return new SequencerConfig(logKey, origin, maxBatchSize, maxDelay, maxPending, extensions, sealer);
  }

  /** This configuration with a batch sealer. */
  public SequencerConfig withSealer(BatchSealer sealer) {
    return new SequencerConfig(logKey, origin, maxBatchSize, maxDelay, maxPending, extensions, sealer);
  }
}
