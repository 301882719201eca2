package org.kyodaku.log.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.kyodaku.core.text.StrictUtf8;

/**
 * A signed note: text, a blank line, one or more signature lines (C2SP signed-note).
 *
 * <pre>
 *   &lt;text, one or more lines, each ending in \n&gt;
 *   \n
 *   — &lt;key name&gt; &lt;base64(key ID || signature)&gt;\n  (1 to {@value #MAX_SIGNATURES} lines)
 * </pre>
 *
 * The whole note is UTF-8 without control characters other than {@code \n}; the text and the
 * signatures are split at the <em>last</em> {@code \n\n}, so the text may hold blank lines; the
 * signed message is the text including its final newline. {@link #parse} checks structure only;
 * {@link NoteVerifier} checks signatures. {@link #format()} reproduces a parsed note byte for byte.
 */
public record Note(String text, List<NoteSignature> signatures) {
  /** Go's {@code note.Open} refuses more signature lines than this; so do we. */
  public static final int MAX_SIGNATURES = 100;

  public Note {
    checkText(text);
    signatures = List.copyOf(signatures);
    if (signatures.isEmpty()) {
      throw new NoteException("malformed note: no signature lines after the blank line");
    }
    if (signatures.size() > MAX_SIGNATURES) {
      throw new NoteException(
          "malformed note: "
              + signatures.size()
              + " signature lines, at most "
              + MAX_SIGNATURES
              + " allowed");
    }
  }

  /** Parses a note from its UTF-8 bytes (structure only, see the class comment). */
  public static Note parse(byte[] message) {
    // No replacement characters: a signed text must be the bytes that were signed.
    return parse(StrictUtf8.decode(message).orElseThrow(() -> new NoteException("malformed note: not valid UTF-8")));
  }

  /** Parses a note (structure only, see the class comment). */
  public static Note parse(String message) {
    checkCharacters(message);
    int split = message.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteException("malformed note: no blank line before the signatures");
    }
    String text = message.substring(0, split + 1);
    String sigs = message.substring(split + 2);
    if (sigs.isEmpty()) {
      throw new NoteException("malformed note: no signature lines after the blank line");
    }
    if (!sigs.endsWith("\n")) {
      throw new NoteException("malformed note: last signature line does not end in a newline");
    }
    List<NoteSignature> signatures = new ArrayList<>();
    int lineNumber = 0;
    for (String line : sigs.substring(0, sigs.length() - 1).split("\n", -1)) {
      lineNumber++;
      if (lineNumber > MAX_SIGNATURES) {
        throw new NoteException("malformed note: more than " + MAX_SIGNATURES + " signature lines");
      }
      if (!line.startsWith(NoteSignature.LINE_PREFIX)) {
        throw new NoteException(
            "malformed note: signature line "
                + lineNumber
                + " does not start with \"\u2014 \": \""
                + abbreviate(line)
                + "\"");
      }
      String[] nameBlob = KeyText.chop(line.substring(NoteSignature.LINE_PREFIX.length()), ' ');
      signatures.add(new NoteSignature(nameBlob[0], nameBlob[1]));
    }
    return new Note(text, signatures);
  }

  /**
   * Signs {@code text} (which must end in a newline) with each signer, in order.
   *
   * @throws NoteException if the text is not a valid note text
   */
  public static Note sign(String text, List<SignerKey> signers) {
    checkText(text);
    return new Note(text, signaturesOf(text, signers));
  }

  /**
   * This note with signatures by {@code signers} appended; an existing signature with the same name
   * and key ID as one of them is replaced. This is how a witness adds its cosignature.
   */
  public Note withSignatures(List<SignerKey> signers) {
    List<NoteSignature> added = signaturesOf(text, signers);
    List<NoteSignature> all = new ArrayList<>();
    for (NoteSignature old : signatures) {
      boolean replaced =
          added.stream().anyMatch(s -> s.name().equals(old.name()) && s.keyId() == old.keyId());
      if (!replaced) {
        all.add(old);
      }
    }
    all.addAll(added);
    return new Note(text, all);
  }

  /** The text as signed: its UTF-8 bytes. */
  public byte[] textBytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The note as sent: text, blank line, signature lines. */
  public String format() {
    StringBuilder out = new StringBuilder(text.length() + 100 * signatures.size());
    out.append(text).append('\n');
    for (NoteSignature s : signatures) {
      out.append(s.line()).append('\n');
    }
    return out.toString();
  }

  private static List<NoteSignature> signaturesOf(String text, List<SignerKey> signers) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<NoteSignature> out = new ArrayList<>(signers.size());
    for (SignerKey signer : signers) {
      out.add(NoteSignature.of(signer.name(), signer.keyId(), signer.sign(bytes)));
    }
    return out;
  }

  private static void checkText(String text) {
    if (!text.endsWith("\n")) {
      throw new NoteException("malformed note: text does not end in a newline");
    }
    checkCharacters(text);
  }

  /** Valid UTF-16 (so valid UTF-8), no control character but {@code \n} (Go's rule). */
  private static void checkCharacters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new NoteException(
            "malformed note: control character U+"
                + String.format("%04X", (int) c)
                + " at offset "
                + i);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new NoteException("malformed note: unpaired surrogate at offset " + i);
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
