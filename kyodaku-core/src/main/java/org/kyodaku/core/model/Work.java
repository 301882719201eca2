package org.kyodaku.core.model;

import java.time.Instant;

/**
 * A registered creative work: the facts a decision rests on. Its assets are kept apart ({@link
 * Asset}) because a decision needs only who owns the work and since when.
 *
 * @param id the work's id ({@code w_...})
 * @param title in any script; Japanese titles are stored as given
 * @param kind what sort of work it is
 * @param owner the id of the rights holder who registered it
 * @param registeredAt when it entered the registry; before that instant it is unknown
 */
public record Work(String id, String title, WorkKind kind, String owner, Instant registeredAt) {
  public Work {
    Checks.id("id", id);
    title = Checks.text("title", title);
    Checks.id("owner", owner);
  }
}
