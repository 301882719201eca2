package org.kyodaku.core.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.kyodaku.core.decision.Basis;
import org.kyodaku.core.decision.Decision;
import org.kyodaku.core.decision.DecisionEngine;
import org.kyodaku.core.decision.Evidence;
import org.kyodaku.core.decision.Question;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Ids;
import org.kyodaku.core.model.Party;
import org.kyodaku.core.model.PartyKind;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.ValidationException;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;

/**
 * The registry's acts, each checked for who may do it and validated before anything is stored.
 *
 * <p>Who may do what: admins create parties; creators, rights holders and collectives register
 * works and grant or revoke on works they own; a licensee asks decisions only for itself, while
 * admins, auditors and rights holders may ask for any licensee. Instants are truncated to
 * microseconds, the precision both stores keep, so that a value read back equals the one written.
 *
 * <p>Answers must be reproducible "as of" their instant, so acts and decisions are put in one
 * order: acts (registration, grant, revocation) run one at a time, each with an instant strictly
 * later than every instant already answered or recorded; a decision answers as of an instant at
 * which every act is either fully stored or not yet begun (just before an act being recorded), and
 * no later act can take that instant. A decision therefore sees exactly the acts recorded at or
 * before its instant, now and when asked again later, and never waits for an act's log write.
 * This orders one server process; several replicas writing one database need the log's sequencer.
 */
public final class RegistryService {
  /** Most items one batch decision may hold. */
  public static final int MAX_BATCH = 10_000;

  /** Most assets one work registration may hold. */
  public static final int MAX_ASSETS = 10_000;

  private final RegistryStore store;
  private final NearMatcher matcher;
  private final VideoMatcher videos;
  private final ConsentLog log;
  private final ReceiptSource receipts;
  private final Clock clock;
  private final RandomGenerator random;
  private final Ids ids;
  private final DecisionEngine engine = new DecisionEngine();

  // Looked up on every request; both kinds of record are written once (see WriteOnceCache).
  /** Set inside an act once its log entry is appended (guarded by {@code acts}). */
  private boolean loggedThisAct;

  /** Why an act is in the log but not in the store, once that happened; see requireStored. */
  private volatile String unstored;

  private final WriteOnceCache<String, Credential> credentials = new WriteOnceCache<>(10_000);
  private final WriteOnceCache<String, Party> parties = new WriteOnceCache<>(100_000);

  /**
   * @param random must be cryptographically strong: it makes tokens and ids
   */
  public RegistryService(RegistryStore store, Clock clock, RandomGenerator random) {
    this(store, NearMatcher.NONE, ConsentLog.NONE, clock, random);
  }

  public RegistryService(
      RegistryStore store, NearMatcher matcher, Clock clock, RandomGenerator random) {
    this(store, matcher, ConsentLog.NONE, clock, random);
  }

  /**
   * @param matcher finds works by resemblance (the similarity index); {@link NearMatcher#NONE}
   *     for exact matching only
   * @param random must be cryptographically strong: it makes tokens and ids
   */
  public RegistryService(
      RegistryStore store,
      NearMatcher matcher,
      ConsentLog log,
      Clock clock,
      RandomGenerator random) {
    this(store, matcher, log, ReceiptSource.NONE, clock, random);
  }

  /**
   * @param log where acts are appended before they are stored
   * @param receipts the same log, read back for the receipts of decisions
   * @param random must be cryptographically strong: it makes tokens and ids
   */
  public RegistryService(
      RegistryStore store,
      NearMatcher matcher,
      ConsentLog log,
      ReceiptSource receipts,
      Clock clock,
      RandomGenerator random) {
    this(store, matcher, VideoMatcher.NONE, log, receipts, clock, random);
  }

  /**
   * @param videos finds registered videos by their frame hashes (vPDQ); {@link VideoMatcher#NONE}
   *     to leave videos to their other fingerprints
   * @param log where acts are appended before they are stored
   * @param receipts the same log, read back for the receipts of decisions
   * @param random must be cryptographically strong: it makes tokens and ids
   */
  public RegistryService(
      RegistryStore store,
      NearMatcher matcher,
      VideoMatcher videos,
      ConsentLog log,
      ReceiptSource receipts,
      Clock clock,
      RandomGenerator random) {
    this.store = store;
    this.matcher = matcher;
    this.videos = videos;
    this.log = log;
    this.receipts = receipts;
    this.clock = clock;
    this.random = random;
    this.ids = new Ids(random);
  }

  /** A party just created, with the only copy of its token. */
  public record CreatedParty(Party party, String token) {}

