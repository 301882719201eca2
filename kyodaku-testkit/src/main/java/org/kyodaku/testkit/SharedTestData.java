package org.kyodaku.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code shared/testdata}, the reference vectors kept beside the repository rather than in
 * it.
 *
 * <p>Order: system property {@code kyodaku.shared} or environment variable {@code KYODAKU_SHARED}
 * (the {@code shared} folder); otherwise walk up from the working directory and take the first
 * ancestor {@code a} with {@code a/shared/testdata}. That finds both {@code /work/main/..} and, in
 * CI, {@code <repo>/../shared}. Missing data fails the test: a conformance suite that skips
 * silently proves nothing.
 */
public final class SharedTestData {
  private SharedTestData() {}

  /** {@code shared/testdata}. */
  public static Path testdata() {
    String configured = System.getProperty("kyodaku.shared", System.getenv("KYODAKU_SHARED"));
    if (configured != null && !configured.isBlank()) {
      Path dir = Path.of(configured).resolve("testdata");
      if (Files.isDirectory(dir)) {
        return dir;
      }
      throw new IllegalStateException(
          "kyodaku.shared / KYODAKU_SHARED = " + configured + " has no testdata folder");
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("testdata");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no shared/testdata in "
            + start
            + " or any folder above it; clone shared/ beside the repository or set KYODAKU_SHARED");
  }

  /** A path inside {@code shared/testdata}, which must exist. */
  public static Path resolve(String relative) {
    Path p = testdata().resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("missing shared test data: " + p);
    }
    return p;
  }
}
