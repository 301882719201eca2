package org.kyodaku.log.witness;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.kyodaku.core.text.StrictUtf8;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.MerkleException;

/**
 * The body of a c2sp.org/tlog-witness {@code add-checkpoint} request:
 *
 * <pre>
 *   old &lt;size&gt;\n            the size of the checkpoint the client believes the witness holds
 *                               (ASCII decimal, no leading zeros; 0 if none)
 *   &lt;base64 hash&gt;\n         0..63 lines: RFC 6962 consistency proof from old size to the new
 *   \n
 *   &lt;signed checkpoint&gt;      the new checkpoint, a signed note (may carry several signatures)
 * </pre>
 *
 * {@link #parse} checks this structure only (every line ends in {@code \n}, each proof line is one
 * 32-byte hash); whether the checkpoint verifies and the proof proves anything is the {@link
 * Witness}'s business. {@link #format()} writes the body back byte for byte.
 */
public record AddCheckpointRequest(long oldSize, List<Hash> proof, String checkpoint) {
  /** The spec's bound on consistency proof lines (a proof between 2^63-leaf trees has fewer). */
  public static final int MAX_PROOF_LINES = 63;

  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

  public AddCheckpointRequest {
    if (oldSize < 0) {
      throw malformed("old size " + oldSize + " is negative");
    }
    proof = List.copyOf(proof);
    if (proof.size() > MAX_PROOF_LINES) {
      throw malformed(proof.size() + " consistency proof lines, at most " + MAX_PROOF_LINES + " allowed");
    }
    if (checkpoint.isEmpty()) {
      throw malformed("no checkpoint after the blank line");
    }
  }

  /** Parses a request body (strict UTF-8, see the class comment). */
  public static AddCheckpointRequest parse(byte[] body) {
    String text = StrictUtf8.decode(body).orElseThrow(() -> malformed("the body is not UTF-8 text"));
    int end = text.indexOf('\n');
    if (end < 0) {
      throw malformed("no \"old <size>\" line ending in a newline");
    }
    String first = text.substring(0, end);
    if (!first.startsWith("old ") || !DECIMAL.matcher(first.substring(4)).matches()) {
      throw malformed("line 1 must be \"old <size>\" (decimal, no leading zeros), found \"" + abbreviate(first) + "\"");
    }
    long oldSize;
    try {
      oldSize = Long.parseLong(first.substring(4));
    } catch (NumberFormatException e) {
      throw malformed("old size " + first.substring(4) + " exceeds " + Long.MAX_VALUE);
    }
    List<Hash> proof = new ArrayList<>();
    int line = 1;
    int start = end + 1;
    while (true) {
      line++;
      end = text.indexOf('\n', start);
      if (end < 0) {
        throw malformed("no blank line between the consistency proof and the checkpoint");
      }
      String hash = text.substring(start, end);
      start = end + 1;
      if (hash.isEmpty()) {
        break;
      }
      if (proof.size() == MAX_PROOF_LINES) {
        throw malformed("more than " + MAX_PROOF_LINES + " consistency proof lines");
      }
      try {
        proof.add(Hash.fromBase64(hash));
      } catch (MerkleException e) {
        throw malformed("line " + line + " is not a base64 hash: " + e.getMessage());
      }
    }
    return new AddCheckpointRequest(oldSize, proof, text.substring(start));
  }

  /** The request body. */
  public String format() {
    StringBuilder out = new StringBuilder(checkpoint.length() + 16 + 45 * proof.size());
    out.append("old ").append(oldSize).append('\n');
    for (Hash h : proof) {
      out.append(h.base64()).append('\n');
    }
    return out.append('\n').append(checkpoint).toString();
  }

  private static WitnessException malformed(String message) {
    return new WitnessException(WitnessException.Reason.MALFORMED, "add-checkpoint body: " + message);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
