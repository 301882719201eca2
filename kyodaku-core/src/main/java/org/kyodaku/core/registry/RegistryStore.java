package org.kyodaku.core.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Party;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Work;

/**
 * Where the registry's facts are kept. Every method is one transaction: it either happens whole
 * or not at all. Facts are only added, never rewritten: a revocation is a new fact beside its
 * grant. Implementations throw {@link RegistryException} of kind {@code UNAVAILABLE} when the
 * store fails.
 */
public interface RegistryStore extends AutoCloseable {

  /** The log index stored for a fact that was not appended to a log ({@link ConsentLog#NONE}). */
  long NOT_LOGGED = -1;

  /** The facts whose transparency-log index the store keeps beside them, for receipts. */
  enum Logged {
    PARTY,
    WORK,
    GRANT,
    /** Keyed by the revoked grant's id. */
    REVOCATION
  }

  /** Adds a party together with its first credential, not logged. */
  default void createParty(Party party, Credential credential) {
    createParty(party, credential, NOT_LOGGED);
  }

  /**
   * Adds a party together with its first credential; {@code logIndex} is the index of its log
   * entry, or {@link #NOT_LOGGED}.
   */
  void createParty(Party party, Credential credential, long logIndex);

  Optional<Party> findParty(String id);

  List<Party> listParties(Page page);

  /** Whether any admin party exists. */
  boolean hasAdmin();

  Optional<Credential> findCredential(String tokenHash);

  /** Adds a credential to an existing party (credentials are never logged: ADR 0007). */
  void addCredential(Credential credential);

  /** Every credential of party {@code partyId}, expired or not, oldest first. */
  List<Credential> credentialsOf(String partyId);

  /** Adds a work and its assets, not logged. */
  default void createWork(Work work, List<Asset> assets) {
    createWork(work, assets, NOT_LOGGED);
  }

  /** Adds a work and its assets, with the index of its log entry or {@link #NOT_LOGGED}. */
  void createWork(Work work, List<Asset> assets, long logIndex);

  Optional<Work> findWork(String id);

  /** The works among {@code ids} that exist, by id. */
  Map<String, Work> findWorks(Collection<String> ids);

  List<Asset> assetsOf(String workId);

  /** Works in id order, optionally only those of {@code owner}. */
  List<Work> listWorks(Optional<String> owner, Page page);

  /**
   * For each fingerprint that matches a registered asset exactly (same algorithm and value), the
   * works holding it. Fingerprints that match nothing are absent from the map.
   */
  Map<Fingerprint, List<Work>> worksByFingerprint(Collection<Fingerprint> fingerprints);

  /** A registered fingerprint as the similarity index persists it: its work, when, its value. */
  record IndexedFingerprint(String work, java.time.Instant registeredAt, String value) {}

  /**
   * Calls {@code action} for every fingerprint of {@code algorithm} whose work was registered
   * strictly after {@code after} (every one when empty), in no particular order: how a persisted
   * similarity index catches up with registrations it did not flush, or is rebuilt.
   */
  void forEachIndexedFingerprint(
      String algorithm,
      Optional<java.time.Instant> after,
      java.util.function.Consumer<IndexedFingerprint> action);

  /**
   * The number of fingerprints of {@code algorithm} whose work was registered at or before {@code
   * until}: how a persisted similarity index checks that it covers exactly what the store holds.
   */
  long countFingerprints(String algorithm, java.time.Instant until);

  /** A registered video's frame hashes: asset {@code asset} of work {@code work}. */
  record StoredVideo(String work, int asset, FrameHashes frames) {}

  /**
   * Calls {@code action} for every registered asset that has frame hashes, in no particular
   * order: how the video matcher is rebuilt from the store.
   */
  void forEachVideo(java.util.function.Consumer<StoredVideo> action);

  /** One hashed frame of a registered video, as the frame index persists it. */
  record IndexedFrame(String work, int asset, java.time.Instant registeredAt, String pdq) {}

  /**
   * Calls {@code action} for every frame of every registered video whose work was registered
   * strictly after {@code after} (every one when empty), in no particular order: how a persisted
   * frame index ({@link FrameIndex}) catches up with registrations it did not flush, or is rebuilt.
   */
  void forEachIndexedFrame(
      Optional<java.time.Instant> after, java.util.function.Consumer<IndexedFrame> action);

  /**
   * The number of frames of registered videos whose work was registered at or before {@code
   * until}: how a persisted frame index checks that it covers exactly what the store holds.
   */
  long countFrames(java.time.Instant until);

  /** Adds a grant, not logged; its works must exist. */
  default void createGrant(Grant grant) {
    createGrant(grant, NOT_LOGGED);
  }

  /** Adds a grant with the index of its log entry or {@link #NOT_LOGGED}; its works must exist. */
  void createGrant(Grant grant, long logIndex);

  /** A grant with its revocation, if any. */
  Optional<Grant> findGrant(String id);

  /**
   * Records a revocation unless the grant already has one.
   *
   * @return false when the grant was already revoked (nothing changed)
   */
  default boolean revokeGrant(String grantId, Revocation revocation) {
    return revokeGrant(grantId, revocation, NOT_LOGGED);
  }

  /**
   * Records a revocation, with the index of its log entry or {@link #NOT_LOGGED}, unless the grant
   * already has one.
   *
   * @return false when the grant was already revoked (nothing changed)
   */
  boolean revokeGrant(String grantId, Revocation revocation, long logIndex);

  /**
   * Replaces the recorded revocation of {@code grantId} by the one logged at {@code logIndex}: the
   * log's first revocation of a grant is the revocation (ADR 0007), and only the replay of the
   * log, correcting a store that recorded a later one, calls this.
   *
   * @return false when the grant has no revocation to replace (nothing changed)
   */
  boolean replaceRevocation(String grantId, Revocation revocation, long logIndex);

  /**
   * The transparency-log index of each fact of kind {@code kind} among {@code ids} that was
   * logged; ids that are unknown or were recorded without a log are absent. Revocations are keyed
   * by their grant's id.
   */
  Map<String, Long> logIndexes(Logged kind, Collection<String> ids);

  /**
   * Grants in id order, with their revocations, where the party is grantor or licensee (or the
   * licensee is everyone); every grant when {@code party} is empty.
   */
  List<Grant> listGrants(Optional<String> party, Page page);

  /**
   * Every grant issued by one of {@code grantors} to {@code licensee} or to everyone, revoked or
   * not, with revocations. The decision engine picks which apply.
   */
  List<Grant> grantsFrom(Collection<String> grantors, String licensee);

  /**
   * Checks that the store answers.
   *
   * @throws RegistryException of kind UNAVAILABLE when it does not
   */
  void ping();

  @Override
  void close();
}
