package org.kyodaku.fingerprint.vpdq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.registry.FrameIndex;
import org.kyodaku.core.registry.FrameIndex.VideoAsset;
import org.kyodaku.core.registry.VideoMatcher;
import org.kyodaku.fingerprint.pdq.PdqHash;

/**
 * The registry's videos, found by the vPDQ comparison as {@link RegisteredVideos} finds them, but
 * compared only with the candidates a {@link FrameIndex} returns, so a query costs a radius search
 * per distinct usable query frame plus a comparison per candidate, not a comparison with every
 * registered video; and nothing but the index is held in memory (a candidate's frames are read
 * from the store when needed).
 *
 * <p><b>Same answers as comparing with every video.</b> Under thresholds where a match needs at
 * least one matching frame (P_c &gt; 0 or P_q &gt; 0; the reference's P_c is 80 %), a video that
 * matches has a usable frame within D bits of a usable query frame; the index, searched at radius
 * ≥ D with every usable query frame, returns every video that has any frame within that radius,
 * so every video that matches is a candidate. Each candidate then goes through exactly the
 * comparison {@link RegisteredVideos} runs, and the best asset per work is kept under the same
 * total order, so the list is the same, in the same order ({@code IndexedVideosProperties} checks
 * this on random frame sets and thresholds). Thresholds under which a video without a single matching frame matches
 * cannot be served by an index and are refused.
 */
public final class IndexedVideos implements VideoMatcher {
  private final FrameIndex index;
  private final Function<String, List<Asset>> assetsOf;
  private final VpdqThresholds thresholds;

  /**
   * Videos found through {@code index}, their frames read with {@code assetsOf} (a work's assets
   * in registration order: the store's {@code assetsOf}), compared under {@code thresholds}.
   *
   * @throws VpdqException if the thresholds let a video match without any matching frame, or the
   *     index searches a smaller radius than the thresholds' frame distance
   */
  public IndexedVideos(FrameIndex index, Function<String, List<Asset>> assetsOf, VpdqThresholds thresholds) {
    this.index = Objects.requireNonNull(index, "index");
    this.assetsOf = Objects.requireNonNull(assetsOf, "assetsOf");
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    if (thresholds.comparedMatchPercent() <= 0 && thresholds.queryMatchPercent() <= 0) {
      throw new VpdqException(
          "with both match percentages at 0 every video matches every query, which no frame index can find;"
              + " compare with every video (RegisteredVideos) instead");
    }
    if (index.radius() < thresholds.maxDistance()) {
      throw new VpdqException(
          "the frame index finds frames within " + index.radius() + " bits, the comparison needs "
              + thresholds.maxDistance());
    }
  }

  @Override
  public void register(Work work, List<Asset> assets) {
    index.register(work, assets);
  }

  @Override
  public List<VideoMatch> find(FrameHashes query) {
    List<PdqHash> q = RegisteredVideos.usable(query, thresholds);
    if (q.isEmpty()) {
      return List.of();
    }
    List<String> hex = new ArrayList<>(q.size());
    q.forEach(h -> hex.add(h.toHex()));
    Map<String, List<Asset>> works = new HashMap<>();
    Map<String, VideoMatch> best = new LinkedHashMap<>();
    for (VideoAsset candidate : index.candidates(hex)) {
      List<Asset> assets = works.computeIfAbsent(candidate.work(), assetsOf);
      Optional<FrameHashes> video =
          candidate.asset() < assets.size() ? assets.get(candidate.asset()).video() : Optional.empty();
      if (video.isEmpty()) {
        continue;
      }
      List<PdqHash> registered = RegisteredVideos.usable(video.get(), thresholds);
      RegisteredVideos.compare(candidate.work(), candidate.asset(), q, registered, thresholds)
          .ifPresent(found -> RegisteredVideos.keepBest(best, found));
    }
    return RegisteredVideos.ordered(best);
  }
}
