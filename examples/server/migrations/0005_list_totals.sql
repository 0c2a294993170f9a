-- Eslabón reference server, schema version 5: list totals without counting.
--
-- `ideas.list` and `kudos.list` answer with the total of the list. Counting it walked the whole
-- board's index on every request (~0.6 ms for 10,000 ideas, most of the request). These
-- counters, kept by triggers inside the writing transaction (so always exact, in every
-- snapshot), give the totals of the unfiltered lists; filtered lists still count.

CREATE TABLE idea_totals (
    board  TEXT PRIMARY KEY,
    live   INTEGER NOT NULL DEFAULT 0,                 -- deleted_at IS NULL: what moderators see
    public INTEGER NOT NULL DEFAULT 0                  -- ... AND hidden = 0 AND approved = 1
) WITHOUT ROWID;
INSERT INTO idea_totals (board, live, public)
    SELECT board, COUNT(*), SUM(hidden = 0 AND approved = 1) FROM ideas
    WHERE deleted_at IS NULL GROUP BY board;

CREATE TRIGGER idea_totals_insert AFTER INSERT ON ideas BEGIN
    INSERT OR IGNORE INTO idea_totals (board) VALUES (NEW.board);
    UPDATE idea_totals SET
        live = live + (NEW.deleted_at IS NULL),
        public = public + (NEW.deleted_at IS NULL AND NEW.hidden = 0 AND NEW.approved = 1)
    WHERE board = NEW.board;
END;
CREATE TRIGGER idea_totals_delete AFTER DELETE ON ideas BEGIN
    UPDATE idea_totals SET
        live = live - (OLD.deleted_at IS NULL),
        public = public - (OLD.deleted_at IS NULL AND OLD.hidden = 0 AND OLD.approved = 1)
    WHERE board = OLD.board;
END;
-- Only when a column that decides visibility is set (not on vote count updates).
CREATE TRIGGER idea_totals_update AFTER UPDATE OF board, deleted_at, hidden, approved ON ideas BEGIN
    UPDATE idea_totals SET
        live = live - (OLD.deleted_at IS NULL),
        public = public - (OLD.deleted_at IS NULL AND OLD.hidden = 0 AND OLD.approved = 1)
    WHERE board = OLD.board;
    INSERT OR IGNORE INTO idea_totals (board) VALUES (NEW.board);
    UPDATE idea_totals SET
        live = live + (NEW.deleted_at IS NULL),
        public = public + (NEW.deleted_at IS NULL AND NEW.hidden = 0 AND NEW.approved = 1)
    WHERE board = NEW.board;
END;
-- A non-moderator also sees their own ideas waiting for approval: few rows, found here.
CREATE INDEX ideas_waiting ON ideas (board, author_id)
    WHERE approved = 0 AND hidden = 0 AND deleted_at IS NULL;

CREATE TABLE kudos_totals (
    board TEXT PRIMARY KEY,
    total INTEGER NOT NULL DEFAULT 0,                  -- what moderators see
    shown INTEGER NOT NULL DEFAULT 0                   -- hidden = 0: a public wall
) WITHOUT ROWID;
INSERT INTO kudos_totals (board, total, shown)
    SELECT board, COUNT(*), SUM(hidden = 0) FROM kudos GROUP BY board;

CREATE TRIGGER kudos_totals_insert AFTER INSERT ON kudos BEGIN
    INSERT OR IGNORE INTO kudos_totals (board) VALUES (NEW.board);
    UPDATE kudos_totals SET total = total + 1, shown = shown + (NEW.hidden = 0)
    WHERE board = NEW.board;
END;
CREATE TRIGGER kudos_totals_delete AFTER DELETE ON kudos BEGIN
    UPDATE kudos_totals SET total = total - 1, shown = shown - (OLD.hidden = 0)
    WHERE board = OLD.board;
END;
CREATE TRIGGER kudos_totals_update AFTER UPDATE OF board, hidden ON kudos BEGIN
    UPDATE kudos_totals SET total = total - 1, shown = shown - (OLD.hidden = 0)
    WHERE board = OLD.board;
    INSERT OR IGNORE INTO kudos_totals (board) VALUES (NEW.board);
    UPDATE kudos_totals SET total = total + 1, shown = shown + (NEW.hidden = 0)
    WHERE board = NEW.board;
END;
