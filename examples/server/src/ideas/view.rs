//! What a viewer may see of ideas and comments, and their JSON shapes (IDEAS_API.md, "Objects"
//! and "Visibility"). The visibility rule exists twice, as Rust ([`Viewer::sees`]) and as SQL
//! ([`Viewer::sees_sql`]); keep them together and identical.

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension};
use serde_json::{json, Value};

use crate::config::{Board, Limits};
use crate::db::rfc3339;
use crate::problem::Problem;

use super::store::STATUSES;
use super::web::{idea_deleted, idea_not_found};

/// The signed-in person looking at a board.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub id: String,
    pub moderator: bool,
}

impl Viewer {
    /// Deleted ideas are gone; hidden ones are for moderators; unapproved ones for their
    /// author and moderators.
    pub fn sees(&self, author: &str, approved: bool, hidden: bool, deleted: bool) -> bool {
        !deleted && (self.moderator || (!hidden && (approved || author == self.id)))
    }

    /// [`Viewer::sees`] as an SQL condition on the ideas alias `i`, pushing its arguments.
    /// (`listing::visible_total` counts the same rule from the counters of migration 0005.)
    pub fn sees_sql(&self, args: &mut Vec<SqlValue>) -> String {
        if self.moderator {
            "i.deleted_at IS NULL".into()
        } else {
            args.push(SqlValue::Text(self.id.clone()));
            format!(
                "i.deleted_at IS NULL AND i.hidden = 0 AND (i.approved = 1 OR i.author_id = ?{})",
                args.len()
            )
        }
    }

    /// Authors of anonymous ideas are shown to themselves and to moderators only.
    fn sees_author(&self, author: &str, anonymous: bool) -> bool {
        !anonymous || self.moderator || author == self.id
    }
}

/// The columns that decide what a viewer may do with an idea.
#[derive(Debug, Clone)]
pub struct IdeaAccess {
    pub board: String,
    pub author: String,
    pub approved: bool,
    pub hidden: bool,
    pub deleted: bool,
    pub created_at: i64,
}

impl IdeaAccess {
    /// Is `viewer` the author, and is the board's edit window still open at `now`?
    pub fn editable_by(&self, viewer: &Viewer, board: &Board, now: i64) -> bool {
        self.author == viewer.id && now < edit_deadline(self.created_at, board)
    }
}

pub fn edit_deadline(created_at: i64, board: &Board) -> i64 {
    created_at + i64::from(board.edit_window_minutes) * 60
}

/// Loads an idea for `viewer`: 404 `idea_not_found` if it does not exist, is on a board that is
/// not configured, or is not visible; 410 `idea_deleted` if it was deleted.
pub fn find_idea(
    conn: &Connection,
    boards: &[Board],
    viewer: &Viewer,
    id: i64,
) -> Result<(IdeaAccess, Board), Problem> {
    let access = conn
        .prepare_cached(
            "SELECT board, author_id, approved, hidden, deleted_at IS NOT NULL, created_at
             FROM ideas WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(IdeaAccess {
                board: r.get(0)?,
                author: r.get(1)?,
                approved: r.get(2)?,
                hidden: r.get(3)?,
                deleted: r.get(4)?,
                created_at: r.get(5)?,
            })
        })
        .optional()?
        .ok_or_else(idea_not_found)?;
    let board = boards
        .iter()
        .find(|b| b.id == access.board)
        .ok_or_else(idea_not_found)?;
    if access.deleted {
        return Err(idea_deleted());
    }
    if !viewer.sees(&access.author, access.approved, access.hidden, false) {
        return Err(idea_not_found());
    }
    Ok((access, board.clone()))
}

fn person_json(id: String, name: String, team: String, avatar_url: Option<String>) -> Value {
    json!({ "id": id, "name": name, "team": team, "avatar_url": avatar_url })
}

