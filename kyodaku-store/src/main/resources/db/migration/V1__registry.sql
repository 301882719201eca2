-- Kyodaku registry schema, version 1. One schema for H2 (embedded) and PostgreSQL: only types and
-- syntax both accept. Instants are BIGINT microseconds since the Unix epoch (UTC), which both
-- stores keep exactly and compare cheaply. Facts are only inserted: a revocation is its own row.

CREATE TABLE parties (
  id          VARCHAR(64)   PRIMARY KEY,
  kind        VARCHAR(20)   NOT NULL,
  name        VARCHAR(2000) NOT NULL,
  created_at  BIGINT        NOT NULL
);
CREATE INDEX parties_kind ON parties (kind);

-- Bearer tokens, kept only as SHA-256 hex.
CREATE TABLE credentials (
  token_hash  CHAR(64)      PRIMARY KEY,
  party_id    VARCHAR(64)   NOT NULL REFERENCES parties (id),
  created_at  BIGINT        NOT NULL,
  expires_at  BIGINT
);
CREATE INDEX credentials_party ON credentials (party_id);

CREATE TABLE works (
  id             VARCHAR(64)   PRIMARY KEY,
  title          VARCHAR(2000) NOT NULL,
  kind           VARCHAR(20)   NOT NULL,
  owner_id       VARCHAR(64)   NOT NULL REFERENCES parties (id),
  registered_at  BIGINT        NOT NULL
);
CREATE INDEX works_owner ON works (owner_id, id);

CREATE TABLE assets (
  work_id    VARCHAR(64)   NOT NULL REFERENCES works (id),
  ordinal    INTEGER       NOT NULL,
  file_name  VARCHAR(2000),
  PRIMARY KEY (work_id, ordinal)
);

-- One row per fingerprint of an asset; the algorithm names its version (sha256, pdq-v1, ...).
CREATE TABLE fingerprints (
  work_id    VARCHAR(64)   NOT NULL,
  ordinal    INTEGER       NOT NULL,
  algorithm  VARCHAR(40)   NOT NULL,
  val        VARCHAR(2048) NOT NULL,
  PRIMARY KEY (work_id, ordinal, algorithm),
  FOREIGN KEY (work_id, ordinal) REFERENCES assets (work_id, ordinal)
);
CREATE INDEX fingerprints_lookup ON fingerprints (algorithm, val);

CREATE TABLE grants (
  id           VARCHAR(64)   PRIMARY KEY,
  grantor_id   VARCHAR(64)   NOT NULL REFERENCES parties (id),
  licensee_id  VARCHAR(64)   REFERENCES parties (id),   -- NULL: everyone
  uses         VARCHAR(200)  NOT NULL,                  -- comma-separated labels
  all_works    BOOLEAN       NOT NULL,
  valid_from   BIGINT        NOT NULL,
  valid_until  BIGINT,
  territories  VARCHAR(2000) NOT NULL,                  -- comma-separated codes; empty: everywhere
  terms_url    VARCHAR(2000),
  issued_at    BIGINT        NOT NULL
);
CREATE INDEX grants_grantor ON grants (grantor_id, licensee_id);
CREATE INDEX grants_licensee ON grants (licensee_id);

CREATE TABLE grant_works (
  grant_id  VARCHAR(64) NOT NULL REFERENCES grants (id),
  work_id   VARCHAR(64) NOT NULL REFERENCES works (id),
  PRIMARY KEY (grant_id, work_id)
);
CREATE INDEX grant_works_work ON grant_works (work_id);

-- At most one revocation per grant: the primary key makes a second one fail atomically.
CREATE TABLE revocations (
  grant_id    VARCHAR(64)   PRIMARY KEY REFERENCES grants (id),
  revoked_at  BIGINT        NOT NULL,
  revoked_by  VARCHAR(64)   NOT NULL REFERENCES parties (id),
  reason      VARCHAR(2000)
);
