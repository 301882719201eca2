package org.kyodaku.log.entry;

/** Whose key signed an entry: its author's own, or the registry's on the author's behalf. */
public enum SignedBy {
  /** The author's Ed25519 key (a note key named by the author's party id). */
  AUTHOR("author"),
  /** The registry's Ed25519 key, for authors that have no key of their own. */
  REGISTRY("registry");

  private final String label;

  SignedBy(String label) {
    this.label = label;
  }

  /** The value of {@code sig.by}. */
  public String label() {
    return label;
  }

  static SignedBy of(String label) {
    for (SignedBy s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new EntryException("sig.by is \"" + label + "\", expected \"author\" or \"registry\"");
  }
}
