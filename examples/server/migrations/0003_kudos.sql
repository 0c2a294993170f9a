-- Eslabón reference server, schema version 3: kudos.
--
-- As in 0002, times are INTEGER unix seconds (periods and the delete window are arithmetic on
-- them; the API formats them as RFC 3339), and boards live in eslabon.toml, so `board` is a
-- plain id. A giver's delete (within the window) removes the row, which also gives the budget
-- unit back; a moderator's delete only sets `hidden`.

CREATE TABLE kudos (
    id         INTEGER PRIMARY KEY,
    board      TEXT NOT NULL,
    from_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    to_id      TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    message    TEXT NOT NULL,
    hidden     INTEGER NOT NULL DEFAULT 0,             -- hidden by a moderator
    created_at INTEGER NOT NULL,
    CHECK (from_id <> to_id)                           -- no self-kudos, whatever the caller
);
-- The wall, newest first: a first page reads ~limit index entries.
CREATE INDEX kudos_wall ON kudos (board, created_at DESC, id DESC);
-- Covers the visibility filters (hidden, participants), so `total` counts from the index alone.
CREATE INDEX kudos_visible ON kudos (board, hidden, from_id, to_id);
-- The budget ("how many has this person given since the period started") from the index
-- alone, and `person=…&role=given`.
CREATE INDEX kudos_given ON kudos (from_id, created_at);
-- `person=…&role=received`.
CREATE INDEX kudos_received ON kudos (to_id, created_at);
-- Leaderboards: one period of one board, counted per receiver or giver from the index alone.
CREATE INDEX kudos_period ON kudos (board, created_at, hidden, to_id, from_id);

-- The company values of a kudos (ids from eslabon.toml); duplicates are impossible.
CREATE TABLE kudos_values (
    kudos_id INTEGER NOT NULL REFERENCES kudos (id) ON DELETE CASCADE,
    value_id TEXT NOT NULL,
    PRIMARY KEY (kudos_id, value_id)
) WITHOUT ROWID;
-- `value=…`: the kudos carrying a value.
CREATE INDEX kudos_values_value ON kudos_values (value_id, kudos_id);

-- The primary key makes "one reaction of each kind per person and kudos" a fact of the
-- database, so concurrent reactions cannot double count.
CREATE TABLE kudos_reactions (
    kudos_id   INTEGER NOT NULL REFERENCES kudos (id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    emoji      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (kudos_id, person_id, emoji)
) WITHOUT ROWID;

-- `team=…`: the people of a team.
CREATE INDEX people_team ON people (team, id);
