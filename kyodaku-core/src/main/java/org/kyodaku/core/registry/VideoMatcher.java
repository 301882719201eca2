package org.kyodaku.core.registry;

import java.util.List;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.Work;

/**
 * Finds registered videos by their frame hashes: the vPDQ comparison of a query video with every
 * registered one (kyodaku-fingerprint implements it). Like {@link NearMatcher}, a match is a
 * resemblance: it finds rights holders and disputes, and never clears content by itself.
 */
public interface VideoMatcher {
  /**
   * A registered video that the query matches under the comparison's thresholds.
   *
   * @param work the registered work
   * @param asset the position of the matching asset in the work
   * @param algorithm the frame-hash algorithm ({@code vpdq-v1})
   * @param distance median distance of the query's matched frames to their nearest registered
   *     frame
   * @param queryMatchPercent share of the query's distinct usable frames found in the registered
   *     video
   * @param registeredMatchPercent share of the registered video's distinct usable frames found in
   *     the query
   */
  record VideoMatch(
      String work,
      int asset,
      String algorithm,
      int distance,
      double queryMatchPercent,
      double registeredMatchPercent) {}

  /** Matches no video. */
  VideoMatcher NONE =
      new VideoMatcher() {
        @Override
        public List<VideoMatch> find(FrameHashes query) {
          return List.of();
        }

        @Override
        public void register(Work work, List<Asset> assets) {}
      };

  /**
   * Registered videos that {@code query} matches, best first (highest registered share, then
   * query share); a work appears once, with its best-matching asset.
   */
  List<VideoMatch> find(FrameHashes query);

  /** Makes a newly registered work's videos searchable. */
  void register(Work work, List<Asset> assets);
}
