package org.kyodaku.index.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.registry.NearMatcher.NearMatch;
import org.kyodaku.core.registry.RegistryStore.IndexedFingerprint;
import org.kyodaku.index.hamming.BinaryCode;
import org.kyodaku.index.hamming.IndexException;

/**
 * ISCC Image-Codes: the first 64 body bits are indexed in their own persisted index, searched at
 * radius 8 by default, beside PDQ and never instead of it. Real pictures (a resized copy found, an
 * unrelated one not) are in kyodaku-cli's {@code CliContractTest}, where the codes are computed.
 */
class ImageCodeSearchTest {
  private static final String IMAGE = RegistryIndex.ISCC_IMAGE;

  @TempDir Path dir;

  /** A 64-bit Image-Code value: header 2011 (Content, Image, v0, 64 bits) and the body. */
  private static String imageCode(long body) {
    return "2011" + String.format("%016x", body);
  }

  private static Asset asset(String imageCode) {
    return new Asset(Optional.empty(), List.of(Fingerprint.sha256("0".repeat(64)), new Fingerprint(IMAGE, imageCode)));
  }

  @Test
  void imageCodePrefix_longerCodes_compareByTheirFirst64Bits() {
    // A 256-bit Image-Code of the same picture starts with the 64-bit one (its first DCT block).
    assertThat(RegistryIndex.imageCodePrefix("2017" + "0123456789abcdef" + "ff".repeat(24)))
        .isEqualTo(RegistryIndex.imageCodePrefix("2011" + "0123456789abcdef"))
        .isEqualTo(BinaryCode.fromHex("0123456789abcdef"));
    assertThatThrownBy(() -> RegistryIndex.imageCodePrefix("2011abcd"))
        .isInstanceOf(IndexException.class)
        .hasMessage("an ISCC Image-Code has a 4-digit header and at least 16 digits of body, got 8 digits");
  }

  @Test
  void defaultRadii_imageCode_eightBitsBesidePdqAndText() {
    assertThat(RegistryIndex.DEFAULT_RADII)
        .containsExactly(Map.entry(Fingerprint.PDQ, 31), Map.entry(RegistryIndex.ISCC_TEXT, 8), Map.entry(IMAGE, 8));
  }

  @Test
  void near_editedPicture_foundWithinTheDefaultRadiusOnly() {
    RegistryIndex index = new RegistryIndex(RegistryIndex.DEFAULT_RADII);
    long body = 0x5a0f_33cc_9669_a55aL;
    String work = FakeStore.workId(7);
    index.register(FakeStore.work(work, Instant.EPOCH), List.of(asset(imageCode(body))));

    assertThat(index.near(new Fingerprint(IMAGE, imageCode(body ^ 0xffL)))).containsExactly(new NearMatch(work, IMAGE, 8));
    assertThat(index.near(new Fingerprint(IMAGE, imageCode(body ^ 0x1ffL)))).isEmpty();
    // Not searched in rotated orientations (that is PDQ's), nor across algorithms.
    assertThat(index.near(new Fingerprint(RegistryIndex.ISCC_TEXT, "2001" + String.format("%016x", body)))).isEmpty();
  }

  @Test
  void near_configuredRadius_replacesTheDefault() {
    RegistryIndex index = new RegistryIndex(Map.of(IMAGE, 10));
    long body = 0x0123_4567_89ab_cdefL;
    String work = FakeStore.workId(1);
    index.register(FakeStore.work(work, Instant.EPOCH), List.of(asset(imageCode(body))));

    assertThat(index.near(new Fingerprint(IMAGE, imageCode(body ^ 0x3ffL)))).containsExactly(new NearMatch(work, IMAGE, 10));
    assertThatThrownBy(() -> new RegistryIndex(Map.of(IMAGE, 65)))
        .isInstanceOf(IndexException.class)
        .hasMessage("radius for iscc-image-v0 must be between 0 and 64, got 65");
  }

  @Test
  void open_persistedImageIndex_reopensFromItsFilesAndAnswersTheSame() throws IOException {
    SplittableRandom rnd = new SplittableRandom(5);
    List<IndexedFingerprint> stored = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      stored.add(new IndexedFingerprint(FakeStore.workId(i), Instant.EPOCH.plusSeconds(i), imageCode(rnd.nextLong())));
    }
    Map<String, Integer> radii = Map.of(IMAGE, 8);
    IndexedFingerprint probe = stored.get(4321);
    String edited = imageCode(Long.parseUnsignedLong(probe.value().substring(4), 16) ^ 0b1011_0001L);
    List<NearMatch> expected = List.of(new NearMatch(probe.work(), IMAGE, 4));
    String unrelated = imageCode(rnd.nextLong());

    try (RegistryIndex index = RegistryIndex.open(dir, FakeStore.of(IMAGE, stored), radii)) {
      assertThat(index.report()).singleElement().asString().startsWith("iscc-image-v0: rebuilt 5000");
      assertThat(index.near(new Fingerprint(IMAGE, edited))).isEqualTo(expected);
    }
    assertThat(dir.resolve(IMAGE).resolve(Manifest.FILE)).exists();
    try (var files = Files.list(dir.resolve(IMAGE))) {
      assertThat(files.map(p -> p.getFileName().toString())).contains("segment-00000001.kdx", "segment-00000001.works");
    }

    try (RegistryIndex index = RegistryIndex.open(dir, FakeStore.of(IMAGE, stored), radii)) {
      assertThat(index.report()).singleElement().asString()
          .startsWith("iscc-image-v0: 5000 fingerprints from 1 segments, 0 registered since");
      assertThat(index.size(IMAGE)).isEqualTo(5000);
      assertThat(index.near(new Fingerprint(IMAGE, edited))).isEqualTo(expected);
      assertThat(index.near(new Fingerprint(IMAGE, unrelated))).isEmpty();
    }
  }
}
