-- Kyodaku registry schema, version 4: a video asset's frame hashes (vPDQ). A video is compared
-- frame by frame (how many of each video's frames are found in the other), so its hashes cannot
-- be one row of `fingerprints`: `asset_videos` holds what the whole hash shares (algorithm,
-- frame rate), `asset_frames` one row per hashed frame. Matching runs in memory over every
-- registered video, rebuilt from these tables at start, so no index on the hash values is needed.

CREATE TABLE asset_videos (
  work_id            VARCHAR(64)      NOT NULL,
  ordinal            INTEGER          NOT NULL,
  algorithm          VARCHAR(40)      NOT NULL,
  frames_per_second  DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (work_id, ordinal),
  FOREIGN KEY (work_id, ordinal) REFERENCES assets (work_id, ordinal)
);

CREATE TABLE asset_frames (
  work_id       VARCHAR(64)  NOT NULL,
  ordinal       INTEGER      NOT NULL,
  frame_number  INTEGER      NOT NULL,
  quality       SMALLINT     NOT NULL,
  pdq           CHAR(64)     NOT NULL,
  PRIMARY KEY (work_id, ordinal, frame_number),
  FOREIGN KEY (work_id, ordinal) REFERENCES asset_videos (work_id, ordinal)
);