/// The Idea object as `viewer` sees it at `now`.
pub fn idea_json(
    conn: &Connection,
    viewer: &Viewer,
    board: &Board,
    id: i64,
    now: i64,
) -> Result<Value, Problem> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.board, i.title, i.body, i.category, i.status, i.status_note,
                i.anonymous, i.approved, i.hidden, i.vote_count, i.created_at, i.updated_at,
                p.id, p.name, p.team, p.avatar_url,
                EXISTS (SELECT 1 FROM votes v WHERE v.idea_id = i.id AND v.person_id = ?2),
                (SELECT COUNT(*) FROM comments c
                 WHERE c.idea_id = i.id AND c.deleted_at IS NULL AND (?3 OR c.hidden = 0)),
                d.id, d.title, d.author_id, d.approved, d.hidden, d.deleted_at IS NOT NULL
         FROM ideas i
         JOIN people p ON p.id = i.author_id
         LEFT JOIN ideas d ON d.id = i.duplicate_of
         WHERE i.id = ?1",
    )?;
    let value = stmt.query_row(rusqlite::params![id, viewer.id, viewer.moderator], |r| {
        let author_id: String = r.get(13)?;
        let anonymous: bool = r.get(7)?;
        let created_at: i64 = r.get(11)?;
        let mine = author_id == viewer.id;
        let author = if viewer.sees_author(&author_id, anonymous) {
            person_json(author_id, r.get(14)?, r.get(15)?, r.get(16)?)
        } else {
            Value::Null
        };
        // The original of a duplicate, if this viewer may see it.
        let duplicate_of = match r.get::<_, Option<i64>>(19)? {
            Some(original)
                if viewer.sees(&r.get::<_, String>(21)?, r.get(22)?, r.get(23)?, r.get(24)?) =>
            {
                json!({ "id": original, "title": r.get::<_, String>(20)? })
            }
            _ => Value::Null,
        };
        let deadline = edit_deadline(created_at, board);
        let editable_until = (mine && now < deadline).then(|| rfc3339(deadline));
        Ok(json!({
            "id": r.get::<_, i64>(0)?,
            "board": r.get::<_, String>(1)?,
            "title": r.get::<_, String>(2)?,
            "body": r.get::<_, String>(3)?,
            "category": r.get::<_, Option<String>>(4)?,
            "status": r.get::<_, String>(5)?,
            "status_note": r.get::<_, Option<String>>(6)?,
            "duplicate_of": duplicate_of,
            "votes": r.get::<_, i64>(10)?,
            "voted": r.get::<_, bool>(17)?,
            "comments": r.get::<_, i64>(18)?,
            "anonymous": anonymous,
            "author": author,
            "mine": mine,
            "approved": r.get::<_, bool>(8)?,
            "hidden": r.get::<_, bool>(9)?,
            "created_at": rfc3339(created_at),
            "updated_at": rfc3339(r.get(12)?),
            "editable_until": editable_until,
        }))
    })?;
    Ok(value)
}

/// The Idea object plus `history`, oldest first, as `ideas.get` and `ideas.status` answer.
pub fn idea_with_history_json(
    conn: &Connection,
    viewer: &Viewer,
    board: &Board,
    id: i64,
    now: i64,
) -> Result<Value, Problem> {
    let mut idea = idea_json(conn, viewer, board, id, now)?;
    let (author, anonymous): (String, bool) = conn
        .prepare_cached("SELECT author_id, anonymous FROM ideas WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let author_hidden = !viewer.sees_author(&author, anonymous);
    let mut stmt = conn.prepare_cached(
        "SELECT h.status, h.note, h.by_id, p.name, h.created_at
         FROM idea_status_history h JOIN people p ON p.id = h.by_id
         WHERE h.idea_id = ?1 ORDER BY h.id",
    )?;
    let history = stmt
        .query_map([id], |r| {
            let by_id: String = r.get(2)?;
            // Entries by the author of an anonymous idea (its creation) would name them.
            let by = if author_hidden && by_id == author {
                Value::Null
            } else {
                json!({ "id": by_id, "name": r.get::<_, String>(3)? })
            };
            Ok(json!({
                "status": r.get::<_, String>(0)?,
                "note": r.get::<_, Option<String>>(1)?,
                "by": by,
                "at": rfc3339(r.get(4)?),
            }))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    idea["history"] = Value::Array(history);
    Ok(idea)
}

/// A comments row as selected by [`COMMENT_COLUMNS`], as `viewer` sees it at `now`.
pub fn comment_json(
    r: &rusqlite::Row<'_>,
    viewer: &Viewer,
    board: &Board,
    now: i64,
) -> rusqlite::Result<Value> {
    let author_id: String = r.get(5)?;
    let created_at: i64 = r.get(4)?;
    let mine = author_id == viewer.id;
    let deadline = edit_deadline(created_at, board);
    Ok(json!({
        "id": r.get::<_, i64>(0)?,
        "idea_id": r.get::<_, i64>(1)?,
        "body": r.get::<_, String>(2)?,
        "author": person_json(author_id, r.get(6)?, r.get(7)?, r.get(8)?),
        "mine": mine,
        "hidden": r.get::<_, bool>(3)?,
        "created_at": rfc3339(created_at),
        "editable_until": (mine && now < deadline).then(|| rfc3339(deadline)),
    }))
}

/// The columns [`comment_json`] reads, for `FROM comments c JOIN people p ON p.id = c.author_id`.
pub const COMMENT_COLUMNS: &str =
    "c.id, c.idea_id, c.body, c.hidden, c.created_at, p.id, p.name, p.team, p.avatar_url";

/// The Board object.
pub fn board_json(board: &Board, limits: &Limits, viewer: &Viewer) -> Value {
    let name = |n: &crate::config::I18nName| json!({ "es": n.es, "en": n.en });
    let categories: Vec<Value> = board
        .categories
        .iter()
        .map(|c| json!({ "id": c.id, "name": name(&c.name) }))
        .collect();
    json!({
        "id": board.id,
        "name": name(&board.name),
        "anonymous": board.anonymous,
        "premoderation": board.premoderation,
        "edit_window_minutes": board.edit_window_minutes,
        "categories": categories,
        "statuses": STATUSES,
        "limits": {
            "title_max": limits.idea_title_max,
            "body_max": limits.idea_body_max,
            "comment_max": limits.comment_max,
            "status_note_max": limits.status_note_max,
        },
        "moderator": viewer.moderator,
    })
}
