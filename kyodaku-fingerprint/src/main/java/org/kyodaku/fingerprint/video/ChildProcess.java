package org.kyodaku.fingerprint.video;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.kyodaku.fingerprint.video.VideoDecodeException.Reason;

/**
 * One run of an FFmpeg program on one file, with its error output kept (the last {@value
 * #STDERR_LINES} lines, each cut to {@value #LINE_CHARS} characters, so a chatty or hostile
 * stream cannot grow memory) and a watchdog that kills it when the time limit passes.
 *
 * <p>Standard input is closed (the programs are also given {@code -nostdin}); standard output is
 * the caller's to read. {@link #close()} kills the process if it is still running, so a caller that
 * stops early (an exception in a frame callback) leaves nothing behind.
 */
final class ChildProcess implements AutoCloseable {
  static final int STDERR_LINES = 8;
  static final int LINE_CHARS = 300;

  private final Process process;
  private final String program;
  private final Path file;
  private final Duration timeout;
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final Thread stderrReader;
  private volatile boolean timedOut;

  private ChildProcess(Process process, String program, Path file, Duration timeout) {
    this.process = process;
    this.program = program;
    this.file = file;
    this.timeout = timeout;
    this.stderrReader = Thread.ofVirtual().name("stderr-" + program).start(this::drainStderr);
    Thread.ofVirtual().name("watchdog-" + program).start(this::watch);
  }

  /**
   * Starts {@code command} (its first element is the program).
   *
   * @throws VideoDecodeException with {@link Reason#FFMPEG_MISSING} if the program cannot be run
   */
  static ChildProcess start(List<String> command, Path file, Duration timeout) {
    String program = command.get(0);
    try {
      Process process =
          new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
      process.getOutputStream().close();
      return new ChildProcess(process, program, file, timeout);
    } catch (IOException e) {
      throw new VideoDecodeException(
          Reason.FFMPEG_MISSING,
          file + ": cannot run " + program + " (" + e.getMessage() + "); video hashing needs"
              + " FFmpeg 5.1 or later: install it (Debian/Ubuntu: apt-get install ffmpeg) or give"
              + " the programs' location in VideoDecoderOptions",
          e);
    }
  }

  InputStream stdout() {
    return process.getInputStream();
  }

  /**
   * Waits for the process to end (it has closed its output or will soon).
   *
   * @return its exit status
   * @throws VideoDecodeException with {@link Reason#TIMEOUT} if the watchdog killed it
   */
  int waitFor() {
    try {
      int status = process.waitFor();
      stderrReader.join(Duration.ofSeconds(5));
      checkNotTimedOut();
      return status;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new VideoDecodeException(
          Reason.DECODE_FAILED, file + ": interrupted while " + program + " was running", e);
    }
  }

  /** @throws VideoDecodeException with {@link Reason#TIMEOUT} if the watchdog killed the process */
  void checkNotTimedOut() {
    if (timedOut) {
      throw new VideoDecodeException(
          Reason.TIMEOUT, file + ": " + program + " took longer than " + timeout + " and was stopped");
    }
  }

  /** What the program printed on its error output, last lines only, joined with "; ". */
  String stderr() {
    synchronized (stderrTail) {
      return stderrTail.stream().collect(Collectors.joining("; "));
    }
  }

  /** " (ffmpeg said: …)" or "" when it said nothing. */
  String said() {
    String said = stderr();
    return said.isEmpty() ? "" : " (" + shortName() + " said: " + said + ")";
  }

  private String shortName() {
    Path name = Path.of(program).getFileName();
    return name == null ? program : name.toString();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private void watch() {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        timedOut = true;
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
    }
  }

  private void drainStderr() {
    try (InputStream in = new BufferedInputStream(process.getErrorStream())) {
      byte[] line = new byte[LINE_CHARS];
      int length = 0;
      int b;
      while ((b = in.read()) >= 0) {
        if (b == '\n' || b == '\r') {
          keep(line, length);
          length = 0;
        } else if (length < line.length) {
          line[length++] = (byte) b;
        }
      }
      keep(line, length);
    } catch (IOException e) {
      // The process was killed or closed its error output; what was read so far is kept.
    }
  }

  private void keep(byte[] line, int length) {
    String text = new String(Arrays.copyOf(line, length), StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return;
    }
    synchronized (stderrTail) {
      stderrTail.addLast(text);
      if (stderrTail.size() > STDERR_LINES) {
        stderrTail.removeFirst();
      }
    }
  }
}
