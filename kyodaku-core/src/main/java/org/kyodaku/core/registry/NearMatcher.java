package org.kyodaku.core.registry;

import java.util.List;
import java.util.Set;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.Work;

/**
 * Finds registered works by resemblance: perceptual fingerprints (such as {@code pdq-v1}) within
 * an algorithm's radius. Implemented by the similarity index; the registry keeps it current as
 * works are registered and can rebuild it from the store.
 */
public interface NearMatcher {
  /** A registered asset's work whose fingerprint lies within the radius of a query. */
  record NearMatch(String work, String algorithm, int distance) {}

  /** Matches no work: exact matching only. */
  NearMatcher NONE =
      new NearMatcher() {
        @Override
        public Set<String> algorithms() {
          return Set.of();
        }

        @Override
        public List<NearMatch> near(Fingerprint query) {
          return List.of();
        }

        @Override
        public void register(Work work, List<Asset> assets) {}
      };

  /** The fingerprint algorithms this matcher searches. */
  Set<String> algorithms();

  /**
   * Works with a fingerprint of {@code query}'s algorithm within that algorithm's radius, nearest
   * first; empty for an algorithm not searched.
   */
  List<NearMatch> near(Fingerprint query);

  /** Makes a newly registered work's fingerprints searchable. */
  void register(Work work, List<Asset> assets);
}
