package org.kyodaku.index.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.registry.FrameIndex;
import org.kyodaku.core.registry.RegistryStore;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.index.hamming.IndexException;
import org.kyodaku.index.hamming.Match;

/**
 * The PDQ hash of every registered video frame, searchable by Hamming radius: finds the videos
 * that a query video's frames come near, so that the vPDQ comparison (kyodaku-fingerprint's
 * {@code IndexedVideos}) runs on those candidates only instead of on every registered video.
 *
 * <p>Entries: one per stored frame ({@code asset_frames}), every quality included (the store's
 * count is then a plain count, and a low-quality frame only ever adds a candidate, never removes
 * one), keyed by the video asset as {@code <work id>/<asset position>}. Search: exact radius
 * search of each query frame (multi-index hashing, {@code LiveIndex}), at the vPDQ reference's
 * frame threshold of {@value #DEFAULT_RADIUS} bits by default.
 *
 * <p>Persisted ({@link #open}) exactly as {@link RegistryIndex} persists an algorithm: segments,
 * key files and a manifest in one directory, checked against the store at start (frame count up
 * to the manifest's instant and sampled entries), caught up with what was registered after the
 * last flush, or rebuilt when missing, stale or damaged; registrations go to an in-memory tail
 * flushed in the background every {@value RegistryIndex#DEFAULT_FLUSH_ENTRIES} frames and at
 * {@link #close}. docs/index.md, "Video frames".
 */
public final class VideoFrameIndex implements FrameIndex, AutoCloseable {
  /** The vPDQ reference's frame match threshold: frames within 31 bits are the same picture. */
  public static final int DEFAULT_RADIUS = 31;

  private static final AlgorithmIndex.Searchable FRAMES =
      new AlgorithmIndex.Searchable(FrameHashes.VPDQ, 256, DEFAULT_RADIUS, hex -> BinaryCode.fromHex(256, hex));

