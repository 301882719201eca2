package org.kyodaku.core.registry;

import org.kyodaku.core.model.Fingerprint;

/** What a decision is about: a piece of content known by its fingerprint, or a registered work. */
public sealed interface Subject {
  /** Content, matched against registered assets by its fingerprint. */
  record Content(Fingerprint fingerprint) implements Subject {}

  /** A registered work, named by id. */
  record WorkRef(String workId) implements Subject {}
}
