package org.kyodaku.index.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.registry.NearMatcher;
import org.kyodaku.core.registry.RegistryStore;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.index.hamming.IndexException;
import org.kyodaku.index.hamming.LiveIndex;
import org.kyodaku.index.hamming.Match;

/**
 * Finds registered works whose perceptual fingerprint is within an algorithm's Hamming radius of
 * a query's. Each algorithm has its own {@link LiveIndex}; an entry's index id is its position in
 * a list of work ids, so one work with many assets appears once per asset and is reported once,
 * at its nearest distance.
 *
 * <p>Searchable algorithms and their default radii: {@code pdq-v1} at 31 bits, the distance at
 * which Meta's PDQ documentation and hash-sharing programmes call two images the same.
 */
public final class RegistryIndex implements NearMatcher {
  /** Default radius per algorithm. */
  public static final Map<String, Integer> DEFAULT_RADII = Map.of(Fingerprint.PDQ, 31);

  private static final Map<String, Integer> WIDTHS = Map.of(Fingerprint.PDQ, 256);

  private record PerAlgorithm(int radius, LiveIndex index, WorkIds works) {}

  /**
   * Work ids by index position, append-only. Readers never lock: a position a search returns was
   * published (through the index's own snapshot) after its id was stored here, and chunks are
   * never moved, only the small outer array is replaced when it grows.
   */
  static final class WorkIds {
    private static final int CHUNK = 1 << 16;
    private volatile String[][] chunks = new String[1][CHUNK];
    private int size;

    /** Appends (callers serialise appends) and returns the new id's position. */
    int add(String work) {
      String[][] c = chunks;
      int chunk = size / CHUNK;
      if (chunk == c.length) {
        c = java.util.Arrays.copyOf(c, c.length * 2);
        for (int i = chunk; i < c.length; i++) {
          c[i] = new String[CHUNK];
        }
      }
      c[chunk][size % CHUNK] = work;
      chunks = c;
      return size++;
    }

    String get(long position) {
      return chunks[(int) (position / CHUNK)][(int) (position % CHUNK)];
    }
  }

  private final Map<String, PerAlgorithm> indexes = new LinkedHashMap<>();

  /**
   * An empty index searching the given algorithms at the given radii.
   *
   * @throws IndexException for an algorithm it cannot search or a radius out of range
   */
  public RegistryIndex(Map<String, Integer> radii) {
    radii.forEach(
        (algorithm, radius) -> {
          Integer width = WIDTHS.get(algorithm);
          if (width == null) {
            throw new IndexException(
                "cannot search " + algorithm + " by resemblance; searchable: " + WIDTHS.keySet());
          }
          if (radius < 0 || radius > width) {
            throw new IndexException(
                "radius for " + algorithm + " must be between 0 and " + width + ", got " + radius);
          }
          indexes.put(algorithm, new PerAlgorithm(radius, LiveIndex.inMemory(width), new WorkIds()));
        });
  }

  /** An index with the default radii, filled with every fingerprint the store holds. */
  public static RegistryIndex rebuild(RegistryStore store, Map<String, Integer> radii) {
    RegistryIndex index = new RegistryIndex(radii);
    for (var entry : index.indexes.entrySet()) {
      PerAlgorithm p = entry.getValue();
      store.forEachFingerprint(entry.getKey(), (work, hex) -> index.add(p, work, hex));
    }
    return index;
  }

  private void add(PerAlgorithm p, String work, String hex) {
    BinaryCode code = BinaryCode.fromHex(hex);
    synchronized (p) {
      p.index().add(code, p.works().add(work));
    }
  }

  @Override
  public Set<String> algorithms() {
    return indexes.keySet();
  }

  /** How many fingerprints of {@code algorithm} are indexed. */
  public long size(String algorithm) {
    PerAlgorithm p = indexes.get(algorithm);
    return p == null ? 0 : p.index().size();
  }

  @Override
  public List<NearMatch> near(Fingerprint query) {
    PerAlgorithm p = indexes.get(query.algorithm());
    if (p == null) {
      return List.of();
    }
    List<Match> found = p.index().rangeSearch(BinaryCode.fromHex(query.value()), p.radius());
    List<NearMatch> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Match m : found) {
      String work = p.works().get(m.id());
      if (seen.add(work)) {
        out.add(new NearMatch(work, query.algorithm(), m.distance()));
      }
    }
    return out;
  }

  @Override
  public void register(Work work, List<Asset> assets) {
    for (Asset a : assets) {
      for (Fingerprint f : a.fingerprints()) {
        PerAlgorithm p = indexes.get(f.algorithm());
        if (p != null) {
          add(p, work.id(), f.value());
        }
      }
    }
  }
}