  private final AlgorithmIndex index;
  private final String report;
  private final int flushEntries;
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final ExecutorService flusher =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "kyodaku-frame-index-flush");
            t.setDaemon(true);
            return t;
          });

  private VideoFrameIndex(AlgorithmIndex index, String report, int flushEntries) {
    this.index = index;
    this.report = report;
    this.flushEntries = flushEntries;
  }

  /**
   * An empty in-memory index finding frames within {@code radius} bits.
   *
   * @throws IndexException for a radius outside 0–256
   */
  public static VideoFrameIndex inMemory(int radius) {
    return new VideoFrameIndex(AlgorithmIndex.inMemory(FRAMES, checked(radius)), "", RegistryIndex.DEFAULT_FLUSH_ENTRIES);
  }

  /** An in-memory index holding every frame the store holds. */
  public static VideoFrameIndex rebuild(RegistryStore store, int radius) {
    VideoFrameIndex index = inMemory(radius);
    frames(store).forEach(Optional.empty(), index.index::add);
    index.flushQuietly();
    return index;
  }

  /**
   * Opens the persisted index in {@code directory}, checked against {@code store} and brought up
   * to date with it, or rebuilt from it; {@link #report()} says which.
   *
   * @throws IndexException for a radius outside 0–256
   * @throws IOException if the directory cannot be written, or the store holds a frame hash that
   *     is not 64 hex digits
   */
  public static VideoFrameIndex open(Path directory, RegistryStore store, int radius) throws IOException {
    return open(directory, store, radius, RegistryIndex.DEFAULT_FLUSH_ENTRIES);
  }

  static VideoFrameIndex open(Path directory, RegistryStore store, int radius, int flushEntries)
      throws IOException {
    AlgorithmIndex.Opened opened;
    try {
      opened = AlgorithmIndex.open(FRAMES, checked(radius), directory, frames(store));
    } catch (IndexException bad) {
      throw new IOException("cannot index the store's video frames: " + bad.getMessage(), bad);
    }
    return new VideoFrameIndex(opened.index(), opened.report() + ", radius " + radius, flushEntries);
  }

  private static int checked(int radius) {
    if (radius < 0 || radius > FRAMES.width()) {
      throw new IndexException("radius for video frames must be between 0 and " + FRAMES.width() + ", got " + radius);
    }
    return radius;
  }

  /** The key of a video asset in the index: {@code <work id>/<asset position>}. */
  static String key(String work, int asset) {
    return work + "/" + asset;
  }

  private static VideoAsset videoAsset(String key) {
    int slash = key.lastIndexOf('/');
    return new VideoAsset(key.substring(0, slash), Integer.parseInt(key.substring(slash + 1)));
  }

  /** The store's video frames, keyed by video asset. */
  static AlgorithmIndex.Source frames(RegistryStore store) {
    return new AlgorithmIndex.Source() {
      @Override
      public String noun() {
        return "frames";
      }

      @Override
      public void forEach(Optional<java.time.Instant> after, AlgorithmIndex.Sink action) {
        store.forEachIndexedFrame(after, f -> action.accept(key(f.work(), f.asset()), f.registeredAt(), f.pdq()));
      }

      @Override
      public long count(java.time.Instant until) {
        return store.countFrames(until);
      }

      @Override
      public boolean holds(String key, BinaryCode code) {
        VideoAsset v = videoAsset(key);
        List<Asset> assets = store.assetsOf(v.work());
        return v.asset() < assets.size()
            && assets.get(v.asset()).video().stream()
                .flatMap(h -> h.frames().stream())
                .anyMatch(f -> FRAMES.codec().apply(f.pdq()).equals(code));
      }
    };
  }

  /** Loaded or rebuilt, how many frames, how long it took; empty for an in-memory index. */
  public String report() {
    return report;
  }

  /** How many frames are indexed. */
  public long size() {
    return index.size();
  }

  @Override
  public int radius() {
    return index.radius;
  }

  @Override
  public Set<VideoAsset> candidates(Collection<String> frames) {
    Set<String> keys = new HashSet<>();
    for (String frame : frames) {
      for (Match m : index.search(index.code(frame))) {
        keys.add(index.work(m.id()));
      }
    }
    Set<VideoAsset> out = new HashSet<>(keys.size() * 2);
    keys.forEach(k -> out.add(videoAsset(k)));
    return out;
  }

  @Override
  public void register(Work work, List<Asset> assets) {
    for (int i = 0; i < assets.size(); i++) {
      Optional<FrameHashes> video = assets.get(i).video();
      if (video.isEmpty()) {
        continue;
      }
      String key = key(work.id(), i);
      for (FrameHashes.Frame f : video.get().frames()) {
        index.add(key, work.registeredAt(), f.pdq());
      }
    }
    if (index.tailSize() >= flushEntries && flushing.compareAndSet(false, true)) {
      flusher.execute(
          () -> {
            try {
              // Registrations that arrived during a flush may already fill another: flush until the
              // tail is short, or a burst that then stops would leave a long tail that every search
              // scans frame by frame.
              do {
                flushQuietly();
              } while (index.tailSize() >= flushEntries && index.persistenceFailure().isEmpty());
            } finally {
              flushing.set(false);
            }
          });
    }
  }

  /** Frames registered but not yet in a segment (searched by a scan). */
  int tailSize() {
    return index.tailSize();
  }

  private void flushQuietly() {
    try {
      index.flush();
    } catch (IOException e) {
      // Recorded in the algorithm index, which keeps answering from memory: see flush().
    }
  }

  /**
   * Flushes the tail into segments now (registrations continue meanwhile).
   *
   * @throws IOException if a flush failed, now or in the background since the index was opened
   */
  public void flush() throws IOException {
    index.flush();
    Optional<String> failure = index.persistenceFailure();
    if (failure.isPresent()) {
      throw new IOException("the video frame index stopped persisting: " + failure.get());
    }
  }

  /** Flushes and stops the background flusher; the index still answers from what it holds. */
  @Override
  public void close() throws IOException {
    flusher.shutdown();
    try {
      flusher.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
