-- API keys: each belongs to a tenant and carries scopes. Only the SHA-256 of a key is kept (a key is 256 random bits,
-- so a fast hash is enough); the key itself is shown once, when it is created. Revoked keys stay for the record.
CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    tenant     TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- What a tenant registers, uploads or decides is visible to it alone. Rows written before keys existed belong to
-- the anonymous tenant: the one a loopback caller without a key is, while the store has no keys.
ALTER TABLE manifests ADD COLUMN tenant TEXT NOT NULL DEFAULT 'anonymous';
DROP INDEX manifests_by_id;
CREATE INDEX manifests_by_tenant_id ON manifests (tenant, id, seq);

ALTER TABLE evaluations ADD COLUMN tenant TEXT NOT NULL DEFAULT 'anonymous';

-- A bill version is unique within its tenant: two tenants may each draft "analyst-sb1047@1".
CREATE TABLE bills_by_tenant (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant     TEXT NOT NULL,
    id         TEXT NOT NULL,
    version    TEXT NOT NULL,
    digest     TEXT NOT NULL,
    document   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (tenant, id, version)
);
INSERT INTO bills_by_tenant (seq, tenant, id, version, digest, document, created_at)
    SELECT seq, 'anonymous', id, version, digest, document, created_at FROM bills;
DROP TABLE bills;
ALTER TABLE bills_by_tenant RENAME TO bills;
