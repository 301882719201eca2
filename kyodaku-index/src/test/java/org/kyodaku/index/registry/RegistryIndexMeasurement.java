package org.kyodaku.index.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.registry.RegistryStore.IndexedFingerprint;

/**
 * Start-up cost of the persisted registry index, without a database: rebuild N random PDQ
 * fingerprints from an in-memory store into a fresh directory, then open it again (checksums,
 * store check, catch-up of nothing). Not a test; run by hand, numbers in docs/index.md:
 *
 * <pre>
 * java -Xmx3g -cp kyodaku-index/target/classes:kyodaku-index/target/test-classes:kyodaku-core/target/classes \
 *   org.kyodaku.index.registry.RegistryIndexMeasurement 1000000 /tmp/kyodaku-index-measure
 * </pre>
 */
final class RegistryIndexMeasurement {
  private RegistryIndexMeasurement() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]);
    if (Files.exists(dir.resolve(Fingerprint.PDQ).resolve("manifest"))) {
      throw new IllegalArgumentException(dir + " already holds an index; give an empty directory");
    }
    SplittableRandom rnd = new SplittableRandom(1);
    List<IndexedFingerprint> stored = new ArrayList<>(n);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      stored.add(new IndexedFingerprint(
          FakeStore.workId(i), t0.plusMillis(i),
          String.format("%016x%016x%016x%016x", rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong())));
    }
    for (int round = 0; round < 2; round++) {
      long heapBefore = usedHeap();
      try (RegistryIndex index = RegistryIndex.open(dir, FakeStore.of(stored), java.util.Map.of(Fingerprint.PDQ, 31))) {
        System.out.println(index.report().getFirst() + "; heap +" + (usedHeap() - heapBefore) / (1 << 20) + " MiB");
      }
    }
    long bytes;
    try (var files = Files.list(dir.resolve(Fingerprint.PDQ))) {
      bytes = files.mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf("files: %d bytes, %.1f bytes per fingerprint%n", bytes, (double) bytes / n);
  }

  private static long usedHeap() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
