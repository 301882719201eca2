-- Content lookups ask "algorithm = ? AND val IN (?, ?, ...)" with up to 500 values. H2 used the
-- (algorithm, val) index only for the equality, which every row of the algorithm satisfies, and
-- compared each row with the IN list (docs/benchmarks.md, section 4.1); with both indexes present
-- it still chose that one. So the lookup index is replaced by one led by the value: each IN value
-- is one index probe, on both stores.
CREATE INDEX fingerprints_value ON fingerprints (val, algorithm);
DROP INDEX fingerprints_lookup;
