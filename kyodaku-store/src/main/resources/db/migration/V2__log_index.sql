-- Kyodaku registry schema, version 2: the transparency-log index of each logged fact (ADR 0007),
-- written in the same transaction as the fact, so that a decision's receipt can name the entries
-- it rests on. NULL: recorded before the log existed, or by a registry running without a log.

ALTER TABLE parties ADD COLUMN log_index BIGINT;
ALTER TABLE works ADD COLUMN log_index BIGINT;
ALTER TABLE grants ADD COLUMN log_index BIGINT;
ALTER TABLE revocations ADD COLUMN log_index BIGINT;
