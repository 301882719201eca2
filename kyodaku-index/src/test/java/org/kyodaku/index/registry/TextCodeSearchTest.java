package org.kyodaku.index.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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

/** ISCC Text-Codes: the first 64 body bits are indexed, searched at radius 8 by default. */
class TextCodeSearchTest {
  private static final String TEXT = RegistryIndex.ISCC_TEXT;

  @TempDir Path dir;

  /** A 64-bit Text-Code value: header 2001 and the body. */
  private static String textCode(long body) {
    return "2001" + String.format("%016x", body);
  }

  private static Asset asset(String textCode) {
    return new Asset(Optional.empty(), List.of(Fingerprint.sha256("0".repeat(64)), new Fingerprint(TEXT, textCode)));
  }

  @Test
  void textCodePrefix_longerCodes_compareByTheirFirst64Bits() {
    // A 128-bit Text-Code of the same text starts with the 64-bit one (MinHash bit planes).
    assertThat(RegistryIndex.textCodePrefix("2003" + "0123456789abcdef" + "fedcba9876543210"))
        .isEqualTo(RegistryIndex.textCodePrefix("2001" + "0123456789abcdef"))
        .isEqualTo(BinaryCode.fromHex("0123456789abcdef"));
    assertThatThrownBy(() -> RegistryIndex.textCodePrefix("2001abcd"))
        .isInstanceOf(IndexException.class)
        .hasMessage("an ISCC Text-Code has a 4-digit header and at least 16 digits of body, got 8 digits");
  }

  @Test
  void near_editedText_foundWithinTheDefaultRadiusOnly() {
    RegistryIndex index = new RegistryIndex(RegistryIndex.DEFAULT_RADII);
    long body = 0x0123456789abcdefL;
    String work = FakeStore.workId(7);
    index.register(FakeStore.work(work, Instant.EPOCH), List.of(asset(textCode(body))));

    assertThat(index.near(new Fingerprint(TEXT, textCode(body ^ 0xffL))))
        .containsExactly(new NearMatch(work, TEXT, 8));
    assertThat(index.near(new Fingerprint(TEXT, textCode(body ^ 0x1ffL)))).isEmpty();
    assertThat(RegistryIndex.DEFAULT_RADII).containsEntry(TEXT, 8).containsEntry(Fingerprint.PDQ, 31);
  }

  @Test
  void open_persistedTextIndex_reloadsAndAnswersTheSame() throws IOException {
    SplittableRandom rnd = new SplittableRandom(3);
    List<IndexedFingerprint> stored = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      stored.add(new IndexedFingerprint(FakeStore.workId(i), Instant.EPOCH.plusSeconds(i), textCode(rnd.nextLong())));
    }
    Map<String, Integer> radii = Map.of(TEXT, 8);
    IndexedFingerprint probe = stored.get(1234);
    NearMatch expected = new NearMatch(probe.work(), TEXT, 3);
    String edited = textCode(Long.parseUnsignedLong(probe.value().substring(4), 16) ^ 0b10101L);

    try (RegistryIndex index = RegistryIndex.open(dir, FakeStore.of(TEXT, stored), radii)) {
      assertThat(index.report()).singleElement().asString().startsWith("iscc-text-v0: rebuilt 5000");
      assertThat(index.near(new Fingerprint(TEXT, edited))).containsExactly(expected);
    }
    try (RegistryIndex index = RegistryIndex.open(dir, FakeStore.of(TEXT, stored), radii)) {
      assertThat(index.report()).singleElement().asString().startsWith("iscc-text-v0: 5000 fingerprints from 1 segments");
      assertThat(index.near(new Fingerprint(TEXT, edited))).containsExactly(expected);
    }
  }
}
