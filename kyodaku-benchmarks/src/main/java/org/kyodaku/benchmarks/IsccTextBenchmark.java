package org.kyodaku.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.kyodaku.fingerprint.iscc.IsccHasher;
import org.kyodaku.fingerprint.iscc.TextCode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ISCC Text-Code ({@code iscc-text-v0}: NFKC and case folding, whitespace removed, 13-character
 * windows, xxHash32, MinHash) of a plain text already in memory.
 *
 * <p>Text: {@link #kib} KiB of UTF-8 ({@link #text}; seed {@value #SEED}) of random words, about
 * one in three Japanese (hiragana, katakana and common kanji, 3 bytes a character in UTF-8) and
 * the rest lower- and upper-case Latin, with spaces, punctuation and line breaks, so that
 * normalisation has work to do. Same text on every run.
 *
 * <p>Score: codes per second on one thread; KiB per second is the score times {@link #kib}, and
 * time per KiB its inverse. Run (about 2 minutes):
 *
 * <pre>
 * bench/jmh.sh IsccTextBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class IsccTextBenchmark {
  static final long SEED = 20_240_502L;
  private static final String KANA_KANJI =
      "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
          + "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
          + "日本語文章著作権同意登録学習許可作品画像動画音楽写真利用者開発年月時間場所";
  private static final String LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String[] SEPARATORS = {" ", " ", " ", " ", ", ", ". ", "\n", "、", "。"};

  /** Size of the text in KiB of UTF-8. */
  @Param({"1", "64"})
  public int kib;

  private final IsccHasher iscc = new IsccHasher();
  String text;

  @Setup
  public void setUp() {
    text = text(kib * 1024);
  }

  @Benchmark
  public TextCode textCode() {
    return iscc.text(text, IsccHasher.DEFAULT_BITS);
  }

  /** Random words of exactly {@code bytes} bytes of UTF-8 (padded with spaces at the end). */
  static String text(int bytes) {
    SplittableRandom random = new SplittableRandom(SEED);
    StringBuilder out = new StringBuilder(bytes);
    int used = 0;
    while (true) {
      StringBuilder word = new StringBuilder();
      boolean japanese = random.nextInt(3) == 0;
      String alphabet = japanese ? KANA_KANJI : LATIN;
      int letters = japanese ? 1 + random.nextInt(6) : 2 + random.nextInt(9);
      for (int i = 0; i < letters; i++) {
        word.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      word.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
      int size = word.toString().getBytes(StandardCharsets.UTF_8).length;
      if (used + size > bytes) {
        break;
      }
      out.append(word);
      used += size;
    }
    out.repeat(' ', bytes - used);
    return out.toString();
  }
}