  /**
   * A work with its assets, and, right after registration, the works of other rights holders its
   * content already matches (exactly or by resemblance): decisions on that content are {@code
   * disputed} until the claims are resolved.
   */
  public record RegisteredWork(Work work, List<Asset> assets, List<Conflict> conflicts) {
    public RegisteredWork(Work work, List<Asset> assets) {
      this(work, assets, List.of());
    }
  }

  /** Asset {@code asset} of a new work matches {@code work} of {@code owner}. */
  public record Conflict(int asset, String work, String owner, String algorithm, int distance) {}

  /** What a new grant asks for; the grantor is the caller. */
  public record GrantRequest(
      Optional<String> licensee,
      Set<Use> uses,
      boolean allWorks,
      Set<String> works,
      Optional<Instant> validFrom,
      Optional<Instant> validUntil,
      Set<String> territories,
      Optional<String> termsUrl) {}

  /** What a batch of decisions shares. */
  public record BatchQuestion(
      String licensee, Use use, Optional<Instant> at, Optional<String> territory) {}

  /** Acts one at a time: the log's order is the instants' order, and a lost race is never logged. */
  private final java.util.concurrent.locks.ReentrantLock acts = new java.util.concurrent.locks.ReentrantLock(true);

  /** Guards the two fields below; held only for a few instructions, never during I/O. */
  private final Object order = new Object();

  /** The largest instant handed to an act or answered by a decision, in microseconds. */
  private long lastInstant = Long.MIN_VALUE;

  /** The instant of the act being recorded (in the log, not yet in the store), if any. */
  private long inFlight = Long.MIN_VALUE;

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /**
   * Runs an act with an instant later than any already used. Decisions do not wait for it: while
   * it is being recorded they answer as of the instant just before it, and it becomes visible to
   * the first decision after it is acknowledged.
   */
  private <T> T act(java.util.function.Function<Instant, T> body) {
    acts.lock();
    try {
      requireStored();
      loggedThisAct = false;
      long t;
      synchronized (order) {
        t = Math.max(micros(now()), lastInstant + 1);
        lastInstant = t;
        inFlight = t;
      }
      try {
        return body.apply(instant(t));
      } catch (RuntimeException e) {
        // A conflict after the append means the store already holds the competing fact (a
        // revocation another server stored first): store and log agree on the outcome.
        boolean storeHasIt = e instanceof RegistryException r && r.kind() == RegistryException.Kind.CONFLICT;
        if (loggedThisAct && !storeHasIt) {
          unstored = e.getMessage();
        }
        throw e;
      } finally {
        synchronized (order) {
          inFlight = Long.MIN_VALUE;
          order.notifyAll();
        }
      }
    } finally {
      acts.unlock();
    }
  }

  /**
   * Appends an act to the log, remembering that it was (the log is written first; ADR 0007).
   * Called only inside {@link #act}, under its lock.
   */
  private long appendToLog(ConsentLog.Act entry) {
    long index = log.append(entry);
    loggedThisAct = true;
    return index;
  }

  /**
   * Fails closed once an act reached the log but not the store: the store would then answer
   * without it (a revocation still allowing, say) while the log says otherwise. Only a restart,
   * which replays the log into the store, clears it.
   */
  private void requireStored() {
    String why = unstored;
    if (why != null) {
      throw new RegistryException(
          RegistryException.Kind.UNAVAILABLE,
          "an act was written to the transparency log but not to the store (" + why
              + "); decisions and acts are refused until the server restarts and replays the log");
    }
  }

