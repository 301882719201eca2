package org.kyodaku.log.proof;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kyodaku.log.checkpoint.CheckpointException;
import org.kyodaku.log.checkpoint.SignedCheckpoint;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.MerkleException;

/**
 * A {@code c2sp.org/tlog-proof@v1} document:
 *
 * <pre>
 *   c2sp.org/tlog-proof@v1\n
 *   [extra &lt;base64 opaque data&gt;\n]        optional, NOT authenticated
 *   index &lt;decimal, no leading zeros&gt;\n
 *   &lt;base64 hash&gt;\n                       0..n inclusion proof hashes, leaf's sibling first
 *   \n
 *   &lt;signed checkpoint, verbatim&gt;
 * </pre>
 *
 * The checkpoint is kept verbatim (log signature and witness cosignatures included) and checked for
 * structure when parsed; {@link TlogProofVerifier} verifies everything.
 */
public record TlogProof(
    Optional<String> extra, long index, List<Hash> inclusionPath, String checkpoint) {
  /** The first line of every v1 proof. */
  public static final String HEADER = "c2sp.org/tlog-proof@v1";

  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");

  public TlogProof {
    if (extra.isPresent() && decodeBase64(extra.get()).isEmpty()) {
      throw new ProofException("extra data \"" + extra.get() + "\" is not padded base64");
    }
    if (index < 0) {
      throw new ProofException("index " + index + " is negative");
    }
    inclusionPath = List.copyOf(inclusionPath);
    try {
      SignedCheckpoint.parse(checkpoint);
    } catch (CheckpointException e) {
      throw new ProofException("tlog-proof checkpoint: " + e.getMessage(), e);
    }
  }

  /** A proof without extra data. */
  public static TlogProof of(long index, List<Hash> inclusionPath, String checkpoint) {
    return new TlogProof(Optional.empty(), index, inclusionPath, checkpoint);
  }

  /** The extra data, decoded. */
  public Optional<byte[]> extraBytes() {
    return extra.flatMap(TlogProof::decodeBase64);
  }

  /** Parses a proof document (see the class comment). */
  public static TlogProof parse(String text) {
    int blank = text.indexOf("\n\n");
    if (blank < 0) {
      throw new ProofException("tlog-proof has no blank line before the checkpoint");
    }
    String[] lines = text.substring(0, blank).split("\n", -1);
    String checkpoint = text.substring(blank + 2);
    if (!lines[0].equals(HEADER)) {
      throw new ProofException(
          "tlog-proof starts with \"" + abbreviate(lines[0]) + "\", expected \"" + HEADER + "\"");
    }
    int at = 1;
    Optional<String> extra = Optional.empty();
    if (at < lines.length && lines[at].startsWith("extra ")) {
      extra = Optional.of(lines[at].substring("extra ".length()));
      at++;
    }
    if (at >= lines.length || !lines[at].startsWith("index ")) {
      throw new ProofException("tlog-proof line " + (at + 1) + " is not \"index <n>\"");
    }
    String number = lines[at].substring("index ".length());
    if (!DECIMAL.matcher(number).matches()) {
      throw new ProofException(
          "tlog-proof index \"" + abbreviate(number) + "\" is not a decimal without leading zeros");
    }
    long index;
    try {
      index = Long.parseLong(number);
    } catch (NumberFormatException e) {
      throw new ProofException("tlog-proof index " + number + " exceeds " + Long.MAX_VALUE, e);
    }
    List<Hash> path = new ArrayList<>();
    for (at++; at < lines.length; at++) {
      try {
        path.add(Hash.fromBase64(lines[at]));
      } catch (MerkleException e) {
        throw new ProofException(
            "tlog-proof line "
                + (at + 1)
                + ", inclusion proof hash "
                + path.size()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return new TlogProof(extra, index, path, checkpoint);
  }

  /** The proof document as written to a {@code .tlog-proof} file. */
  public String format() {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    extra.ifPresent(e -> out.append("extra ").append(e).append('\n'));
    out.append("index ").append(index).append('\n');
    for (Hash h : inclusionPath) {
      out.append(h.base64()).append('\n');
    }
    return out.append('\n').append(checkpoint).toString();
  }

  private static Optional<byte[]> decodeBase64(String s) {
    if (s.length() % 4 != 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
