package org.kyodaku.fingerprint.vpdq;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.registry.VideoMatcher.VideoMatch;
import org.kyodaku.fingerprint.pdq.PdqHash;

/**
 * {@link IndexedVideos} (candidates from the frame index, then the comparison) answers every query
 * exactly as {@link RegisteredVideos} (the comparison with every registered video) does, in the
 * same order, under any thresholds it accepts and any index radius at least their frame distance.
 *
 * <p>Each try draws thresholds (frame distance, quality, both percentages), an index radius, how
 * many videos the index has moved from its tail into segments, and a registry of videos cut from a few shared scenes: near-duplicate frames at distances clustered
 * around the frame distance (where an off-by-one would show), repeated frames, qualities clustered
 * around the quality threshold, works holding a still and one or two cuts of a video. Queries are
 * copies of a registered video (some with every frame exactly at the frame distance), two
 * registered videos end to end, a registered video's opening, a mix of scenes, or frames unlike
 * any. The bits flipped and the random hashes come from a
 * seeded generator whose seed is a parameter, so a failure is reported with what reproduces it.
 */
class IndexedVideosProperties {
  @Provide
  Arbitrary<VpdqThresholds> thresholds() {
    Arbitrary<Integer> distance = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(VpdqThresholds.REFERENCE_MAX_DISTANCE)),
        Tuple.of(2, Arbitraries.integers().between(0, 40)));
    Arbitrary<Integer> quality = Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(VpdqThresholds.REFERENCE_MIN_QUALITY)),
        Tuple.of(1, Arbitraries.integers().between(0, 100)));
    Arbitrary<Double> percent = Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.of(0.0, 50.0, 80.0, 100.0)),
        Tuple.of(1, Arbitraries.doubles().between(0, 100).ofScale(1)));
    Arbitrary<Double> compared = Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(VpdqThresholds.REFERENCE_COMPARED_PERCENT)),
        Tuple.of(2, percent));
    return Combinators.combine(distance, quality, percent, compared).as(VpdqThresholds::new);
  }

  /** Mostly none: the index searching at exactly the frame distance is where a miss would show. */
  @Provide
  Arbitrary<Integer> extraRadius() {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 4)));
  }

  @Property(tries = 250)
  void find_randomVideosAndThresholds_sameAsComparingWithEveryVideo(
      @ForAll("thresholds") VpdqThresholds thresholds,
      @ForAll("extraRadius") int extraRadius,
      @ForAll @IntRange(min = 1, max = 30) int scenes,
      @ForAll @IntRange(min = 1, max = 25) int videos,
      @ForAll @IntRange(min = 1, max = 12) int queries,
      @ForAll @IntRange(min = 0, max = 25) int flushedVideos,
      @ForAll long seed)
      throws IOException {
    // The one setting IndexedVideos refuses, by design: it would have to return every video.
    Assume.that(thresholds.queryMatchPercent() > 0 || thresholds.comparedMatchPercent() > 0);
    World world = new World(thresholds, new SplittableRandom(seed));
    IndexedVideosTest.Pair pair = new IndexedVideosTest.Pair(thresholds, thresholds.maxDistance() + extraRadius);
    List<PdqHash> pool = new ArrayList<>();
    for (int i = 0; i < scenes; i++) {
      pool.add(world.random());
    }
    List<List<PdqHash>> registered = new ArrayList<>();
    for (int v = 0; v < videos; v++) {
      if (v == flushedVideos) {
        // The first videos' frames in the index's searched segments, the others in its scanned tail.
        pair.index.flush();
      }
      List<PdqHash> hashes = new ArrayList<>();
      int length = 1 + world.r.nextInt(25);
      for (int i = 0; i < length; i++) {
        PdqHash scene = pool.get(world.r.nextInt(pool.size()));
        // Repeated frames too: the comparison counts distinct hashes.
        hashes.add(world.r.nextInt(5) == 0 ? scene : world.flip(scene, world.r.nextInt(12)));
      }
      registered.add(hashes);
      FrameHashes frames = world.video(hashes);
      String id = String.format("w_video%07d", v);
      Asset still = Asset.ofSha256(Optional.empty(), String.format("%064x", 2 * v));
      Asset clip = new Asset(Optional.empty(), List.of(Fingerprint.sha256(String.format("%064x", 2 * v + 1))), Optional.of(frames));
      // Some works hold the video twice (a second cut), so the best asset per work is chosen.
      pair.register(id, world.r.nextInt(4) == 0
          ? List.of(still, clip, new Asset(Optional.empty(), List.of(Fingerprint.sha256(String.format("%064x", 1000 + v))),
              Optional.of(world.video(hashes.subList(0, (hashes.size() + 1) / 2)))))
          : List.of(clip, still));
    }
    for (int k = 0; k < queries; k++) {
      List<PdqHash> hashes = new ArrayList<>();
      SplittableRandom r = world.r;
      switch (r.nextInt(6)) {
        case 0 -> registered.get(r.nextInt(registered.size())).forEach(h -> hashes.add(world.flip(h, world.nearDistance())));
        case 5 -> {
          // A copy at the edge: every frame exactly D bits away, or now and then just beyond.
          int d = thresholds.maxDistance();
          registered.get(r.nextInt(registered.size())).forEach(h -> hashes.add(world.flip(h, Math.min(256, r.nextInt(10) == 0 ? d + 1 : d))));
        }
        case 1 -> {
          // A longer video containing two registered ones.
          registered.get(r.nextInt(registered.size())).forEach(h -> hashes.add(world.flip(h, r.nextInt(10))));
          registered.get(r.nextInt(registered.size())).forEach(h -> hashes.add(world.flip(h, r.nextInt(10))));
        }
        case 2 -> {
          List<PdqHash> source = registered.get(r.nextInt(registered.size()));
          source.subList(0, 1 + r.nextInt(source.size())).forEach(h -> hashes.add(world.flip(h, world.nearDistance())));
        }
        case 3 -> {
          for (int i = 0; i < 1 + r.nextInt(20); i++) {
            hashes.add(world.flip(pool.get(r.nextInt(pool.size())), world.nearDistance()));
          }
        }
        default -> {
          for (int i = 0; i < 1 + r.nextInt(20); i++) {
            hashes.add(world.random());
          }
        }
      }
      List<VideoMatch> found = pair.assertSame(world.video(hashes));
      // Not vacuous: checked below over all tries.
      Statistics.label("query").collect(found.isEmpty() ? "no match" : "match");
    }
    Statistics.label("query").coverage(c -> {
      c.check("match").percentage(p -> p >= 15);
      c.check("no match").percentage(p -> p >= 10);
    });
  }

  /** Random hashes, flips and qualities, drawn around the thresholds. */
  private static final class World {
    final VpdqThresholds thresholds;
    final SplittableRandom r;

    World(VpdqThresholds thresholds, SplittableRandom r) {
      this.thresholds = thresholds;
      this.r = r;
    }

    PdqHash random() {
      return new PdqHash(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
    }

    /** {@code hash} with {@code bits} distinct bits flipped. */
    PdqHash flip(PdqHash hash, int bits) {
      long[] w = {hash.bits192to255(), hash.bits128to191(), hash.bits64to127(), hash.bits0to63()};
      Set<Integer> chosen = new HashSet<>();
      while (chosen.size() < bits) {
        chosen.add(r.nextInt(256));
      }
      for (int b : chosen) {
        w[b / 64] ^= 1L << (b % 64);
      }
      return new PdqHash(w[0], w[1], w[2], w[3]);
    }

    /** Distances that cluster around the frame threshold D: small, D ± 5, up to D, D, D + 1. */
    int nearDistance() {
      int d = thresholds.maxDistance();
      int bits = switch (r.nextInt(5)) {
        case 0 -> r.nextInt(8);
        case 1 -> d - 5 + r.nextInt(11);
        case 2 -> r.nextInt(d + 1);
        case 3 -> d;
        default -> d + 1;
      };
      return Math.clamp(bits, 0, 256);
    }

    /** Qualities that cluster around the quality threshold Q: mostly above, some just below. */
    int quality() {
      int q = thresholds.minQuality();
      int quality = switch (r.nextInt(8)) {
        case 0 -> q - 1;
        case 1 -> q;
        case 2 -> r.nextInt(101);
        default -> q + r.nextInt(101 - q);
      };
      return Math.clamp(quality, 0, 100);
    }

    FrameHashes video(List<PdqHash> hashes) {
      List<FrameHashes.Frame> frames = new ArrayList<>();
      for (int i = 0; i < hashes.size(); i++) {
        frames.add(new FrameHashes.Frame(i * 30, quality(), hashes.get(i).toHex()));
      }
      return new FrameHashes(FrameHashes.VPDQ, 30, frames);
    }
  }
}
