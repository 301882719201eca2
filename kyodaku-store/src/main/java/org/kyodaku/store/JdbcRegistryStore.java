package org.kyodaku.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Party;
import org.kyodaku.core.model.PartyKind;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.Credential;
import org.kyodaku.core.registry.Page;
import org.kyodaku.core.registry.RegistryException;
import org.kyodaku.core.registry.RegistryStore;

/**
 * {@link RegistryStore} on plain JDBC, for H2 and PostgreSQL alike. Each public method runs in one
 * transaction, rolled back whole on any failure. Lookups by many keys are chunked into {@code IN}
 * lists of at most {@value #CHUNK} values, so a batch decision costs a handful of round trips.
 */
public final class JdbcRegistryStore implements RegistryStore {
  private static final int CHUNK = 500;
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String GRANT_COLUMNS =
      "g.id, g.grantor_id, g.licensee_id, g.uses, g.all_works, g.valid_from, g.valid_until,"
          + " g.territories, g.terms_url, g.issued_at, r.revoked_at, r.revoked_by, r.reason";
  private static final String GRANT_FROM =
      " FROM grants g LEFT JOIN revocations r ON r.grant_id = g.id";
  private static final String WORK_COLUMNS = "w.id, w.title, w.kind, w.owner_id, w.registered_at";

  private final Database database;
  private final DataSource dataSource;

  public JdbcRegistryStore(Database database) {
    this.database = database;
    this.dataSource = database.dataSource();
  }

  // ---- transactions -------------------------------------------------------------------------

  @FunctionalInterface
  private interface Step<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T tx(String what, Step<T> step) {
    // The pool hands out connections with auto-commit off (Database.open).
    try (Connection c = dataSource.getConnection()) {
      try {
        T result = step.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new RegistryException(
          RegistryException.Kind.UNAVAILABLE,
          Optional.empty(),
          "store failed to " + what + ": " + e.getMessage(),
          e);
    }
  }

  // ---- parties ------------------------------------------------------------------------------

  @Override
  public void createParty(Party party, Credential credential, long logIndex) {
    tx(
        "create a party",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("INSERT INTO parties (id, kind, name, created_at, log_index) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, party.id());
            s.setString(2, party.kind().label());
            s.setString(3, party.name());
            s.setLong(4, micros(party.createdAt()));
            setLogIndex(s, 5, logIndex);
            s.executeUpdate();
          }
          insertCredential(c, credential);
          return null;
        });
  }

