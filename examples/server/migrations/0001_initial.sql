-- Eslabón reference server, schema version 1.
-- Timestamps are RFC 3339 UTC text ("2026-01-31T09:15:00Z"), which sorts chronologically.

CREATE TABLE people (
    id                  TEXT PRIMARY KEY,              -- "ana.garcia"
    name                TEXT NOT NULL,
    name_folded         TEXT NOT NULL,                 -- lower case, no diacritics: for search
    email               TEXT NOT NULL DEFAULT '',
    team                TEXT NOT NULL DEFAULT '',
    avatar_url          TEXT,
    locale              TEXT NOT NULL DEFAULT 'es' CHECK (locale IN ('es', 'en')),
    leaderboard_opt_out INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL
);
CREATE INDEX people_name_folded ON people (name_folded);

CREATE TABLE sessions (
    token      TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at INTEGER NOT NULL                        -- unix seconds
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE shares (
    id         INTEGER PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    url        TEXT NOT NULL,
    network    TEXT NOT NULL,
    campaign   TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX shares_url ON shares (url, campaign);

CREATE TABLE idempotency (
    person_id    TEXT NOT NULL,
    key          TEXT NOT NULL,
    method       TEXT NOT NULL,
    path         TEXT NOT NULL,
    request_hash TEXT NOT NULL,                        -- of the request body: detects key reuse
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (person_id, key)
);
