package org.kyodaku.log.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies notes against a fixed set of known keys, with the semantics of Go's {@code
 * golang.org/x/mod/sumdb/note.Open}:
 *
 * <ol>
 *   <li>the note must parse ({@link Note#parse});
 *   <li>for each signature line in order, its (name, key ID) pair picks a known key; a pair no key
 *       has is an unknown signer: kept in {@link VerifiedNote#unverified()} (identical lines once)
 *       and otherwise ignored, which is how key rotation and extra cosignatures coexist;
 *   <li>a repeat of a signature by the same known key is skipped; otherwise the signature must
 *       verify, or the whole note is rejected (the spec's SHOULD, Go's behaviour);
 *   <li>at least one signature must have verified.
 * </ol>
 */
public final class NoteVerifier {
  private final Map<String, VerifierKey> keys = new LinkedHashMap<>();

  /** A verifier knowing {@code keys}; two keys with the same name and key ID are refused. */
  public NoteVerifier(Collection<? extends VerifierKey> keys) {
    for (VerifierKey key : keys) {
      if (this.keys.putIfAbsent(id(key.name(), key.keyId()), key) != null) {
        throw new NoteException(
            "two verifier keys share name "
                + key.name()
                + " and key ID "
                + KeyText.keyIdHex(key.keyId()));
      }
    }
  }

  /** Parses and verifies a note given as UTF-8 bytes. */
  public VerifiedNote verify(byte[] message) {
    return verify(Note.parse(message));
  }

  /** Parses and verifies a note. */
  public VerifiedNote verify(String message) {
    return verify(Note.parse(message));
  }

  /** Verifies a parsed note. */
  public VerifiedNote verify(Note note) {
    byte[] text = note.text().getBytes(StandardCharsets.UTF_8);
    List<VerifiedSignature> verified = new ArrayList<>();
    List<NoteSignature> unverified = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> seenUnknown = new HashSet<>();
    for (NoteSignature signature : note.signatures()) {
      String id = id(signature.name(), signature.keyId());
      VerifierKey key = keys.get(id);
      if (key == null) {
        if (seenUnknown.add(signature.line())) {
          unverified.add(signature);
        }
        continue;
      }
      if (!seen.add(id)) {
        continue;
      }
      byte[] bytes = signature.signature();
      if (!key.verify(text, bytes)) {
        throw new NoteException(
            "invalid signature by known key " + signature.name() + "+" + signature.keyIdHex());
      }
      verified.add(new VerifiedSignature(signature, key, key.timestamp(bytes)));
    }
    if (verified.isEmpty()) {
      throw new NoteException(
          "note has no verifiable signatures: "
              + note.signatures().size()
              + " signature line(s), none by the "
              + keys.size()
              + " known key(s)");
    }
    return new VerifiedNote(note, verified, unverified);
  }

  private static String id(String name, int keyId) {
    return name + "+" + KeyText.keyIdHex(keyId);
  }
}
