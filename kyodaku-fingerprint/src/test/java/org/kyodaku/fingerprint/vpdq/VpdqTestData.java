package org.kyodaku.fingerprint.vpdq;

import java.nio.file.Files;
import java.nio.file.Path;
import org.kyodaku.testkit.SharedTestData;

/**
 * Finds {@code shared/testdata/vpdq}: upstream's sample videos ({@code tmk/sample-videos}) and
 * expected hashes ({@code vpdq/sample-hashes}).
 *
 * <p>Located by the testkit's {@link SharedTestData} ({@code kyodaku.shared} / {@code
 * KYODAKU_SHARED}, else the first ancestor of the working directory holding {@code
 * shared/testdata}). Missing data fails the test rather than skipping it.
 */
final class VpdqTestData {
  /** The three sample videos copied from upstream, by stem. */
  static final String DOORKNOB = "doorknob-hd-no-bar";

  static final String PATTERN = "pattern-sd-grey-bar";
  static final String PADDED = "test-padded-dimensions";

  private VpdqTestData() {}

  static Path video(String stem) {
    return existing(root().resolve("tmk/sample-videos").resolve(stem + ".mp4"));
  }

  static Path expectedHashes(String name) {
    return existing(root().resolve("vpdq/sample-hashes").resolve(name + ".txt"));
  }

  static Path root() {
    return testdata().resolve("vpdq");
  }

  private static Path existing(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("missing test vector " + file);
    }
    return file;
  }

  static Path testdata() {
    return SharedTestData.testdata();
  }
}
