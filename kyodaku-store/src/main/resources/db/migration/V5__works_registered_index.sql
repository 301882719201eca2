-- Kyodaku registry schema, version 5: the similarity index persists its segments in the data
-- directory with the registration instant up to which they are complete (docs/index.md). At start
-- it counts the fingerprints of works registered up to that instant and reads the ones registered
-- after it; this index makes the second a range scan instead of a scan of every work.
CREATE INDEX works_registered ON works (registered_at);
