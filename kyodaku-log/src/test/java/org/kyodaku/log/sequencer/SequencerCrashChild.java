package org.kyodaku.log.sequencer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import org.kyodaku.log.note.SignerKey;

/**
 * The process {@link SequencerCrashTest} kills: opens the log in {@code args[0]}, prints {@code
 * ready <size>}, then appends {@code crash-<args[1]>-<n>} for n = 0, 1, ... forever with up to 64
 * appends in flight, printing {@code ack <index> <base64 entry>} when an append is acknowledged and
 * {@code cp <base64 checkpoint>} whenever the published checkpoint changed. Output is flushed per
 * line, so the parent sees only what was acknowledged before the kill.
 */
public final class SequencerCrashChild {
  static final byte[] SEED = new byte[32];

  static SignerKey logKey() {
    return SignerKey.ed25519("crash.test/log", SEED);
  }

  static SequencerConfig config() {
    return SequencerConfig.of(logKey()).withBatching(64, Duration.ofMillis(5));
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    Sequencer sequencer = Sequencer.open(Path.of(args[0]), config());
    Object lock = new Object();
    String[] last = {""};
    synchronized (lock) {
      out.println("ready " + sequencer.size());
      out.flush();
    }
    Semaphore inFlight = new Semaphore(64);
    for (long n = 0; ; n++) {
      inFlight.acquire();
      byte[] entry = ("crash-" + args[1] + "-" + n).getBytes(StandardCharsets.UTF_8);
      sequencer
          .append(entry)
          .whenComplete(
              (index, error) -> {
                inFlight.release();
                if (error != null) {
                  return;
                }
                String cp = sequencer.checkpoint();
                synchronized (lock) {
                  if (!cp.equals(last[0])) {
                    last[0] = cp;
                    out.println(
                        "cp "
                            + Base64.getEncoder()
                                .encodeToString(cp.getBytes(StandardCharsets.UTF_8)));
                  }
                  out.println("ack " + index + " " + Base64.getEncoder().encodeToString(entry));
                  out.flush();
                }
              });
    }
  }
}
