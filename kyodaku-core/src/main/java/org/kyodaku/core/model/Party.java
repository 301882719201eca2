package org.kyodaku.core.model;

import java.time.Instant;

/**
 * An account of the registry.
 *
 * @param id the party's id ({@code p_...})
 * @param kind its role
 * @param name a display name in any script
 * @param createdAt when it was created
 */
public record Party(String id, PartyKind kind, String name, Instant createdAt) {
  public Party {
    Checks.id("id", id);
    name = Checks.text("name", name);
  }
}
