package org.kyodaku.core.registry;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Work;

/**
 * Finds registered videos that have a frame near a query frame: the candidates a {@link
 * VideoMatcher} then compares frame by frame, so that a query costs a search per query frame
 * rather than a comparison with every registered video. Implemented by the similarity index
 * (kyodaku-index) over the PDQ hashes of every registered frame; kept current as works are
 * registered and rebuilt from the store.
 */
public interface FrameIndex {
  /** Asset {@code asset} (its position in the work) of work {@code work}, a registered video. */
  record VideoAsset(String work, int asset) {}

  /** The Hamming radius, in bits of the 256-bit PDQ hash, within which a frame is found. */
  int radius();

  /**
   * Every registered video with at least one frame (of any quality) within {@link #radius()} bits
   * of one of {@code frames}, PDQ hashes as 64 lowercase hex digits; no video that has none.
   */
  Set<VideoAsset> candidates(Collection<String> frames);

  /** Makes a newly registered work's video frames searchable. */
  void register(Work work, List<Asset> assets);
}
