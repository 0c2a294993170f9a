-- Eslabón reference server, schema version 2: idea boards.
--
-- Unlike 0001, times here are INTEGER unix seconds: edit windows and the trending decay are
-- arithmetic on them, and integer sort keys keep the list indexes and cursors small. The API
-- formats them as RFC 3339. Boards live in eslabon.toml, so `board` is a plain id.
-- Nothing is ever removed: deleting sets `deleted_at`, so reads can answer 410 Gone.

CREATE TABLE ideas (
    id           INTEGER PRIMARY KEY,
    board        TEXT NOT NULL,
    author_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    title_folded TEXT NOT NULL,                        -- fold(title): accent/case-free search
    body_folded  TEXT NOT NULL,                        -- fold(body)
    -- " word word " from the folded title, letters and digits only: similar-idea matching.
    title_words  TEXT NOT NULL,
    category     TEXT,
    status       TEXT NOT NULL DEFAULT 'new' CHECK (status IN
                 ('new', 'under_review', 'planned', 'in_progress', 'done', 'declined', 'duplicate')),
    status_note  TEXT,                                 -- the note of the latest status change
    duplicate_of INTEGER REFERENCES ideas (id),        -- set only while status = 'duplicate'
    anonymous    INTEGER NOT NULL DEFAULT 0,
    approved     INTEGER NOT NULL DEFAULT 1,           -- 0 = waiting for a moderator
    hidden       INTEGER NOT NULL DEFAULT 0,           -- hidden by a moderator
    -- Kept equal to the rows in `votes` by the vote handlers (same transaction).
    vote_count   INTEGER NOT NULL DEFAULT 0,
    -- log2(sum over votes of 2^(voted_at / 72 h)); 0 without votes. The trending score
    -- sum(0.5^(age_hours / 72)) equals 2^(trend_rank - now / 72 h), so ordering by this
    -- column is ordering by the score at any moment, and it changes only when votes do.
    trend_rank   REAL NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    deleted_at   INTEGER
);
-- One index per list sort, in the sort's order, so a first page reads ~limit rows.
CREATE INDEX ideas_top ON ideas (board, vote_count DESC, id DESC);
CREATE INDEX ideas_new ON ideas (board, created_at DESC, id DESC);
CREATE INDEX ideas_trending ON ideas (board, trend_rank DESC, created_at DESC, id DESC);
-- Covers every filter but the text search, so `total` counts from the index alone.
CREATE INDEX ideas_visible ON ideas (board, deleted_at, hidden, approved, author_id, status, category);
CREATE INDEX ideas_author ON ideas (author_id, board);

-- The primary key makes "one vote per person and idea" a fact of the database, so
-- concurrent votes cannot double count.
CREATE TABLE votes (
    idea_id    INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (idea_id, person_id)
) WITHOUT ROWID;
CREATE INDEX votes_person ON votes (person_id, idea_id);

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    idea_id    INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    author_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    hidden     INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    deleted_at INTEGER
);
-- Newest first per idea (the comments list and its cursor).
CREATE INDEX comments_idea ON comments (idea_id, created_at DESC, id DESC);

-- Oldest first per idea; the first row is 'new' at creation, by the author.
CREATE TABLE idea_status_history (
    id         INTEGER PRIMARY KEY,
    idea_id    INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    note       TEXT,
    by_id      TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE INDEX idea_status_history_idea ON idea_status_history (idea_id, id);
