-- Artifacts registered so that others can name them as a lineage base. Each registration of a changed manifest
-- is a new row: the latest row is the artifact's current manifest, earlier rows stay for the record.
CREATE TABLE manifests (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL,
    digest     TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX manifests_by_id ON manifests (id, seq);

-- Every decision, with what it was made from: the manifest as read, its digest, the digests of the packs, and
-- the result exactly as it was returned.
CREATE TABLE evaluations (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('evaluation', 'gate')),
    created_at      TEXT NOT NULL,
    as_of           TEXT NOT NULL,
    manifest_id     TEXT NOT NULL,
    manifest_digest TEXT NOT NULL,
    manifest        TEXT NOT NULL,
    packs           TEXT NOT NULL,
    result          TEXT NOT NULL
);
CREATE INDEX evaluations_by_manifest ON evaluations (manifest_id, created_at);

-- Append-only: what was registered or decided, when. Triggers refuse any change to a written row.
CREATE TABLE audit_log (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    digest  TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
