-- Eslabón reference server, schema version 6: personal data (see PRIVACY.md).
--
-- Indexes only. The retention pass (`privacy.rs`) finds share records by age, and the export and
-- the erasure find everything of one person by their id: without these, each of them would read
-- whole tables. Nothing here changes a row.

-- The retention pass: share records older than `[privacy] share_retention_days`.
CREATE INDEX shares_created ON shares (created_at);
-- Export and erasure: one person's rows.
CREATE INDEX shares_person ON shares (person_id);
CREATE INDEX comments_author ON comments (author_id);
CREATE INDEX idea_status_history_by ON idea_status_history (by_id);
CREATE INDEX kudos_reactions_person ON kudos_reactions (person_id);
