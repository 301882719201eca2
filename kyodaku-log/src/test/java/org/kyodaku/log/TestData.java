package org.kyodaku.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the shared transparency-log vectors ({@code shared/testdata/tlog}, beside the repository
 * root) and reads them. Resolution, first hit wins: system property {@code kyodaku.shared} or
 * environment variable {@code KYODAKU_SHARED} (the {@code shared} directory itself), then each
 * ancestor of the working directory that has {@code shared/testdata/tlog} inside (so {@code
 * <repo>/../shared} from the module directory surefire runs in). Missing data fails the test: the
 * vectors are the point.
 */
public final class TestData {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TLOG = locate();

  private TestData() {}

  /** {@code shared/testdata/tlog}. */
  public static Path tlog() {
    return TLOG;
  }

  /** A file under {@code shared/testdata/tlog}. */
  public static Path tlog(String relative) {
    return TLOG.resolve(relative);
  }

  public static JsonNode json(String relative) {
    try {
      return JSON.readTree(tlog(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String relative) {
    try {
      return Files.readString(tlog(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(tlog(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Paths (relative to the tlog folder, with '/') of the files under {@code dir}, sorted. */
  public static List<String> files(String dir, String suffix) {
    try (Stream<Path> walk = Files.walk(tlog(dir))) {
      List<String> out = new ArrayList<>();
      walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .forEach(p -> out.add(TLOG.relativize(p).toString().replace('\\', '/')));
      out.sort(null);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] base64(String s) {
    return Base64.getDecoder().decode(s);
  }

  private static Path locate() {
    return org.kyodaku.testkit.SharedTestData.resolve("tlog");
  }
}
