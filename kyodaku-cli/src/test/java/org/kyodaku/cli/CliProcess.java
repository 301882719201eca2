package org.kyodaku.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code kyodaku} as users run it: a separate {@code java} process on the test class path, with the
 * launcher's JVM options, in the language of the {@code LANG} given and none of this machine's
 * LC_ALL / LC_MESSAGES / LANG.
 */
final class CliProcess {
  private CliProcess() {}

  static ProcessBuilder builder(Path dir, String lang, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // As the launcher runs it: native access for libjpeg-turbo (ADR 0009), so the JDK prints no warning.
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = b.environment();
    env.keySet().removeAll(List.of("LC_ALL", "LC_MESSAGES", "LANG"));
    // Tests compare stderr exactly: no "Picked up ..." line from the caller's JVM options.
    env.keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
    env.put("LANG", lang);
    return b;
  }

  /** Runs {@code kyodaku args} to its end; stdout and stderr are decoded as UTF-8. */
  static CliContractTest.Run run(Path dir, String lang, String... args) throws Exception {
    Process p = builder(dir, lang, args).start();
    p.getOutputStream().close();
    // Both streams are read aside, so a child that hangs is cut off by the time limit.
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> utf8(p.getErrorStream()));
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> utf8(p.getInputStream()));
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kyodaku " + String.join(" ", args) + " did not end within 60 s");
    }
    return new CliContractTest.Run(p.exitValue(), out.get(), err.get());
  }

  private static String utf8(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
