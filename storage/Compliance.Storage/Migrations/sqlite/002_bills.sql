-- Draft bills and variants uploaded by analysts. A version is immutable: a change is a new version.
CREATE TABLE bills (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL,
    version    TEXT NOT NULL,
    digest     TEXT NOT NULL,
    document   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (id, version)
);
