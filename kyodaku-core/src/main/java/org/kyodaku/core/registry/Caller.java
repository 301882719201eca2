package org.kyodaku.core.registry;

import org.kyodaku.core.model.Party;
import org.kyodaku.core.model.PartyKind;

/** The authenticated party on whose behalf an act is done. */
public record Caller(Party party) {
  public String id() {
    return party.id();
  }

  public PartyKind kind() {
    return party.kind();
  }

  /** Admins and auditors see every record; everyone else sees their own. */
  boolean seesEverything() {
    return kind() == PartyKind.ADMIN || kind() == PartyKind.AUDITOR;
  }
}
