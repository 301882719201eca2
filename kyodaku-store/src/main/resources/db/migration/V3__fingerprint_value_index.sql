-- Content lookups ask "algorithm = ? AND val IN (?, ?, ...)" with up to 500 values. H2 does not use
-- the (algorithm, val) index for an IN list behind an equality on its first column and scanned
-- every fingerprint of the algorithm instead (measured: docs/benchmarks.md, section 4.1). An index
-- led by the value serves both stores: each IN value is one index probe.
CREATE INDEX fingerprints_value ON fingerprints (val, algorithm);
