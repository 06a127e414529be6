-- PostgreSQL's form of sqlite/004_keys_and_tenants.sql: API keys (only their SHA-256), and a tenant on every row.
CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    tenant     TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

ALTER TABLE manifests ADD COLUMN tenant TEXT NOT NULL DEFAULT 'anonymous';
DROP INDEX manifests_by_id;
CREATE INDEX manifests_by_tenant_id ON manifests (tenant, id, seq);

ALTER TABLE evaluations ADD COLUMN tenant TEXT NOT NULL DEFAULT 'anonymous';

-- PostgreSQL changes a unique constraint in place (SQLite had to copy the table).
ALTER TABLE bills ADD COLUMN tenant TEXT NOT NULL DEFAULT 'anonymous';
ALTER TABLE bills DROP CONSTRAINT bills_id_version_key;
ALTER TABLE bills ADD CONSTRAINT bills_tenant_id_version_key UNIQUE (tenant, id, version);
