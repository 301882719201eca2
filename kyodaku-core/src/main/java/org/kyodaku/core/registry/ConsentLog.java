package org.kyodaku.core.registry;

import java.time.Instant;
import java.util.List;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Party;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Work;

/**
 * The transparency log, as the registry sees it: every act is appended, durably, before the store
 * records it and before the caller hears it happened (ADR 0007), so nothing the registry
 * acknowledged is missing from the public record. Implemented by kyodaku-log.
 */
public interface ConsentLog {
  /** One act of the registry; {@code author} is the acting party's id, or "registry". */
  sealed interface Act {
    String author();

    Instant at();
  }

  /** A party was created (never with its token). */
  record PartyCreated(String author, Party party) implements Act {
    @Override
    public Instant at() {
      return party.createdAt();
    }
  }

  /** A work was registered with its assets' fingerprints. */
  record WorkRegistered(Work work, List<Asset> assets) implements Act {
    @Override
    public String author() {
      return work.owner();
    }

    @Override
    public Instant at() {
      return work.registeredAt();
    }
  }

  /** A grant was issued. */
  record GrantIssued(Grant grant) implements Act {
    @Override
    public String author() {
      return grant.grantor();
    }

    @Override
    public Instant at() {
      return grant.issuedAt();
    }
  }

  /** A grant was revoked. */
  record GrantRevoked(String grant, Revocation revocation) implements Act {
    @Override
    public String author() {
      return revocation.revokedBy();
    }

    @Override
    public Instant at() {
      return revocation.revokedAt();
    }
  }

  /** Records nothing: for tests and tools that need no log. */
  ConsentLog NONE = act -> -1;

  /**
   * Appends {@code act} and returns its index once it is durable in the log.
   *
   * @throws RegistryException of kind UNAVAILABLE when the log cannot take it
   */
  long append(Act act);
}
