package org.kyodaku.fingerprint.vpdq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.registry.RegistryStore;
import org.kyodaku.core.registry.VideoMatcher;
import org.kyodaku.fingerprint.pdq.PdqHash;

/**
 * The registry's videos, searchable by the vPDQ comparison ({@link VpdqMatcher}): a checked video
 * matches a registered one when at least {@link VpdqThresholds#comparedMatchPercent()} of the
 * registered video's distinct usable frames (quality ≥ {@link VpdqThresholds#minQuality()}) lie
 * within {@link VpdqThresholds#maxDistance()} bits of some frame of the checked video, and at
 * least {@link VpdqThresholds#queryMatchPercent()} of the checked video's frames are found in the
 * registered one. With the reference's thresholds (31 bits, quality 50, 0 % and 80 %) a longer
 * video that contains a registered clip matches it; a clip cut from a registered film does not
 * (too little of the film is in it).
 *
 * <p>Search: every registered video is compared with the query, the registered side first with an
 * early exit ({@link VpdqMatcher#reaches}) as soon as too many of its frames have missed; the full
 * comparison runs only for videos that can still match. Cost per query: about {@code |Q| × F}
 * 256-bit distances for {@code F} registered frames in the worst case (each a few
 * {@code popcount}s; about 10^8 a second per core), and far less for videos that miss early. Good
 * for a registry of thousands of hours sampled at a frame a second; beyond that, {@link
 * IndexedVideos} takes candidate videos from a Hamming index of the frames and gives the same
 * answers.
 *
 * <p>Memory: about 60 bytes per distinct usable frame. Frames below the quality threshold and
 * repeated hashes are dropped when a video is added, as the comparison ignores them. Thread-safe:
 * searches read a snapshot and never wait for registrations.
 */
public final class RegisteredVideos implements VideoMatcher {
  private record Entry(String work, int asset, List<PdqHash> usable) {}

  private final VpdqThresholds thresholds;
  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  /** An empty set of videos, compared under {@code thresholds}. */
  public RegisteredVideos(VpdqThresholds thresholds) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
  }

  /** The videos the store holds, compared under {@code thresholds}. */
  public static RegisteredVideos rebuild(RegistryStore store, VpdqThresholds thresholds) {
    RegisteredVideos videos = new RegisteredVideos(thresholds);
    List<Entry> loaded = new ArrayList<>();
    store.forEachVideo(v -> videos.entry(v.work(), v.asset(), v.frames()).ifPresent(loaded::add));
    videos.entries.addAll(loaded);
    return videos;
  }

  /** How many registered videos have at least one usable frame. */
  public int size() {
    return entries.size();
  }

  @Override
  public void register(Work work, List<Asset> assets) {
    List<Entry> added = new ArrayList<>();
    for (int i = 0; i < assets.size(); i++) {
      int asset = i;
      assets.get(i).video().flatMap(v -> entry(work.id(), asset, v)).ifPresent(added::add);
    }
    entries.addAll(added);
  }

  @Override
  public List<VideoMatch> find(FrameHashes query) {
    List<PdqHash> q = usable(query, thresholds);
    if (q.isEmpty()) {
      return List.of();
    }
    Map<String, VideoMatch> best = new LinkedHashMap<>();
    for (Entry e : entries) {
      compare(e.work(), e.asset(), q, e.usable(), thresholds).ifPresent(found -> keepBest(best, found));
    }
    return ordered(best);
  }

  /**
   * The comparison of query {@code q} with registered video {@code (work, asset)}, both reduced by
   * {@link VpdqMatcher#usable}: its match, or empty when it does not match.
   */
  static java.util.Optional<VideoMatch> compare(
      String work, int asset, List<PdqHash> q, List<PdqHash> registered, VpdqThresholds thresholds) {
    int d = thresholds.maxDistance();
    if (!VpdqMatcher.reaches(registered, q, d, thresholds.comparedMatchPercent())) {
      return java.util.Optional.empty();
    }
    VpdqMatch m = VpdqMatcher.compareUsable(q, registered, thresholds);
    if (!m.matches()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new VideoMatch(
            work,
            asset,
            FrameHashes.VPDQ,
            medianNearest(q, registered, d),
            m.queryMatchPercent(),
            m.comparedMatchPercent()));
  }

  /** Keeps a work's best-matching asset; the order is total, so the result does not depend on the visiting order. */
  static void keepBest(Map<String, VideoMatch> best, VideoMatch found) {
    best.merge(found.work(), found, (a, b) -> ORDER.compare(a, b) <= 0 ? a : b);
  }

  static List<VideoMatch> ordered(Map<String, VideoMatch> best) {
    List<VideoMatch> out = new ArrayList<>(best.values());
    out.sort(ORDER);
    return out;
  }

  private static final Comparator<VideoMatch> ORDER =
      Comparator.comparingDouble(VideoMatch::registeredMatchPercent)
          .thenComparingDouble(VideoMatch::queryMatchPercent)
          .reversed()
          .thenComparingInt(VideoMatch::distance)
          .thenComparing(VideoMatch::work)
          .thenComparingInt(VideoMatch::asset);

  /**
   * The median (the lower one for an even count), over the query frames that have a registered
   * frame within {@code maxDistance}, of the distance to the nearest one.
   */
  private static int medianNearest(List<PdqHash> query, List<PdqHash> registered, int maxDistance) {
    List<Integer> nearest = new ArrayList<>();
    for (PdqHash h : query) {
      int min = Integer.MAX_VALUE;
      for (PdqHash r : registered) {
        min = Math.min(min, h.distance(r));
        if (min == 0) {
          break;
        }
      }
      if (min <= maxDistance) {
        nearest.add(min);
      }
    }
    nearest.sort(null);
    return nearest.isEmpty() ? 0 : nearest.get((nearest.size() - 1) / 2);
  }

  private java.util.Optional<Entry> entry(String work, int asset, FrameHashes video) {
    List<PdqHash> usable = usable(video, thresholds);
    return usable.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new Entry(work, asset, usable));
  }

  /** The distinct hashes of {@code video}'s frames of sufficient quality, as the comparison takes them. */
  static List<PdqHash> usable(FrameHashes video, VpdqThresholds thresholds) {
    if (!video.algorithm().equals(VpdqHasher.ALGORITHM)) {
      throw new VpdqException(
          "cannot compare " + video.algorithm() + " frame hashes; this matcher compares " + VpdqHasher.ALGORITHM);
    }
    List<VpdqFeature> features = new ArrayList<>(video.frames().size());
    for (FrameHashes.Frame f : video.frames()) {
      features.add(new VpdqFeature(f.number(), f.quality(), PdqHash.fromHex(f.pdq()), f.number() / video.framesPerSecond()));
    }
    return VpdqMatcher.usable(features, thresholds.minQuality());
  }
}