  /**
   * The instant a decision answers for: {@code requested}, or "now" — the later of the clock and
   * the last acknowledged act, but before an act still being recorded. Every act at or before the
   * returned instant is in the store, and no later act can take it, so the answer is the same
   * whenever it is asked again as of that instant.
   */
  private Instant decisionInstant(Optional<Instant> requested) {
    synchronized (order) {
      long now = Math.max(micros(now()), lastInstant);
      long at;
      if (requested.isEmpty()) {
        at = inFlight == Long.MIN_VALUE ? now : Math.min(now, inFlight - 1);
      } else {
        at = micros(requested.get().truncatedTo(ChronoUnit.MICROS));
        if (at > now) {
          throw RegistryException.invalid(
              "at",
              "cannot decide for a future instant ("
                  + requested.get()
                  + "); the registry answers for now or the past");
        }
        // An act at or before the asked instant is being recorded: wait until it is stored.
        while (inFlight != Long.MIN_VALUE && inFlight <= at) {
          try {
            order.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.UNAVAILABLE, "interrupted");
          }
        }
      }
      lastInstant = Math.max(lastInstant, at);
      return instant(at);
    }
  }

  // ---- credentials --------------------------------------------------------------------------

  /**
   * The caller a bearer token stands for.
   *
   * @throws RegistryException UNAUTHENTICATED when the token is unknown or expired
   */
  public Caller authenticate(String token) {
    if (!Tokens.plausible(token)) {
      throw new RegistryException(
          RegistryException.Kind.UNAUTHENTICATED, "the bearer token is not a Kyodaku token");
    }
    Credential credential =
        credentials
            .get(Tokens.hash(token), store::findCredential)
            .orElseThrow(
                () ->
                    new RegistryException(
                        RegistryException.Kind.UNAUTHENTICATED, "the bearer token is unknown"));
    if (credential.expiresAt().map(e -> !now().isBefore(e)).orElse(false)) {
      throw new RegistryException(
          RegistryException.Kind.UNAUTHENTICATED,
          "the bearer token expired at " + credential.expiresAt().orElseThrow());
    }
    Party party =
        knownParty(credential.party())
            .orElseThrow(() -> RegistryException.notFound("party", credential.party()));
    return new Caller(party);
  }

  private Optional<Party> knownParty(String id) {
    return parties.get(id, store::findParty);
  }

  /**
   * Creates the first admin when the store has none.
   *
   * @return the new admin's token, or empty when an admin already exists
   */
  public Optional<CreatedParty> bootstrapAdmin() {
    return bootstrapAdmin(token -> {});
  }

  /**
   * Creates the first admin when the store has none, handing its token to {@code keep} before the
   * admin is recorded: a crash after the act then leaves the token kept, never an admin whose token
   * nobody has. (A crash between the log and the store leaves the admin in the log only; the replay
   * stores it with an unusable credential, and {@link #recoverBootstrapAdmin} issues a new token.)
   *
   * @return the new admin's token, or empty when an admin already exists
   */
  public Optional<CreatedParty> bootstrapAdmin(java.util.function.Consumer<String> keep) {
    if (store.hasAdmin()) {
      return Optional.empty();
    }
    String token = Tokens.newToken(random);
    keep.accept(token);
    return Optional.of(insertParty("registry", PartyKind.ADMIN, "admin", Optional.empty(), token));
  }

  /**
   * Issues a new token to the first admin, {@code adminId} (as the log names it), when it holds no
   * usable one: the state a crash between logging its creation and storing it leaves behind (the
   * replay stores logged parties with an expired credential; tokens are never logged). Nobody else
   * can then act as admin, so the start that finds this state issues the token, as the first start
   * did. Not an act: credentials are not logged (ADR 0007).
   *
   * @return the admin with its new token, or empty when it has a usable token or is not an admin
   *     in the store
   */
  public Optional<CreatedParty> recoverBootstrapAdmin(String adminId) {
    Optional<Party> admin = store.findParty(adminId).filter(p -> p.kind() == PartyKind.ADMIN);
    if (admin.isEmpty()) {
      return Optional.empty();
    }
    Instant now = now();
    boolean usable = store.credentialsOf(adminId).stream()
        .anyMatch(c -> c.expiresAt().map(now::isBefore).orElse(true));
    if (usable) {
      return Optional.empty();
    }
    String token = Tokens.newToken(random);
    store.addCredential(new Credential(Tokens.hash(token), adminId, now, Optional.empty()));
    return Optional.of(new CreatedParty(admin.get(), token));
  }

  // ---- parties ------------------------------------------------------------------------------

  public CreatedParty createParty(
      Caller caller, PartyKind kind, String name, Optional<Instant> tokenExpiresAt) {
    requireKind(caller, "create parties", PartyKind.ADMIN);
    tokenExpiresAt.ifPresent(
        e -> {
          if (!e.isAfter(now())) {
            throw RegistryException.invalid("tokenExpiresAt", "must be in the future, got " + e);
          }
        });
    return insertParty(caller.id(), kind, name, tokenExpiresAt, Tokens.newToken(random));
  }

  private CreatedParty insertParty(
      String author, PartyKind kind, String name, Optional<Instant> expiresAt, String token) {
    return act(
        now -> {
          Party party = validated(() -> new Party(ids.next("p"), kind, name, now));
          long index = appendToLog(new ConsentLog.PartyCreated(author, party));
          store.createParty(
              party,
              new Credential(
                  Tokens.hash(token),
                  party.id(),
                  now,
                  expiresAt.map(e -> e.truncatedTo(ChronoUnit.MICROS))),
              index);
          return new CreatedParty(party, token);
        });
  }

  public Party party(Caller caller, String id) {
    return knownParty(checkedId("id", id)).orElseThrow(() -> RegistryException.notFound("party", id));
  }

  public List<Party> parties(Caller caller, Page page) {
    requireKind(caller, "list parties", PartyKind.ADMIN, PartyKind.AUDITOR);
    return store.listParties(page);
  }

  // ---- works --------------------------------------------------------------------------------

  public RegisteredWork registerWork(
      Caller caller, String title, WorkKind kind, List<Asset> assets) {
    requireRightsHolder(caller, "register works");
    if (assets.isEmpty()) {
      throw RegistryException.invalid("assets", "a work needs at least one asset");
    }
    if (assets.size() > MAX_ASSETS) {
      throw RegistryException.invalid(
          "assets", "at most " + MAX_ASSETS + " assets per work, got " + assets.size());
    }
    Set<Fingerprint> seen = new HashSet<>();
    for (int i = 0; i < assets.size(); i++) {
      for (Fingerprint f : assets.get(i).fingerprints()) {
        String field = "assets[" + i + "].fingerprints";
        validated(() -> f.requireKnown(field));
      }
      if (!seen.add(assets.get(i).sha256())) {
        throw RegistryException.invalid(
            "assets[" + i + "]", "the same content appears twice: " + assets.get(i).sha256().value());
      }
    }
    return act(
        now -> {
          Work work = validated(() -> new Work(ids.next("w"), title, kind, caller.id(), now));
          List<Conflict> conflicts = conflicts(caller.id(), assets);
          long index = appendToLog(new ConsentLog.WorkRegistered(work, List.copyOf(assets)));
          store.createWork(work, assets, index);
          matcher.register(work, assets);
          videos.register(work, assets);
          return new RegisteredWork(work, List.copyOf(assets), conflicts);
        });
  }

  public RegisteredWork work(Caller caller, String id) {
    Work work = store.findWork(checkedId("id", id)).orElseThrow(() -> RegistryException.notFound("work", id));
    return new RegisteredWork(work, store.assetsOf(work.id()));
  }

  /** Works in id order; a rights holder sees its own unless it names another owner. */
  public List<Work> works(Caller caller, Optional<String> owner, Page page) {
    Optional<String> filter = owner.map(o -> checkedId("owner", o));
    if (filter.isEmpty() && !caller.seesEverything()) {
      filter = Optional.of(caller.id());
    }
    return store.listWorks(filter, page);
  }

  // ---- grants -------------------------------------------------------------------------------

  public Grant grant(Caller caller, GrantRequest request) {
    requireRightsHolder(caller, "issue grants");
    request.licensee().ifPresent(l -> requireLicensee("licensee", l));
    for (String workId : request.works()) {
      Work work =
          store
              .findWork(checkedId("works", workId))
              .orElseThrow(() -> RegistryException.notFound("work", workId));
      if (!work.owner().equals(caller.id())) {
        throw RegistryException.forbidden(
            "work " + workId + " belongs to " + work.owner() + "; only its rights holder may grant on it");
      }
    }
    return act(
        now -> {
          Grant grant =
              validated(
                  () ->
                      new Grant(
                          ids.next("g"),
                          caller.id(),
                          request.licensee(),
                          request.uses(),
                          request.allWorks(),
                          request.works(),
                          request.validFrom().map(t -> t.truncatedTo(ChronoUnit.MICROS)).orElse(now),
                          request.validUntil().map(t -> t.truncatedTo(ChronoUnit.MICROS)),
                          request.territories(),
                          request.termsUrl(),
                          now,
                          Optional.empty()));
          long index = appendToLog(new ConsentLog.GrantIssued(grant));
          store.createGrant(grant, index);
          return grant;
        });
  }

  public Grant revoke(Caller caller, String grantId, Optional<String> reason) {
    Grant grant = store.findGrant(checkedId("id", grantId)).orElseThrow(() -> RegistryException.notFound("grant", grantId));
    if (!grant.grantor().equals(caller.id())) {
      throw RegistryException.forbidden(
          "grant " + grantId + " was issued by " + grant.grantor() + "; only its grantor may revoke it");
    }
    return act(
        now -> {
          Revocation revocation = validated(() -> new Revocation(now, caller.id(), reason));
          // Read again under the write lock: a revocation that won a race must not be logged twice.
          Optional<Revocation> earlier = store.findGrant(grantId).flatMap(Grant::revocation);
          if (earlier.isPresent()) {
            throw new RegistryException(
                RegistryException.Kind.CONFLICT,
                "grant " + grantId + " was already revoked at " + earlier.get().revokedAt());
          }
          long index = appendToLog(new ConsentLog.GrantRevoked(grantId, revocation));
          if (!store.revokeGrant(grantId, revocation, index)) {
            // Another server stored a revocation first. If it is later than ours, the store would
            // allow between the two instants although this log records the grant revoked: keep
            // the earlier one (the more restrictive; replay after a restart would do the same).
            Optional<Revocation> stored = store.findGrant(grantId).flatMap(Grant::revocation);
            if (stored.isPresent() && stored.get().revokedAt().isAfter(revocation.revokedAt())) {
              if (!store.replaceRevocation(grantId, revocation, index)) {
                throw new RegistryException(
                    RegistryException.Kind.UNAVAILABLE,
                    "grant " + grantId + ": the revocation logged at " + index + " could not be stored");
              }
              return grant.revoked(revocation);
            }
            throw new RegistryException(
                RegistryException.Kind.CONFLICT,
                "grant " + grantId + " was already revoked at "
                    + stored.map(Revocation::revokedAt).orElse(revocation.revokedAt()));
          }
          return grant.revoked(revocation);
        });
  }

  public Grant grantById(Caller caller, String id) {
    Grant grant = store.findGrant(checkedId("id", id)).orElseThrow(() -> RegistryException.notFound("grant", id));
    boolean visible =
        caller.seesEverything()
            || grant.grantor().equals(caller.id())
            || grant.licensee().map(caller.id()::equals).orElse(true);
    if (!visible) {
      // Answer as if it did not exist: another licensee's terms are not this caller's business.
      throw RegistryException.notFound("grant", id);
    }
    return grant;
  }

  /** Grants the caller issued or received (and grants to everyone); all for admins/auditors. */
  public List<Grant> grants(Caller caller, Page page) {
    return store.listGrants(caller.seesEverything() ? Optional.empty() : Optional.of(caller.id()), page);
  }

  /**
   * A party and every grant it issued.
   *
   * @param grantor the party
   * @param grants its grants, revoked or not, in id order
   */
  public record IssuedGrants(Party grantor, List<Grant> grants) {
    public IssuedGrants {
      grants = List.copyOf(grants);
    }
  }

  /**
   * Every grant {@code grantor} issued, revoked or not: what the party's published signals are
   * compiled from. Anyone may ask, without a token: signals are public by design.
   *
   * @throws RegistryException not-found when there is no such party
   */
  public IssuedGrants grantsIssuedBy(String grantor) {
    String id = checkedId("grantor", grantor);
    Party party = store.findParty(id).orElseThrow(() -> RegistryException.notFound("party", id));
    List<Grant> out = new ArrayList<>();
    Page page = new Page("", Page.MAX_LIMIT);
    while (true) {
      List<Grant> batch = store.listGrants(Optional.of(id), page);
      for (Grant g : batch) {
        if (g.grantor().equals(id)) {
          out.add(g);
        }
      }
      if (batch.size() < page.limit()) {
        return new IssuedGrants(party, out);
      }
      page = new Page(batch.getLast().id(), Page.MAX_LIMIT);
    }
  }

  // ---- decisions ----------------------------------------------------------------------------

  public Decision decide(Caller caller, BatchQuestion question, Subject subject) {
    return decide(caller, question, List.of(subject), i -> "work").getFirst();
  }

  /**
   * Decides every subject under the same question, with a handful of store queries whatever the
   * batch size.
   */
  public List<Decision> decide(Caller caller, BatchQuestion batch, List<Subject> subjects) {
    return decide(caller, batch, subjects, i -> "items[" + i + "].work");
  }

  /**
   * Decides every subject as {@link #decide(Caller, BatchQuestion, List)} does and gives each
   * decision its receipt: the log entries it rests on with inclusion proofs against one signed
   * checkpoint taken after the decisions. An act may land in between: the checkpoint then covers
   * more than the decisions saw, and a revocation among those acts is put in the receipt so that a
   * verifier sees it.
   */
  public List<Receipt> decideWithReceipts(
      Caller caller, BatchQuestion batch, List<Subject> subjects) {
    List<Receipt> out = new ArrayList<>();
    decide(caller, batch, subjects, i -> "items[" + i + "].work", Optional.of(out));
    return out;
  }

  private List<Decision> decide(
      Caller caller,
      BatchQuestion batch,
      List<Subject> subjects,
      java.util.function.IntFunction<String> workField) {
    return decide(caller, batch, subjects, workField, Optional.empty());
  }

  private List<Decision> decide(
      Caller caller,
      BatchQuestion batch,
      List<Subject> subjects,
      java.util.function.IntFunction<String> workField,
      Optional<List<Receipt>> receiptsOut) {
    if (subjects.isEmpty()) {
      throw RegistryException.invalid("items", "name at least one item");
    }
    if (subjects.size() > MAX_BATCH) {
      throw RegistryException.invalid(
          "items", "at most " + MAX_BATCH + " items per batch, got " + subjects.size());
    }
    if (caller.kind() == PartyKind.LICENSEE && !caller.id().equals(batch.licensee())) {
      throw RegistryException.forbidden("a licensee may ask decisions only for itself (" + caller.id() + ")");
    }
    requireLicensee("licensee", batch.licensee());
    requireStored();
    Instant at = decisionInstant(batch.at());
    List<Decision> decisions = decideAt(batch, subjects, workField, at);
    receiptsOut.ifPresent(out -> out.addAll(receipts(decisions, at)));
    return decisions;
  }

  private List<Decision> decideAt(
      BatchQuestion batch, List<Subject> subjects, java.util.function.IntFunction<String> workField, Instant at) {
    Question question = validated(() -> new Question(batch.licensee(), batch.use(), at, batch.territory()));

    Set<Fingerprint> exactPrints = new LinkedHashSet<>();
    Set<String> workIds = new LinkedHashSet<>();
    List<List<NearMatcher.NearMatch>> near = new ArrayList<>(subjects.size());
    List<List<VideoMatcher.VideoMatch>> videoMatches = new ArrayList<>(subjects.size());
    for (Subject s : subjects) {
      List<NearMatcher.NearMatch> found = new ArrayList<>();
      List<VideoMatcher.VideoMatch> foundVideos = List.of();
      switch (s) {
        case Subject.Content c -> {
          c.sha256().ifPresent(exactPrints::add);
          for (Fingerprint f : c.fingerprints()) {
            found.addAll(matcher.near(f));
          }
          found.forEach(m -> workIds.add(m.work()));
          if (c.video().isPresent()) {
            foundVideos = videos.find(c.video().get());
            foundVideos.forEach(m -> workIds.add(m.work()));
          }
        }
        case Subject.WorkRef w -> workIds.add(w.workId());
      }
      near.add(found);
      videoMatches.add(foundVideos);
    }
    Map<Fingerprint, List<Work>> byContent = exactPrints.isEmpty() ? Map.of() : store.worksByFingerprint(exactPrints);
    Map<String, Work> byId = workIds.isEmpty() ? Map.of() : store.findWorks(workIds);
    for (int i = 0; i < subjects.size(); i++) {
      if (subjects.get(i) instanceof Subject.WorkRef w && !byId.containsKey(w.workId())) {
        String field = workField.apply(i);
        throw new RegistryException(
            RegistryException.Kind.NOT_FOUND,
            Optional.of(field),
            field + ": no work with id \"" + w.workId() + "\"",
            null);
      }
    }
    Set<String> owners = new HashSet<>();
    byContent.values().forEach(ws -> ws.forEach(w -> owners.add(w.owner())));
    byId.values().forEach(w -> owners.add(w.owner()));
    List<Grant> grants = owners.isEmpty() ? List.of() : store.grantsFrom(owners, batch.licensee());

    List<Decision> out = new ArrayList<>(subjects.size());
    for (int i = 0; i < subjects.size(); i++) {
      Subject s = subjects.get(i);
      switch (s) {
        case Subject.Content c -> {
          List<Work> exact = c.sha256().map(f -> byContent.getOrDefault(f, List.of())).orElse(List.of());
          List<Work> resembling = new ArrayList<>();
          List<Evidence> evidence = new ArrayList<>();
          exact.forEach(w -> evidence.add(new Evidence(w.id(), Fingerprint.SHA256, 0)));
          for (NearMatcher.NearMatch m : near.get(i)) {
            Work w = byId.get(m.work());
            if (w != null) {
              resembling.add(w);
              evidence.add(new Evidence(w.id(), m.algorithm(), m.distance()));
            }
          }
          // A video found by its frames is a resemblance too: it can deny, never clear by itself.
          for (VideoMatcher.VideoMatch m : videoMatches.get(i)) {
            Work w = byId.get(m.work());
            if (w != null) {
              resembling.add(w);
              evidence.add(
                  new Evidence(
                      w.id(),
                      m.algorithm(),
                      m.distance(),
                      Optional.of(
                          new Evidence.FrameShares(m.queryMatchPercent(), m.registeredMatchPercent()))));
            }
          }
          Decision d = engine.decide(question, exact, resembling, grants);
          List<Evidence> relevant =
              evidence.stream().filter(e -> d.matchedWorks().contains(e.work())).toList();
          out.add(d.withEvidence(relevant));
        }
        case Subject.WorkRef w -> out.add(engine.decide(question, List.of(byId.get(w.workId())), grants));
      }
    }
    return out;
  }

  /**
   * The receipts of {@code decisions}, built after them (see decideWithReceipts). A deny for lack
   * of a grant gets the map evidence of its work's grant set, and an allow that of its grant's
   * work, showing the grant still in the set. The evidence is the map state after the last act at
   * or before the decisions' instant: asked for "now", that is normally the view's checkpoint's
   * last entry; an act that landed after the decisions (or, for a past instant, every act since)
   * is left out, with the first of them as the boundary. Without a map root at that point there is
   * no map evidence.
   */
  private List<Receipt> receipts(List<Decision> decisions, Instant at) {
    ReceiptSource.LogView view = receipts.view();
    Optional<ReceiptSource.GrantMap> grantMap = view.grantMapAt(at);
    Set<String> workIds = new LinkedHashSet<>();
    Set<String> grantIds = new LinkedHashSet<>();
    for (Decision d : decisions) {
      d.work().ifPresent(workIds::add);
      workIds.addAll(d.matchedWorks());
      d.grant().ifPresent(grantIds::add);
    }
    Map<String, Long> works =
        workIds.isEmpty() ? Map.of() : store.logIndexes(RegistryStore.Logged.WORK, workIds);
    Map<String, Long> grants =
        grantIds.isEmpty() ? Map.of() : store.logIndexes(RegistryStore.Logged.GRANT, grantIds);
    Map<String, Long> revocations =
        grantIds.isEmpty() ? Map.of() : store.logIndexes(RegistryStore.Logged.REVOCATION, grantIds);
    Map<Long, ReceiptSource.ProvedEntry> proved = new java.util.HashMap<>();
    List<Receipt> out = new ArrayList<>(decisions.size());
    for (Decision d : decisions) {
      List<Receipt.Entry> entries = new ArrayList<>();
      List<String> unlogged = new ArrayList<>();
      java.util.function.BiConsumer<Receipt.Role, String> add =
          (role, id) -> {
            Map<String, Long> indexes =
                switch (role) {
                  case GRANT -> grants;
                  case WORK -> works;
                  case REVOCATION -> revocations;
                };
            Long index = indexes.get(id);
            if (index == null) {
              if (role != Receipt.Role.REVOCATION) {
                unlogged.add(id);
              }
              return;
            }
            ReceiptSource.ProvedEntry p = proved.computeIfAbsent(index, view::prove);
            entries.add(new Receipt.Entry(role, id, index, p.entry(), p.proof()));
          };
      d.grant().ifPresent(g -> add.accept(Receipt.Role.GRANT, g));
      // A grant revoked after the decision's instant still allowed it; the revocation says when.
      d.grant().ifPresent(g -> add.accept(Receipt.Role.REVOCATION, g));
      Set<String> matched = new LinkedHashSet<>();
      d.work().ifPresent(matched::add);
      matched.addAll(d.matchedWorks());
      matched.forEach(w -> add.accept(Receipt.Role.WORK, w));
      Optional<Receipt.MapEvidence> map = Optional.empty();
      boolean denyForLackOfGrant = !d.allowed() && d.basis() == Basis.NO_GRANT && d.work().isPresent();
      // An allow resting on an unlogged grant or work has nothing in the map to show.
      boolean allowLogged = d.allowed() && d.work().map(works::containsKey).orElse(false)
          && d.grant().map(grants::containsKey).orElse(false);
      if (grantMap.isPresent() && (denyForLackOfGrant || allowLogged)) {
        ReceiptSource.GrantSet set = grantMap.get().grantSet(d.work().get());
        if (allowLogged && !set.grants().containsKey(d.grant().get())) {
          // The store allowed under a grant the log says was not in force then: they disagree,
          // and the log is the source of truth (ADR 0007). No allow may leave with that receipt.
          throw new RegistryException(
              RegistryException.Kind.UNAVAILABLE,
              "the store allowed " + d.work().get() + " under grant " + d.grant().get()
                  + ", but the transparency log's map of grant sets at " + at + " does not hold that grant ("
                  + set.grants().keySet() + "): store and log disagree; restart the server to replay the log");
        }
        if (denyForLackOfGrant) {
          for (Map.Entry<String, Long> g : set.grants().entrySet()) {
            ReceiptSource.ProvedEntry p = proved.computeIfAbsent(g.getValue(), view::prove);
            if (entries.stream().noneMatch(e -> e.index() == p.index())) {
              entries.add(new Receipt.Entry(Receipt.Role.GRANT, g.getKey(), p.index(), p.entry(), p.proof()));
            }
          }
        }
        ReceiptSource.ProvedEntry root = grantMap.get().root();
        Optional<Receipt.Boundary> next =
            grantMap.get().next().map(n -> new Receipt.Boundary(n.index(), n.entry(), n.proof()));
        map = Optional.of(new Receipt.MapEvidence(root.index(), root.entry(), root.proof(),
            List.of(new Receipt.WorkGrants(set.work(), set.proof(), List.copyOf(set.grants().keySet()))), next));
      }
      out.add(new Receipt(d, entries, view.checkpoint(), unlogged, map));
    }
    return out;
  }

  /** Works of other owners that the new assets match exactly or by resemblance. */
  private List<Conflict> conflicts(String owner, List<Asset> assets) {
    Map<Fingerprint, List<Work>> exact =
        store.worksByFingerprint(assets.stream().map(Asset::sha256).toList());
    List<Conflict> out = new ArrayList<>();
    for (int i = 0; i < assets.size(); i++) {
      for (Work w : exact.getOrDefault(assets.get(i).sha256(), List.of())) {
        if (!w.owner().equals(owner)) {
          out.add(new Conflict(i, w.id(), w.owner(), Fingerprint.SHA256, 0));
        }
      }
      for (Fingerprint f : assets.get(i).fingerprints()) {
        List<NearMatcher.NearMatch> near = matcher.near(f);
        if (near.isEmpty()) {
          continue;
        }
        Map<String, Work> works = store.findWorks(near.stream().map(NearMatcher.NearMatch::work).toList());
        for (NearMatcher.NearMatch m : near) {
          Work w = works.get(m.work());
          if (w != null && !w.owner().equals(owner)) {
            out.add(new Conflict(i, w.id(), w.owner(), m.algorithm(), m.distance()));
          }
        }
      }
      List<VideoMatcher.VideoMatch> found =
          assets.get(i).video().map(videos::find).orElse(List.of());
      if (!found.isEmpty()) {
        Map<String, Work> works = store.findWorks(found.stream().map(VideoMatcher.VideoMatch::work).toList());
        for (VideoMatcher.VideoMatch m : found) {
          Work w = works.get(m.work());
          if (w != null && !w.owner().equals(owner)) {
            out.add(new Conflict(i, w.id(), w.owner(), m.algorithm(), m.distance()));
          }
        }
      }
    }
    return out;
  }

  // ---- helpers ------------------------------------------------------------------------------

  public void ping() {
    store.ping();
  }

  private void requireLicensee(String field, String id) {
    Party p = knownParty(checkedId(field, id)).orElseThrow(() -> new RegistryException(
        RegistryException.Kind.NOT_FOUND, Optional.of(field), field + ": no party with id \"" + id + "\"", null));
    if (p.kind() != PartyKind.LICENSEE) {
      throw RegistryException.invalid(field, "party " + id + " is a " + p.kind() + ", not a licensee");
    }
  }

  private static void requireKind(Caller caller, String act, PartyKind... kinds) {
    for (PartyKind k : kinds) {
      if (caller.kind() == k) {
        return;
      }
    }
    throw RegistryException.forbidden(
        "a " + caller.kind() + " may not " + act + "; this needs the role " + List.of(kinds));
  }

  private static void requireRightsHolder(Caller caller, String act) {
    if (!caller.kind().holdsRights()) {
      throw RegistryException.forbidden(
          "a " + caller.kind() + " may not " + act + "; only creators, rights holders and collectives may");
    }
  }

  private static String checkedId(String field, String id) {
    return validated(() -> Ids.check(field, id));
  }

  /** Runs a constructor and turns its validation failure into the registry's INVALID kind. */
  private static <T> T validated(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (ValidationException e) {
      throw new RegistryException(RegistryException.Kind.INVALID, Optional.of(e.field()), e.getMessage(), e);
    }
  }
}
