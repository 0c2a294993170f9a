-- Eslabón reference server, schema version 4: quizzes.
--
-- As in 0002 and 0003, times are INTEGER unix seconds (deadlines and cool-downs are arithmetic
-- on them; the API formats them as RFC 3339).
--
-- A quiz is the validated quiz file (examples/server/quizzes/*.json), stored whole: it holds
-- the answer key, which never leaves the server before an attempt is submitted. Each attempt
-- keeps a copy of the questions it drew, so re-importing a quiz never changes an attempt in
-- progress or a result already given. Quizzes are never deleted (an import updates the row in
-- place), so attempts and certificates reference them without cascading.

CREATE TABLE quizzes (
    id          TEXT PRIMARY KEY,                      -- "social-media-guidelines"
    definition  TEXT NOT NULL,                         -- the quiz file, validated, as JSON
    imported_at INTEGER NOT NULL
);

CREATE TABLE quiz_attempts (
    id                 TEXT PRIMARY KEY,               -- random, valid for this attempt only
    quiz_id            TEXT NOT NULL REFERENCES quizzes (id),
    person_id          TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    lang               TEXT NOT NULL CHECK (lang IN ('es', 'en')),
    extended_time      INTEGER NOT NULL DEFAULT 0,
    -- Per question, already multiplied by the extended-time factor; NULL: no time limit.
    time_limit_seconds INTEGER,
    pass_mark          INTEGER NOT NULL,               -- the quiz's pass mark when it started
    started_at         INTEGER NOT NULL,
    submitted_at       INTEGER,                        -- NULL while the attempt is open
    score              INTEGER,                        -- set on submission
    percent            INTEGER,
    passed             INTEGER
);
-- Attempts used, the latest failed attempt (cool-down), the open attempt.
CREATE INDEX quiz_attempts_person ON quiz_attempts (person_id, quiz_id, started_at);
-- At most one open attempt per person and quiz, whatever the requests do.
CREATE UNIQUE INDEX quiz_attempts_open ON quiz_attempts (person_id, quiz_id)
    WHERE submitted_at IS NULL;

-- The questions an attempt drew, in the order shown.
CREATE TABLE quiz_attempt_questions (
    attempt_id  TEXT NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,                      -- 0-based, the order shown
    id          TEXT NOT NULL,                         -- random, valid for this attempt only
    question    TEXT NOT NULL,                         -- the quiz file's question, as JSON
    -- The options in the order shown: JSON [[attempt option id, quiz file option id], …].
    options     TEXT NOT NULL,
    answer      TEXT,                                  -- JSON list of attempt option ids
    late        INTEGER NOT NULL DEFAULT 0,            -- answered after the deadline
    opened_at   INTEGER,                               -- NULL until the question opens
    deadline    INTEGER,                               -- NULL without a time limit
    PRIMARY KEY (attempt_id, position),
    UNIQUE (attempt_id, id)
) WITHOUT ROWID;

-- One certificate per person and quiz, issued on the first pass and never removed.
CREATE TABLE quiz_certificates (
    code       TEXT PRIMARY KEY,                       -- "ESL-7F3K-92QD"
    quiz_id    TEXT NOT NULL REFERENCES quizzes (id),
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    attempt_id TEXT NOT NULL REFERENCES quiz_attempts (id),
    percent    INTEGER NOT NULL,
    passed_at  INTEGER NOT NULL,
    UNIQUE (person_id, quiz_id)
);
