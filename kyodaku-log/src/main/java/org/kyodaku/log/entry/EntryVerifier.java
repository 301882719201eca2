package org.kyodaku.log.entry;

import java.util.Optional;
import java.util.function.Function;
import org.kyodaku.log.note.KeyType;
import org.kyodaku.log.note.VerifierKey;

/**
 * Verifies entry signatures. {@code sig.by = "registry"}: the registry key must match {@code
 * sig.key} (name and key ID) and verify. {@code sig.by = "author"}: the author's key, looked up by
 * party id (published in the author's {@code party} entry as {@code body.key}), must be named by the
 * author's id, match {@code sig.key} and verify. Every failure raises {@link EntryException} with
 * the expected and the found key.
 */
public final class EntryVerifier {
  private final VerifierKey registryKey;
  private final Function<String, Optional<VerifierKey>> authorKeys;

  private EntryVerifier(
      VerifierKey registryKey, Function<String, Optional<VerifierKey>> authorKeys) {
    if (registryKey.type() != KeyType.ED25519) {
      throw new EntryException("registry key has type " + registryKey.type() + ", expected ED25519");
    }
    this.registryKey = registryKey;
    this.authorKeys = authorKeys;
  }

  /** Verifies with the registry's key and each author's key, if it has one. */
  public static EntryVerifier of(
      VerifierKey registryKey, Function<String, Optional<VerifierKey>> authorKeys) {
    return new EntryVerifier(registryKey, authorKeys);
  }

  /** Returns normally iff the entry's signature verifies (see the class comment). */
  public void verify(SignedEntry signed) {
    EntrySignature sig = signed.signature();
    String author = signed.entry().author();
    VerifierKey key =
        switch (sig.by()) {
          case REGISTRY -> registryKey;
          case AUTHOR -> {
            VerifierKey k =
                authorKeys
                    .apply(author)
                    .orElseThrow(
                        () ->
                            new EntryException(
                                "entry is signed by its author " + author + ", who has no key"));
            if (!k.name().equals(author)) {
              throw new EntryException(
                  "author key is named \"" + k.name() + "\", expected \"" + author + "\"");
            }
            yield k;
          }
        };
    String expected = key.name() + "+" + java.util.HexFormat.of().toHexDigits(key.keyId());
    if (!sig.key().equals(expected)) {
      throw new EntryException(
          "entry signed by " + sig.by().label() + " names key " + sig.key() + ", expected " + expected);
    }
    if (!key.verify(signed.entry().signingBytes(), sig.value())) {
      throw new EntryException(
          "entry signature by " + sig.key() + " does not verify over the entry");
    }
  }
}
