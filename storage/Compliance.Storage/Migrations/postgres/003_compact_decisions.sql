-- PostgreSQL's form of sqlite/003_compact_decisions.sql: a decision's manifest once per digest, results deflated.
CREATE TABLE decision_manifests (
    digest TEXT PRIMARY KEY,
    body   TEXT NOT NULL
);
INSERT INTO decision_manifests (digest, body) SELECT manifest_digest, manifest FROM evaluations ON CONFLICT (digest) DO NOTHING;
ALTER TABLE evaluations DROP COLUMN manifest;
ALTER TABLE evaluations ADD COLUMN result_encoding TEXT NOT NULL DEFAULT 'identity' CHECK (result_encoding IN ('identity', 'deflate'));
