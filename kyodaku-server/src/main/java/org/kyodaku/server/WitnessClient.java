package org.kyodaku.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointException;
import org.kyodaku.log.checkpoint.SignedCheckpoint;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.MerkleException;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.note.NoteException;
import org.kyodaku.log.note.VerifierKey;
import org.kyodaku.log.tiles.TileException;
import org.kyodaku.log.tiles.TileHashSource;
import org.kyodaku.log.tiles.TileReader;
import org.kyodaku.log.witness.AddCheckpointRequest;
import org.kyodaku.log.witness.CosignatureStore;
import org.kyodaku.log.witness.WitnessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log as a c2sp.org/tlog-witness client: it brings each new published checkpoint to every
 * configured witness ({@code POST <prefix>/add-checkpoint} with the size that witness last
 * acknowledged and the consistency proof from it) and keeps the cosignatures in the {@link
 * CosignatureStore}, so {@code GET /log/checkpoint} and {@code /log/cosigned-checkpoint} serve them.
 *
 * <p>One thread per witness, so at most one request is in flight to each, and a slow witness
 * delays no other. Each looks at the published checkpoint every {@code interval} (which also
 * debounces a burst of batches into one request); the first request says {@code old 0}, as the spec
 * allows a client that does not know the witness's size, and a {@code 409 text/x.tlog.size} answer
 * is retried at once from the size it names. Any other failure (unreachable, an error status, a
 * cosignature that does not verify) is logged and retried after a backoff that doubles up to
 * {@code maxBackoff}. Nothing here is on the path of an append: the sequencer publishes without
 * waiting for witnesses.
 */
