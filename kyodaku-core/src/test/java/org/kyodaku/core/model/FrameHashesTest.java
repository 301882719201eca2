package org.kyodaku.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The frames digest a registration's log entry carries (docs/log-entries.md, "framesDigest"). */
class FrameHashesTest {
  private static final FrameHashes TWO_FRAMES =
      new FrameHashes(
          FrameHashes.VPDQ,
          30000.0 / 1001,
          List.of(new FrameHashes.Frame(0, 100, "0".repeat(64)), new FrameHashes.Frame(30, 87, "f0".repeat(32))));

  @Test
  void digest_twoFrames_isSha256OfTheDocumentedEncoding() {
    // Computed outside Java from the encoding as docs/log-entries.md writes it (Python hashlib):
    // "kyodaku-frames-v1\nvpdq-v1\n403df853e2556b28\n0 100 00…00\n30 87 f0…f0\n".
    assertThat(TWO_FRAMES.digest()).isEqualTo("8d5ff4d88a708a645f0bcf6279f60b4da245d3ea91838be8cc682ed444996258");
  }

  @Test
  void digest_anyFrameAltered_changes() {
    String original = TWO_FRAMES.digest();
    List<FrameHashes> altered =
        List.of(
            new FrameHashes(FrameHashes.VPDQ, 30000.0 / 1001, List.of(TWO_FRAMES.frames().get(0),
                new FrameHashes.Frame(30, 87, "f0".repeat(31) + "f1"))),
            new FrameHashes(FrameHashes.VPDQ, 30000.0 / 1001, List.of(TWO_FRAMES.frames().get(0),
                new FrameHashes.Frame(30, 86, "f0".repeat(32)))),
            new FrameHashes(FrameHashes.VPDQ, 30000.0 / 1001, List.of(TWO_FRAMES.frames().get(0),
                new FrameHashes.Frame(31, 87, "f0".repeat(32)))),
            new FrameHashes(FrameHashes.VPDQ, 30000.0 / 1001, List.of(TWO_FRAMES.frames().get(0))),
            new FrameHashes(FrameHashes.VPDQ, 30, TWO_FRAMES.frames()));

    assertThat(altered).extracting(FrameHashes::digest).doesNotContain(original).doesNotHaveDuplicates();
  }
}
