package org.kyodaku.core.model;

/** The roles an account can have (DESIGN.md, "Party"). */
public enum PartyKind implements Labelled {
  CREATOR,
  RIGHTS_HOLDER,
  COLLECTIVE,
  LICENSEE,
  AUDITOR,
  ADMIN;

  /** Whether parties of this kind own works and grant uses of them. */
  public boolean holdsRights() {
    return this == CREATOR || this == RIGHTS_HOLDER || this == COLLECTIVE;
  }

  public static PartyKind parse(String field, String label) {
    return Labelled.parse(PartyKind.class, field, "party kind", label);
  }

  @Override
  public String toString() {
    return label();
  }
}