public final class WitnessClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WitnessClient.class);
  private static final Pattern SIZE = Pattern.compile("(0|[1-9][0-9]{0,18})\n?");
  /** 409 answers in a row before a round counts as failed (the witness's size moved meanwhile). */
  private static final int SIZE_RETRIES = 3;

  /** A witness: its submission prefix ({@code <prefix>/add-checkpoint}) and its verifier key. */
  public record Target(URI prefix, VerifierKey key) {
    /** The add-checkpoint URL. */
    public URI addCheckpoint() {
      String p = prefix.toString();
      return URI.create((p.endsWith("/") ? p : p + "/") + "add-checkpoint");
    }
  }

  /** How often to look for a new checkpoint, and the backoff after a failure. */
  public record Timing(Duration interval, Duration initialBackoff, Duration maxBackoff) {
    public static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(5));

    public Timing {
      if (interval.isNegative() || interval.isZero() || initialBackoff.isNegative() || initialBackoff.isZero()
          || maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "witness timing needs positive interval and backoff, max backoff >= initial: " + interval + ", " + initialBackoff + ", " + maxBackoff);
      }
    }
  }

  private final List<Thread> threads = new ArrayList<>();
  private final HttpClient http;
  private volatile boolean closed;

  private WitnessClient(HttpClient http) {
    this.http = http;
  }

  /**
   * Starts one feeder per witness; {@code checkpoint} is the log's published signed checkpoint
   * (no cosignatures), {@code tiles} its tiles (for consistency proofs), {@code store} takes the
   * cosignatures and must accept every target's key.
   */
  public static WitnessClient start(
      List<Target> targets, Supplier<String> checkpoint, TileReader tiles, CosignatureStore store, Timing timing) {
    for (Target t : targets) {
      if (store.witnesses().stream().noneMatch(w -> w.name().equals(t.key().name()) && w.keyId() == t.key().keyId())) {
        throw new IllegalArgumentException("witness " + t.key().vkey() + " is not among the keys the cosignature store accepts");
      }
    }
    HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    WitnessClient client = new WitnessClient(http);
    for (Target t : targets) {
      Feeder feeder = new Feeder(client, t, checkpoint, tiles, store, timing, http);
      client.threads.add(Thread.ofVirtual().name("witness " + t.key().name()).start(feeder::run));
    }
    return client;
  }

  /** Stops every feeder (an in-flight request is abandoned) and waits for them. */
  @Override
  public void close() {
    closed = true;
    threads.forEach(Thread::interrupt);
    http.shutdownNow();
    for (Thread t : threads) {
      try {
        t.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One round with a witness failed; the message says how, for the log line. */
  private static final class RoundFailed extends Exception {
    private static final long serialVersionUID = 1L;

    RoundFailed(String message) {
      super(message);
    }
  }

  private static final class Feeder {
    private final WitnessClient client;
    private final Target target;
    private final Supplier<String> checkpoint;
    private final TileReader tiles;
    private final CosignatureStore store;
    private final Timing timing;
    private final HttpClient http;
    /** The size the witness holds for this log, as far as we know (0 until it tells us). */
    private long acknowledged;
    /** The text of the checkpoint this witness last cosigned for us. */
    private String cosignedText = "";

    Feeder(WitnessClient client, Target target, Supplier<String> checkpoint, TileReader tiles,
        CosignatureStore store, Timing timing, HttpClient http) {
      this.client = client;
      this.target = target;
      this.checkpoint = checkpoint;
      this.tiles = tiles;
      this.store = store;
      this.timing = timing;
      this.http = http;
    }

    void run() {
      Duration backoff = timing.initialBackoff();
      while (!client.closed) {
        Duration pause = timing.interval();
        try {
          String signed = checkpoint.get();
          Checkpoint cp = SignedCheckpoint.parse(signed).checkpoint();
          // The empty tree is not worth a witness's attention.
          if (cp.size() > 0 && !cp.text().equals(cosignedText)) {
            round(signed, cp);
            cosignedText = cp.text();
            backoff = timing.initialBackoff();
          }
        } catch (RoundFailed | RuntimeException e) {
          if (client.closed) {
            return;
          }
          LOG.warn("witness {} at {}: {}; retrying in {} ms", target.key().name(), target.prefix(), e.getMessage(), backoff.toMillis());
          pause = backoff;
          backoff = backoff.multipliedBy(2).compareTo(timing.maxBackoff()) > 0 ? timing.maxBackoff() : backoff.multipliedBy(2);
        } catch (InterruptedException e) {
          return;
        }
        try {
          Thread.sleep(pause);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Brings {@code signed} to the witness until it cosigns, following its 409 size answers. */
    private void round(String signed, Checkpoint cp) throws RoundFailed, InterruptedException {
      for (int attempt = 0; attempt < SIZE_RETRIES; attempt++) {
        long old = acknowledged;
        if (old > cp.size()) {
          acknowledged = 0;
          throw new RoundFailed("the witness holds a checkpoint of size " + old + ", larger than the published " + cp.size()
              + ": it saw a tree of this log that we do not have (a fork, or the log restored from an old copy)");
        }
        AddCheckpointRequest request = new AddCheckpointRequest(old, proof(old, cp.size()), signed);
        HttpResponse<InputStream> r;
        String body;
        try {
          r = http.send(
              HttpRequest.newBuilder(target.addCheckpoint())
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "text/plain; charset=utf-8")
                  .POST(HttpRequest.BodyPublishers.ofString(request.format(), StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
          try (InputStream in = r.body()) {
            // A witness's answer is a few lines; do not let one fill the log's memory.
            byte[] bytes = in.readNBytes(WitnessServer.MAX_BODY + 1);
            if (bytes.length > WitnessServer.MAX_BODY) {
              throw new RoundFailed("HTTP " + r.statusCode() + " with an answer of more than " + WitnessServer.MAX_BODY + " bytes");
            }
            body = new String(bytes, StandardCharsets.UTF_8);
          }
        } catch (IOException e) {
          throw new RoundFailed("cannot reach " + target.addCheckpoint() + ": " + e);
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (r.statusCode() == 200) {
          keep(signed, cp, body);
          acknowledged = cp.size();
          return;
        }
        if (r.statusCode() == 409 && type.startsWith(WitnessServer.SIZE_MEDIA_TYPE) && SIZE.matcher(body).matches()) {
          long held = Long.parseLong(body.strip());
          if (held == old) {
            throw new RoundFailed("the witness refused old size " + old + " and named the same size");
          }
          LOG.info("witness {} holds size {}; retrying from it", target.key().name(), held);
          acknowledged = held;
          continue;
        }
        throw new RoundFailed("HTTP " + r.statusCode() + " for size " + cp.size() + " from old size " + old + ": " + abbreviate(body));
      }
      throw new RoundFailed("the witness answered with another size " + SIZE_RETRIES + " times in a row");
    }

    private List<Hash> proof(long old, long size) throws RoundFailed {
      if (old == 0 || old == size) {
        return List.of();
      }
      try {
        return MerkleTree.over(TileHashSource.of(tiles, size)).consistencyProof(old, size).hashes();
      } catch (MerkleException | TileException e) {
        throw new RoundFailed("cannot prove consistency from size " + old + " to " + size + ": " + e.getMessage());
      }
    }

    /** The spec's way: the answer's lines appended to the checkpoint make the cosigned note. */
    private void keep(String signed, Checkpoint cp, String lines) throws RoundFailed {
      try {
        store.add(signed + lines, cp.size());
      } catch (WitnessException | NoteException | CheckpointException e) {
        throw new RoundFailed("its answer for size " + cp.size() + " is not a cosignature we accept: " + e.getMessage());
      }
      LOG.info("witness {} cosigned size {}", target.key().name(), cp.size());
    }
  }

  private static String abbreviate(String s) {
    String line = s.strip().replace('\n', ' ');
    return line.length() <= 300 ? line : line.substring(0, 297) + "...";
  }
}