  @Override
  public Optional<Party> findParty(String id) {
    return tx(
        "read a party",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT id, kind, name, created_at FROM parties WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? Optional.of(party(r)) : Optional.<Party>empty();
            }
          }
        });
  }

  @Override
  public List<Party> listParties(Page page) {
    return tx(
        "list parties",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, kind, name, created_at FROM parties WHERE id > ? ORDER BY id LIMIT ?")) {
            s.setString(1, page.after());
            s.setInt(2, page.limit());
            List<Party> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(party(r));
              }
            }
            return out;
          }
        });
  }

  @Override
  public boolean hasAdmin() {
    return tx(
        "look for an admin",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT 1 FROM parties WHERE kind = ? LIMIT 1")) {
            s.setString(1, PartyKind.ADMIN.label());
            try (ResultSet r = s.executeQuery()) {
              return r.next();
            }
          }
        });
  }

  @Override
  public Optional<Credential> findCredential(String tokenHash) {
    return tx(
        "read a credential",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT token_hash, party_id, created_at, expires_at FROM credentials WHERE token_hash = ?")) {
            s.setString(1, tokenHash);
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return Optional.<Credential>empty();
              }
              return Optional.of(
                  credential(r));
            }
          }
        });
  }

  @Override
  public void addCredential(Credential credential) {
    tx(
        "add a credential",
        c -> {
          insertCredential(c, credential);
          return null;
        });
  }

  @Override
  public List<Credential> credentialsOf(String partyId) {
    return tx(
        "read a party's credentials",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT token_hash, party_id, created_at, expires_at FROM credentials WHERE party_id = ?"
                      + " ORDER BY created_at, token_hash")) {
            s.setString(1, partyId);
            List<Credential> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(credential(r));
              }
            }
            return out;
          }
        });
  }

  private static void insertCredential(Connection c, Credential credential) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO credentials (token_hash, party_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
      s.setString(1, credential.tokenHash());
      s.setString(2, credential.party());
      s.setLong(3, micros(credential.createdAt()));
      setOptionalMicros(s, 4, credential.expiresAt());
      s.executeUpdate();
    }
  }

  /** A credential from columns token_hash, party_id, created_at, expires_at. */
  private static Credential credential(ResultSet r) throws SQLException {
    return new Credential(r.getString(1), r.getString(2), instant(r.getLong(3)), optionalInstant(r, 4));
  }

  private static Party party(ResultSet r) throws SQLException {
    return new Party(
        r.getString(1),
        PartyKind.parse("kind", r.getString(2)),
        r.getString(3),
        instant(r.getLong(4)));
  }

  // ---- works --------------------------------------------------------------------------------

  @Override
  public void createWork(Work work, List<Asset> assets, long logIndex) {
    tx(
        "register a work",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO works (id, title, kind, owner_id, registered_at, log_index) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, work.id());
            s.setString(2, work.title());
            s.setString(3, work.kind().label());
            s.setString(4, work.owner());
            s.setLong(5, micros(work.registeredAt()));
            setLogIndex(s, 6, logIndex);
            s.executeUpdate();
          }
          try (PreparedStatement a =
                  c.prepareStatement("INSERT INTO assets (work_id, ordinal, file_name) VALUES (?, ?, ?)");
              PreparedStatement f =
                  c.prepareStatement(
                      "INSERT INTO fingerprints (work_id, ordinal, algorithm, val) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < assets.size(); i++) {
              Asset asset = assets.get(i);
              a.setString(1, work.id());
              a.setInt(2, i);
              a.setString(3, asset.file().orElse(null));
              a.addBatch();
              for (Fingerprint fp : asset.fingerprints()) {
                f.setString(1, work.id());
                f.setInt(2, i);
                f.setString(3, fp.algorithm());
                f.setString(4, fp.value());
                f.addBatch();
              }
            }
            a.executeBatch();
            f.executeBatch();
          }
          insertVideos(c, work.id(), assets);
          return null;
        });
  }

  private static void insertVideos(Connection c, String workId, List<Asset> assets) throws SQLException {
    if (assets.stream().noneMatch(a -> a.video().isPresent())) {
      return;
    }
    try (PreparedStatement v =
            c.prepareStatement(
                "INSERT INTO asset_videos (work_id, ordinal, algorithm, frames_per_second) VALUES (?, ?, ?, ?)");
        PreparedStatement f =
            c.prepareStatement(
                "INSERT INTO asset_frames (work_id, ordinal, frame_number, quality, pdq) VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < assets.size(); i++) {
        Optional<FrameHashes> video = assets.get(i).video();
        if (video.isEmpty()) {
          continue;
        }
        v.setString(1, workId);
        v.setInt(2, i);
        v.setString(3, video.get().algorithm());
        v.setDouble(4, video.get().framesPerSecond());
        v.addBatch();
        for (FrameHashes.Frame frame : video.get().frames()) {
          f.setString(1, workId);
          f.setInt(2, i);
          f.setInt(3, frame.number());
          f.setInt(4, frame.quality());
          f.setString(5, frame.pdq());
          f.addBatch();
        }
      }
      // Parents first: the frames' foreign key names the video rows.
      v.executeBatch();
      f.executeBatch();
    }
  }

  /** A video asset's algorithm and frame rate, as kept in {@code asset_videos}. */
  private record VideoHead(String algorithm, double framesPerSecond) {}

  /**
   * Reads video frame hashes: of one work's assets, or of every work's when {@code workId} is
   * empty. Frames are streamed in (work, asset, frame) order, so only one video's frames are held
   * at a time; {@code action} gets (work id, asset position, frame hashes).
   */
  private static void readVideos(
      Connection c, Optional<String> workId, VideoConsumer action) throws SQLException {
    String where = workId.isPresent() ? " WHERE work_id = ?" : "";
    Map<String, VideoHead> heads = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT work_id, ordinal, algorithm, frames_per_second FROM asset_videos" + where)) {
      if (workId.isPresent()) {
        s.setString(1, workId.get());
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          heads.put(r.getString(1) + "/" + r.getInt(2), new VideoHead(r.getString(3), r.getDouble(4)));
        }
      }
    }
    if (heads.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT work_id, ordinal, frame_number, quality, pdq FROM asset_frames" + where
                + " ORDER BY work_id, ordinal, frame_number")) {
      if (workId.isPresent()) {
        s.setString(1, workId.get());
      }
      s.setFetchSize(10_000);
      try (ResultSet r = s.executeQuery()) {
        String work = null;
        int ordinal = -1;
        List<FrameHashes.Frame> frames = new ArrayList<>();
        while (r.next()) {
          if (!r.getString(1).equals(work) || r.getInt(2) != ordinal) {
            if (work != null) {
              emit(heads, work, ordinal, frames, action);
            }
            work = r.getString(1);
            ordinal = r.getInt(2);
            frames = new ArrayList<>();
          }
          frames.add(new FrameHashes.Frame(r.getInt(3), r.getInt(4), r.getString(5)));
        }
        if (work != null) {
          emit(heads, work, ordinal, frames, action);
        }
      }
    }
  }

  @FunctionalInterface
  private interface VideoConsumer {
    void accept(String work, int ordinal, FrameHashes frames);
  }

  private static void emit(
      Map<String, VideoHead> heads, String work, int ordinal, List<FrameHashes.Frame> frames, VideoConsumer action) {
    VideoHead head = heads.get(work + "/" + ordinal);
    action.accept(work, ordinal, new FrameHashes(head.algorithm(), head.framesPerSecond(), frames));
  }

  @Override
  public void forEachVideo(java.util.function.Consumer<StoredVideo> action) {
    tx(
        "read video frames",
        c -> {
          readVideos(c, Optional.empty(), (work, ordinal, frames) -> action.accept(new StoredVideo(work, ordinal, frames)));
          return null;
        });
  }

  @Override
  public Optional<Work> findWork(String id) {
    return Optional.ofNullable(findWorks(List.of(id)).get(id));
  }

  @Override
  public Map<String, Work> findWorks(Collection<String> ids) {
    return tx(
        "read works",
        c -> {
          Map<String, Work> out = new HashMap<>();
          for (List<String> chunk : chunks(ids)) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "SELECT " + WORK_COLUMNS + " FROM works w WHERE w.id IN (" + marks(chunk.size()) + ")")) {
              bind(s, 1, chunk);
              try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                  Work w = work(r, 1);
                  out.put(w.id(), w);
                }
              }
            }
          }
          return out;
        });
  }

  @Override
  public List<Asset> assetsOf(String workId) {
    return tx(
        "read assets",
        c -> {
          Map<Integer, Optional<String>> files = new LinkedHashMap<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT ordinal, file_name FROM assets WHERE work_id = ? ORDER BY ordinal")) {
            s.setString(1, workId);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                files.put(r.getInt(1), Optional.ofNullable(r.getString(2)));
              }
            }
          }
          Map<Integer, List<Fingerprint>> prints = new HashMap<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT ordinal, algorithm, val FROM fingerprints WHERE work_id = ? ORDER BY ordinal, algorithm")) {
            s.setString(1, workId);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                prints
                    .computeIfAbsent(r.getInt(1), k -> new ArrayList<>())
                    .add(new Fingerprint(r.getString(2), r.getString(3)));
              }
            }
          }
          Map<Integer, FrameHashes> videos = new HashMap<>();
          readVideos(c, Optional.of(workId), (work, ordinal, frames) -> videos.put(ordinal, frames));
          List<Asset> out = new ArrayList<>();
          files.forEach(
              (ordinal, file) ->
                  out.add(
                      new Asset(
                          file,
                          prints.getOrDefault(ordinal, List.of()),
                          Optional.ofNullable(videos.get(ordinal)))));
          return out;
        });
  }

  @Override
  public List<Work> listWorks(Optional<String> owner, Page page) {
    return tx(
        "list works",
        c -> {
          String sql =
              "SELECT " + WORK_COLUMNS + " FROM works w WHERE w.id > ?"
                  + (owner.isPresent() ? " AND w.owner_id = ?" : "")
                  + " ORDER BY w.id LIMIT ?";
          try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, page.after());
            if (owner.isPresent()) {
              s.setString(i++, owner.get());
            }
            s.setInt(i, page.limit());
            List<Work> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(work(r, 1));
              }
            }
            return out;
          }
        });
  }

  @Override
  public Map<Fingerprint, List<Work>> worksByFingerprint(
      Collection<Fingerprint> fingerprints) {
    Map<String, List<String>> byAlgorithm =
        fingerprints.stream()
            .collect(
                Collectors.groupingBy(
                    Fingerprint::algorithm,
                    LinkedHashMap::new,
                    Collectors.mapping(Fingerprint::value, Collectors.toList())));
    return tx(
        "match fingerprints",
        c -> {
          Map<Fingerprint, Map<String, Work>> found = new HashMap<>();
          for (var entry : byAlgorithm.entrySet()) {
            for (List<String> chunk : chunks(new LinkedHashSet<>(entry.getValue()))) {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT f.val, " + WORK_COLUMNS
                          + " FROM fingerprints f JOIN works w ON w.id = f.work_id"
                          + " WHERE f.algorithm = ? AND f.val IN (" + marks(chunk.size()) + ")")) {
                s.setString(1, entry.getKey());
                bind(s, 2, chunk);
                try (ResultSet r = s.executeQuery()) {
                  while (r.next()) {
                    Work w = work(r, 2);
                    found
                        .computeIfAbsent(new Fingerprint(entry.getKey(), r.getString(1)), k -> new LinkedHashMap<>())
                        .put(w.id(), w);
                  }
                }
              }
            }
          }
          Map<Fingerprint, List<Work>> out = new HashMap<>();
          found.forEach((fp, works) -> out.put(fp, List.copyOf(works.values())));
          return out;
        });
  }

  @Override
  public void forEachIndexedFingerprint(
      String algorithm, Optional<Instant> after, java.util.function.Consumer<IndexedFingerprint> action) {
    tx(
        "read fingerprints",
        c -> {
          // works_registered (V5) makes the catch-up after a restart a range scan of new works.
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT f.work_id, w.registered_at, f.val FROM works w JOIN fingerprints f ON f.work_id = w.id"
                      + " WHERE f.algorithm = ? AND w.registered_at > ?")) {
            s.setString(1, algorithm);
            s.setLong(2, after.map(JdbcRegistryStore::micros).orElse(Long.MIN_VALUE));
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                action.accept(new IndexedFingerprint(r.getString(1), instant(r.getLong(2)), r.getString(3)));
              }
            }
          }
          return null;
        });
  }

  @Override
  public long countFingerprints(String algorithm, Instant until) {
    return tx(
        "count fingerprints",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM works w JOIN fingerprints f ON f.work_id = w.id"
                      + " WHERE f.algorithm = ? AND w.registered_at <= ?")) {
            s.setString(1, algorithm);
            s.setLong(2, micros(until));
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return r.getLong(1);
            }
          }
        });
  }

  @Override
  public void forEachIndexedFrame(Optional<Instant> after, java.util.function.Consumer<IndexedFrame> action) {
    tx(
        "read video frames",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT f.work_id, f.ordinal, w.registered_at, f.pdq FROM works w JOIN asset_frames f ON f.work_id = w.id"
                      + " WHERE w.registered_at > ?")) {
            s.setLong(1, after.map(JdbcRegistryStore::micros).orElse(Long.MIN_VALUE));
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                action.accept(new IndexedFrame(r.getString(1), r.getInt(2), instant(r.getLong(3)), r.getString(4)));
              }
            }
          }
          return null;
        });
  }

  @Override
  public long countFrames(Instant until) {
    return tx(
        "count video frames",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM works w JOIN asset_frames f ON f.work_id = w.id WHERE w.registered_at <= ?")) {
            s.setLong(1, micros(until));
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return r.getLong(1);
            }
          }
        });
  }

  private static Work work(ResultSet r, int from) throws SQLException {
    return new Work(
        r.getString(from),
        r.getString(from + 1),
        WorkKind.parse("kind", r.getString(from + 2)),
        r.getString(from + 3),
        instant(r.getLong(from + 4)));
  }

  // ---- grants -------------------------------------------------------------------------------

  @Override
  public void createGrant(Grant grant, long logIndex) {
    tx(
        "issue a grant",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO grants (id, grantor_id, licensee_id, uses, all_works, valid_from,"
                      + " valid_until, territories, terms_url, issued_at, log_index)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, grant.id());
            s.setString(2, grant.grantor());
            s.setString(3, grant.licensee().orElse(null));
            s.setString(4, grant.uses().stream().map(Use::label).collect(Collectors.joining(",")));
            s.setBoolean(5, grant.allWorks());
            s.setLong(6, micros(grant.validFrom()));
            setOptionalMicros(s, 7, grant.validUntil());
            s.setString(8, String.join(",", grant.territories()));
            s.setString(9, grant.termsUrl().orElse(null));
            s.setLong(10, micros(grant.issuedAt()));
            setLogIndex(s, 11, logIndex);
            s.executeUpdate();
          }
          if (!grant.works().isEmpty()) {
            try (PreparedStatement s =
                c.prepareStatement("INSERT INTO grant_works (grant_id, work_id) VALUES (?, ?)")) {
              for (String work : grant.works()) {
                s.setString(1, grant.id());
                s.setString(2, work);
                s.addBatch();
              }
              s.executeBatch();
            }
          }
          return null;
        });
  }

  @Override
  public Optional<Grant> findGrant(String id) {
    return tx(
        "read a grant",
        c -> {
          List<Grant> found = queryGrants(c, " WHERE g.id = ?", List.of(id));
          return found.isEmpty() ? Optional.<Grant>empty() : Optional.of(found.getFirst());
        });
  }

  @Override
  public boolean revokeGrant(String grantId, Revocation revocation, long logIndex) {
    try {
      return tx(
          "revoke a grant",
          c -> {
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO revocations (grant_id, revoked_at, revoked_by, reason, log_index) VALUES (?, ?, ?, ?, ?)")) {
              s.setString(1, grantId);
              s.setLong(2, micros(revocation.revokedAt()));
              s.setString(3, revocation.revokedBy());
              s.setString(4, revocation.reason().orElse(null));
              setLogIndex(s, 5, logIndex);
              s.executeUpdate();
            }
            return true;
          });
    } catch (RegistryException e) {
      if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public List<Grant> listGrants(Optional<String> party, Page page) {
    return tx(
        "list grants",
        c -> {
          List<String> params = new ArrayList<>();
          params.add(page.after());
          String where = " WHERE g.id > ?";
          if (party.isPresent()) {
            where += " AND (g.grantor_id = ? OR g.licensee_id = ? OR g.licensee_id IS NULL)";
            params.add(party.get());
            params.add(party.get());
          }
          // ORDER BY and LIMIT are part of the clause, so the works subquery sees the same page.
          return queryGrants(c, where + " ORDER BY g.id LIMIT " + page.limit(), params);
        });
  }

  @Override
  public List<Grant> grantsFrom(Collection<String> grantors, String licensee) {
    return tx(
        "read grants",
        c -> {
          List<Grant> out = new ArrayList<>();
          for (List<String> chunk : chunks(grantors)) {
            List<String> params = new ArrayList<>(chunk);
            params.add(licensee);
            out.addAll(
                queryGrants(
                    c,
                    " WHERE g.grantor_id IN (" + marks(chunk.size()) + ")"
                        + " AND (g.licensee_id = ? OR g.licensee_id IS NULL)",
                    params));
          }
          return out;
        });
  }

  /**
   * Grants matching {@code where} (a clause over {@code g}, with {@code params}), with their
   * revocations and listed works. The listed works are read first, by the same clause as a
   * subquery, so that each grant row becomes a {@link Grant} in one step.
   */
  private static List<Grant> queryGrants(Connection c, String where, List<String> params)
      throws SQLException {
    Map<String, Set<String>> works = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT grant_id, work_id FROM grant_works WHERE grant_id IN (SELECT g.id FROM grants g"
                + where
                + ")")) {
      bind(s, 1, params);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          works.computeIfAbsent(r.getString(1), k -> new TreeSet<>()).add(r.getString(2));
        }
      }
    }
    List<Grant> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + GRANT_COLUMNS + GRANT_FROM + where)) {
      bind(s, 1, params);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(grant(r, works.getOrDefault(r.getString(1), Set.of())));
        }
      }
    }
    return out;
  }

  private static Grant grant(ResultSet r, Set<String> works) throws SQLException {
    EnumSet<Use> uses = EnumSet.noneOf(Use.class);
    for (String u : r.getString(4).split(",")) {
      uses.add(Use.parse("uses", u));
    }
    String territories = r.getString(8);
    long revokedAt = r.getLong(11);
    Optional<Revocation> revocation =
        r.wasNull()
            ? Optional.empty()
            : Optional.of(
                new Revocation(
                    instant(revokedAt), r.getString(12), Optional.ofNullable(r.getString(13))));
    return new Grant(
        r.getString(1),
        r.getString(2),
        Optional.ofNullable(r.getString(3)),
        uses,
        r.getBoolean(5),
        works,
        instant(r.getLong(6)),
        optionalInstant(r, 7),
        territories.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(territories.split(","))),
        Optional.ofNullable(r.getString(9)),
        instant(r.getLong(10)),
        revocation);
  }

  // ---- health -------------------------------------------------------------------------------

  @Override
  public void ping() {
    tx(
        "answer a ping",
        c -> {
          if (!c.isValid(2)) {
            throw new SQLException("connection is not valid");
          }
          return null;
        });
  }

  @Override
  public void close() {
    database.close();
  }

  // ---- helpers ------------------------------------------------------------------------------

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  @Override
  public boolean replaceRevocation(String grantId, Revocation revocation, long logIndex) {
    return tx(
        "replace a revocation",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE revocations SET revoked_at = ?, revoked_by = ?, reason = ?, log_index = ? WHERE grant_id = ?")) {
            s.setLong(1, micros(revocation.revokedAt()));
            s.setString(2, revocation.revokedBy());
            s.setString(3, revocation.reason().orElse(null));
            setLogIndex(s, 4, logIndex);
            s.setString(5, grantId);
            return s.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Map<String, Long> logIndexes(Logged kind, Collection<String> ids) {
    String table =
        switch (kind) {
          case PARTY -> "parties";
          case WORK -> "works";
          case GRANT -> "grants";
          case REVOCATION -> "revocations";
        };
    String key = kind == Logged.REVOCATION ? "grant_id" : "id";
    return tx(
        "read log indexes",
        c -> {
          Map<String, Long> out = new HashMap<>();
          for (List<String> chunk : chunks(ids)) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "SELECT " + key + ", log_index FROM " + table + " WHERE log_index IS NOT NULL AND "
                        + key + " IN (" + marks(chunk.size()) + ")")) {
              bind(s, 1, chunk);
              try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                  out.put(r.getString(1), r.getLong(2));
                }
              }
            }
          }
          return out;
        });
  }

  private static void setLogIndex(PreparedStatement s, int i, long logIndex) throws SQLException {
    if (logIndex < 0) {
      s.setNull(i, Types.BIGINT);
    } else {
      s.setLong(i, logIndex);
    }
  }

  private static Optional<Instant> optionalInstant(ResultSet r, int column) throws SQLException {
    long v = r.getLong(column);
    return r.wasNull() ? Optional.empty() : Optional.of(instant(v));
  }

  private static void setOptionalMicros(PreparedStatement s, int i, Optional<Instant> t)
      throws SQLException {
    if (t.isPresent()) {
      s.setLong(i, micros(t.get()));
    } else {
      s.setNull(i, Types.BIGINT);
    }
  }

  private static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  private static void bind(PreparedStatement s, int from, List<String> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      s.setString(from + i, values.get(i));
    }
  }

  private static List<List<String>> chunks(Collection<String> values) {
    List<String> all = List.copyOf(values);
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += CHUNK) {
      out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
    }
    return out;
  }
}
