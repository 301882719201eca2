package org.kyodaku.index.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.registry.NearMatcher.NearMatch;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.testkit.SharedTestData;

/**
 * Dihedral variants derived from a PDQ hash's bits, against Meta's Java reference: its eight exact
 * dihedral hashes of two pictures ({@code java-reference-pdqdih-across.csv}) and its plain hashes
 * of the bridge photo saved rotated and mirrored ({@code reg-test-input/dih/}).
 */
class PdqDihedralTest {
  /** PDQ's Dihedral order (original, rot90, rot180, rot270, flipx, flipy, flip+1, flip-1) as symmetries. */
  private static final int[] REFERENCE_ORDER = {0, 5, 6, 3, 2, 4, 1, 7};

  private static List<String> lines(String name) throws IOException {
    return Files.readAllLines(SharedTestData.testdata().resolve("pdq/expected").resolve(name));
  }

  @Test
  void turn_againstTheReferenceDihedralHashes_differsOnlyByTheMedianShift() throws IOException {
    List<Integer> distances = new ArrayList<>();
    for (String line : lines("java-reference-pdqdih-across.csv")) {
      String[] f = line.split(",");
      BinaryCode original = BinaryCode.fromHex(f[0]);
      for (int d = 0; d < 8; d++) {
        distances.add(PdqDihedral.turn(original, REFERENCE_ORDER[d]).distance(BinaryCode.fromHex(f[d])));
      }
    }
    // Measured: bridge 0, 14, 2, 4, 4, 14, 0, 2; pen-and-coaster 0, 6, 2, 6, 6, 6, 0, 2. Exact for
    // the original and the diagonal flip (no sign changes, so the same median).
    assertThat(distances).containsExactly(0, 14, 2, 4, 4, 14, 0, 2, 0, 6, 2, 6, 6, 6, 0, 2);
  }

  @Test
  void near_rotatedAndMirroredCopies_findTheRegisteredPicture() throws IOException {
    Map<String, String> plain = new HashMap<>();
    for (String line : lines("java-reference-pdq.csv")) {
      String[] f = line.split(",");
      if (f[f.length - 1].contains("/dih/")) {
        plain.put(f[f.length - 1].substring(f[f.length - 1].lastIndexOf('/') + 1), f[0]);
      }
    }
    RegistryIndex index = new RegistryIndex(RegistryIndex.DEFAULT_RADII);
    String work = FakeStore.workId(1);
    index.register(
        FakeStore.work(work, Instant.EPOCH),
        List.of(new Asset(java.util.Optional.empty(), List.of(
            new Fingerprint(Fingerprint.SHA256, "0".repeat(64)), new Fingerprint(Fingerprint.PDQ, plain.get("bridge-1-original.jpg"))))));

    Map<String, Integer> found = new java.util.TreeMap<>();
    plain.forEach(
        (file, hex) -> {
          List<NearMatch> near = index.near(new Fingerprint(Fingerprint.PDQ, hex));
          assertThat(near).as(file).extracting(NearMatch::work).containsExactly(work);
          found.put(file, near.getFirst().distance());
        });
    // The plain hashes are 106-128 bits from the original: no match without the variants.
    assertThat(found).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
        "bridge-1-original.jpg", 0, "bridge-2-rotate-90.jpg", 14, "bridge-3-rotate-180.jpg", 8,
        "bridge-4-rotate-270.jpg", 8, "bridge-5-flipx.jpg", 8, "bridge-6-flipy.jpg", 14,
        "bridge-7-flip-plus-1.jpg", 0, "bridge-8-flip-minus-1.jpg", 8)));
  }

  @Test
  void turn_isADistancePreservingGroupAction() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int n = 0; n < 200; n++) {
      BinaryCode a = BinaryCode.ofWords(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
      BinaryCode b = BinaryCode.ofWords(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
      assertThat(PdqDihedral.turn(a, 0)).isEqualTo(a);
      for (int s = 0; s < 8; s++) {
        assertThat(PdqDihedral.turn(a, s).distance(PdqDihedral.turn(b, s))).isEqualTo(a.distance(b));
      }
      // Rotating by 90 degrees four times, or 180 twice, is the identity.
      BinaryCode r = a;
      for (int i = 0; i < 4; i++) {
        r = PdqDihedral.turn(r, 5);
      }
      assertThat(r).isEqualTo(a);
      assertThat(PdqDihedral.turn(PdqDihedral.turn(a, 6), 6)).isEqualTo(a);
      assertThat(PdqDihedral.variants(a)).hasSize(8).first().isEqualTo(a);
    }
  }
}
