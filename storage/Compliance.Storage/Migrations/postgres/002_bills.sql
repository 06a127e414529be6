-- PostgreSQL's form of sqlite/002_bills.sql.
CREATE TABLE bills (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT NOT NULL,
    version    TEXT NOT NULL,
    digest     TEXT NOT NULL,
    document   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (id, version)
);
