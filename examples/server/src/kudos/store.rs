//! Writes shared by the handlers and the demo seed: inserting kudos with their values, and
//! the budget count.

use rusqlite::{params, Connection};

/// A new kudos; the caller has validated it (and, for the API, checked the budget).
pub struct NewKudos<'a> {
    pub board: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub message: &'a str,
    /// Value ids, without duplicates.
    pub values: &'a [String],
    /// Unix seconds.
    pub created_at: i64,
}

/// Inserts the kudos and its values; returns its id.
pub fn insert_kudos(conn: &Connection, kudos: &NewKudos<'_>) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO kudos (board, from_id, to_id, message, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        kudos.board,
        kudos.from,
        kudos.to,
        kudos.message,
        kudos.created_at
    ])?;
    let id = conn.last_insert_rowid();
    let mut value = conn.prepare_cached(
        "INSERT OR IGNORE INTO kudos_values (kudos_id, value_id) VALUES (?1, ?2)",
    )?;
    for v in kudos.values {
        value.execute(params![id, v])?;
    }
    Ok(id)
}

/// How many kudos `person` has given since `since` (unix seconds), on every board: the used
/// part of the budget. Hidden kudos count (they were given); deleted ones are gone. Answered by
/// the `kudos_given` index alone.
pub fn given_since(conn: &Connection, person: &str, since: i64) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT COUNT(*) FROM kudos WHERE from_id = ?1 AND created_at >= ?2")?
        .query_row(params![person, since], |r| r.get(0))
}

/// Adds one reaction (a no-op if this person already gave this emoji to this kudos).
pub fn add_reaction(
    conn: &Connection,
    kudos: i64,
    person: &str,
    emoji: &str,
    at: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO kudos_reactions (kudos_id, person_id, emoji, created_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![kudos, person, emoji, at])?;
    Ok(())
}

pub fn remove_reaction(
    conn: &Connection,
    kudos: i64,
    person: &str,
    emoji: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "DELETE FROM kudos_reactions WHERE kudos_id = ?1 AND person_id = ?2 AND emoji = ?3",
    )?
    .execute(params![kudos, person, emoji])?;
    Ok(())
}
