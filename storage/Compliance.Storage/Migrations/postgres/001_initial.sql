-- PostgreSQL's form of sqlite/001_initial.sql: the same tables, step by step, so that both databases count the same
-- migrations. Dates stay ISO-8601 text as on SQLite: the code writes and reads one form on both stores.
CREATE TABLE manifests (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT NOT NULL,
    digest     TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX manifests_by_id ON manifests (id, seq);

CREATE TABLE evaluations (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('evaluation', 'gate')),
    created_at      TEXT NOT NULL,
    as_of           TEXT NOT NULL,
    manifest_id     TEXT NOT NULL,
    manifest_digest TEXT NOT NULL,
    manifest        TEXT NOT NULL,
    packs           TEXT NOT NULL,
    result          BYTEA NOT NULL
);
CREATE INDEX evaluations_by_manifest ON evaluations (manifest_id, created_at);

-- Append-only: a trigger refuses any change to a written row, and emptying the table.
CREATE TABLE audit_log (
    seq     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    digest  TEXT
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
