-- A decision's manifest is kept once per digest instead of once per decision: a CI gate decides on the same
-- manifest many times. The digest is taken over exactly these bytes (the canonical serialisation), so nothing is lost.
CREATE TABLE decision_manifests (
    digest TEXT PRIMARY KEY,
    body   TEXT NOT NULL
);
INSERT OR IGNORE INTO decision_manifests (digest, body) SELECT manifest_digest, manifest FROM evaluations;
ALTER TABLE evaluations DROP COLUMN manifest;

-- Results are stored deflated (a 15 KB result takes about 3.5 KB) and inflated on reading, byte for byte as returned.
-- Rows written before this migration stay as they were, marked 'identity'.
ALTER TABLE evaluations ADD COLUMN result_encoding TEXT NOT NULL DEFAULT 'identity' CHECK (result_encoding IN ('identity', 'deflate'));
