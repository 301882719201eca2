package org.kyodaku.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.log.TestData;

/**
 * The 98 inclusion and 98 consistency probes of transparency-dev/merkle ({@code testdata/}), each a
 * happy path or a mutation that must fail. Hashes are decoded the way Go reads them (any byte
 * length) and handed to {@link Hash}, so a wrong-length value is refused there, as upstream refuses
 * it in the verifier.
 */
class UpstreamProbesTest {
  private static final String INCLUSION = "transparency-dev-merkle/inclusion";
  private static final String CONSISTENCY = "transparency-dev-merkle/consistency";

  /**
   * The one probe whose upstream verdict we deliberately do not share: equal sizes with equal
   * 12-byte "roots" ("don't care 2"). Go compares the bytes and accepts; a {@link Hash} is a
   * SHA-256 value, so a 12-byte root is refused when it is built.
   */
  private static final Map<String, String> DEVIATIONS =
      Map.of(
          CONSISTENCY + "/additional/sizes-are-equal-one-and-proof-is-empty.json",
          "hash has 12 bytes, expected 32");

  /** What each kind of mutation is refused with (by the probe's {@code desc}). */
  private static final Map<String, String> INCLUSION_MESSAGES =
      Map.ofEntries(
          Map.entry("empty leaf", "hash has 0 bytes, expected 32"),
          Map.entry("empty root and leaf", "hash has 0 bytes, expected 32"),
          Map.entry("wrong leaf", "hash has 9 bytes, expected 32"),
          Map.entry("preceding garbage", "hash has 0 bytes, expected 32"),
          Map.entry("trailing garbage", "hash has 0 bytes, expected 32"),
          Map.entry("random root", "root mismatch for leaf"),
          Map.entry("matching root and leaf", ""));

  static List<String> inclusionProbes() {
    return TestData.files(INCLUSION, ".json");
  }

  static List<String> consistencyProbes() {
    return TestData.files(CONSISTENCY, ".json");
  }

  @Test
  void probes_countAsPublished_98And98() {
    assertThat(inclusionProbes()).hasSize(98);
    assertThat(consistencyProbes()).hasSize(98);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inclusionProbes")
  void verifyInclusion_upstreamProbe_matchesWantErr(String file) {
    JsonNode p = TestData.json(file);
    ThrowingCallable verify =
        () ->
            MerkleVerifier.verifyInclusion(
                hash(p.get("leafHash")),
                new InclusionProof(
                    p.get("leafIdx").asLong(), p.get("treeSize").asLong(), hashes(p.get("proof"))),
                hash(p.get("root")));
    String desc = p.get("desc").asText();
    if (p.get("wantErr").asBoolean()) {
      assertThatThrownBy(verify)
          .isInstanceOf(MerkleException.class)
          .hasMessageMatching("(?s).+")
          .hasMessageContaining(INCLUSION_MESSAGES.getOrDefault(desc, expectedInclusion(desc)));
    } else {
      assertThatCode(verify).doesNotThrowAnyException();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("consistencyProbes")
  void verifyConsistency_upstreamProbe_matchesWantErr(String file) {
    JsonNode p = TestData.json(file);
    ThrowingCallable verify =
        () ->
            MerkleVerifier.verifyConsistency(
                new ConsistencyProof(
                    p.get("size1").asLong(), p.get("size2").asLong(), hashes(p.get("proof"))),
                hash(p.get("root1")),
                hash(p.get("root2")));
    if (DEVIATIONS.containsKey(file)) {
      assertThat(p.get("wantErr").asBoolean()).isFalse();
      assertThatThrownBy(verify)
          .isInstanceOf(MerkleException.class)
          .hasMessage(DEVIATIONS.get(file));
    } else if (p.get("wantErr").asBoolean()) {
      assertThatThrownBy(verify)
          .isInstanceOf(MerkleException.class)
          .hasMessageMatching("(?s).+")
          .hasMessageContaining(expectedConsistency(p));
    } else {
      assertThatCode(verify).doesNotThrowAnyException();
    }
  }

  private static String expectedInclusion(String desc) {
    if (desc.startsWith("leafIdx")
        || desc.startsWith("treeSize")
        || desc.contains("empty root")
        || desc.equals("random leaf")) {
      return ""; // "not below tree size", a proof length or a root mismatch, by case
    }
    if (desc.startsWith("modified proof")) {
      return "root mismatch for leaf";
    }
    if (desc.contains("preceding") || desc.contains("trailing") || desc.contains("component")) {
      return "hashes, expected";
    }
    return "";
  }

  private static String expectedConsistency(JsonNode p) {
    String desc = p.get("desc").asText();
    long size1 = p.get("size1").asLong();
    long size2 = p.get("size2").asLong();
    if (size2 < size1) {
      return "is smaller than first tree size";
    }
    if (size1 == 0) {
      return "";
    }
    if (desc.startsWith("modified proof")) {
      return "root mismatch for size";
    }
    if (desc.contains("garbage")) {
      return "hash has 0 bytes, expected 32";
    }
    if (desc.startsWith("wrong root")) {
      return "hash has 9 bytes, expected 32";
    }
    return "";
  }

  private static Hash hash(JsonNode node) {
    return new Hash(node.isNull() ? new byte[0] : TestData.base64(node.asText()));
  }

  private static List<Hash> hashes(JsonNode node) {
    List<Hash> out = new ArrayList<>();
    if (node != null && !node.isNull()) {
      node.forEach(h -> out.add(hash(h)));
    }
    return out;
  }
}
