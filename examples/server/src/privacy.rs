//! Personal data (PRIVACY.md): the share retention pass, the export of everything stored about
//! one person, and erasure.
//!
//! Counts must survive both the retention pass and an erasure: vote counts are recomputed from
//! the vote rows, kudos counts and leaderboards count kudos rows, share stats count share rows.
//! So rows that other people's counts need are kept and *re-assigned* to placeholder people,
//! never deleted:
//! - `~anonymous`: every share record past its retention time and every share of an erased
//!   person (share records need no identity at all, so they all share one placeholder);
//! - `~erased-<random>`: one new placeholder per erasure, for what the person wrote, voted and
//!   gave. One per erasure because the tables allow one vote per person and idea, one reaction
//!   of each kind per person and kudos, and no kudos to oneself: two erased people must stay
//!   two placeholders. Nothing stored links a placeholder to the person it replaced.
//!
//! Placeholder ids start with `~`, which no sign-in accepts as a person id.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Extension;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde_json::{json, Value};
use tokio::task::JoinHandle;

use crate::auth::AuthCtx;
use crate::db::{fold, now_rfc3339, now_unix, random_hex, rfc3339, Db};
use crate::http::{json as json_response, Query};
use crate::problem::{FieldError, Problem};
use crate::AppState;

/// The placeholder person of anonymous share records.
pub const ANONYMOUS: &str = "~anonymous";
/// The prefix of the placeholder that replaces one erased person.
pub const ERASED_PREFIX: &str = "~erased-";
/// How often the retention pass runs after the one at start-up.
pub const RETENTION_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Placeholders are not people: they cannot be exported, erased or signed in as.
pub fn is_placeholder(id: &str) -> bool {
    id.starts_with('~')
}

/// Every (table, column) that holds a person id: the columns with a foreign key to `people`,
/// read from the schema (so a table added by a later migration is included), plus
/// `idempotency.person_id`, which has none.
pub fn person_columns(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" = 'people' ORDER BY m.name, f.\"from\"",
    )?;
    let mut columns = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<(String, String)>, _>>()?;
    columns.push(("idempotency".into(), "person_id".into()));
    Ok(columns)
}

/// `(table, column, rows)` for every person column where `person` still appears.
pub fn rows_referencing(
    conn: &Connection,
    person: &str,
) -> rusqlite::Result<Vec<(String, String, i64)>> {
    let mut found = vec![];
    for (table, column) in person_columns(conn)? {
        // Names come from the schema itself, not from a request.
        let n: i64 = conn.query_row(
            &format!("SELECT COUNT(*) FROM \"{table}\" WHERE \"{column}\" = ?1"),
            [person],
            |r| r.get(0),
        )?;
        if n > 0 {
            found.push((table, column, n));
        }
    }
    Ok(found)
}

fn ensure_anonymous(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO people (id, name, name_folded, leaderboard_opt_out, created_at)
         VALUES (?1, 'Anonymous', 'anonymous', 1, ?2)",
        params![ANONYMOUS, now_rfc3339()],
    )?;
    Ok(())
}

/// Makes share records anonymous: the person becomes [`ANONYMOUS`] and the time the start of
/// its day (UTC), so that the records of one day, link and network are indistinguishable.
/// `filter` selects the rows: an SQL condition on `shares`, with `arg` bound to `?1`.
fn anonymise_shares(conn: &Connection, filter: &str, arg: &str) -> rusqlite::Result<usize> {
    ensure_anonymous(conn)?;
    conn.execute(
        &format!(
            "UPDATE shares SET person_id = '{ANONYMOUS}',
                 created_at = substr(created_at, 1, 10) || 'T00:00:00Z'
             WHERE person_id <> '{ANONYMOUS}' AND {filter}"
        ),
        [arg],
    )
}

// ---------------------------------------------------------------------------------------------
// Retention

/// The retention pass: share records older than `days` (at `now`, unix seconds) lose their
/// person. Returns how many records it changed; `shares.stats` counts stay the same.
pub fn apply_share_retention(conn: &Connection, days: u32, now: i64) -> rusqlite::Result<usize> {
    let cutoff = rfc3339(now - i64::from(days) * 86_400);
    let due: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM shares WHERE created_at < ?1 AND person_id <> ?2)",
        params![cutoff, ANONYMOUS],
        |r| r.get(0),
    )?;
    if !due {
        return Ok(0);
    }
    anonymise_shares(conn, "created_at < ?1", &cutoff)
}

fn log_retention(changed: usize, days: u32) {
    if changed > 0 {
        eprintln!(
            "eslabon-server: share retention: {changed} share records older than {days} days \
             made anonymous"
        );
    }
}

/// Runs the retention pass now (before the server accepts requests).
pub fn retention_at_start(db: &Db, days: u32) -> Result<(), String> {
    let changed = db
        .with_writer(|c| apply_share_retention(c, days, now_unix()))
        .map_err(|e| format!("share retention failed: {e}"))?;
    log_retention(changed, days);
    Ok(())
}

/// Runs the retention pass every [`RETENTION_EVERY`], for as long as the runtime lives.
pub fn spawn_retention(db: Db, days: u32) -> JoinHandle<()> {
    tokio::spawn(async move {
        let start = tokio::time::Instant::now() + RETENTION_EVERY;
        let mut every = tokio::time::interval_at(start, RETENTION_EVERY);
        loop {
            every.tick().await;
            let pass = db
                .write_unlisted(move |c| Ok(apply_share_retention(c, days, now_unix())?))
                .await;
            // A failed pass (logged by `Problem::from`) is retried at the next tick.
            if let Ok(changed) = pass {
                log_retention(changed, days);
            }
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Export

fn rows(
    conn: &Connection,
    sql: &str,
    person: &str,
    row: impl Fn(&rusqlite::Row) -> rusqlite::Result<Value>,
) -> rusqlite::Result<Vec<Value>> {
    let mut stmt = conn.prepare(sql)?;
    let out = stmt
        .query_map([person], |r| row(r))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(out)
}

fn time(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Value> {
    Ok(match r.get::<_, Option<i64>>(i)? {
        Some(t) => json!(rfc3339(t)),
        None => Value::Null,
    })
}

/// Everything stored about `person`, or `None` if there is no such person. Other people
/// appear only by id, where the row is about both (a kudos: its giver and receiver).
pub fn export(conn: &Connection, person: &str) -> rusqlite::Result<Option<Value>> {
    if is_placeholder(person) {
        return Ok(None);
    }
    let profile = conn
        .query_row(
            "SELECT id, name, email, team, avatar_url, locale, leaderboard_opt_out, created_at
             FROM people WHERE id = ?1",
            [person],
            |r| {
                Ok(json!({
                    "id": r.get::<_, String>(0)?,
                    "name": r.get::<_, String>(1)?,
                    "email": r.get::<_, String>(2)?,
                    "team": r.get::<_, String>(3)?,
                    "avatar_url": r.get::<_, Option<String>>(4)?,
                    "locale": r.get::<_, String>(5)?,
                    "leaderboard_opt_out": r.get::<_, bool>(6)?,
                    "created_at": r.get::<_, String>(7)?,
                }))
            },
        )
        .optional()?;
    let Some(profile) = profile else {
        return Ok(None);
    };
    let sessions = rows(
        conn,
        "SELECT created_at FROM sessions WHERE person_id = ?1 ORDER BY created_at",
        person,
        |r| Ok(json!({ "created_at": time(r, 0)? })),
    )?;
    let shares = rows(
        conn,
        "SELECT id, url, network, campaign, created_at FROM shares WHERE person_id = ?1 ORDER BY id",
        person,
        |r| {
            Ok(json!({
                "id": r.get::<_, i64>(0)?, "url": r.get::<_, String>(1)?,
                "network": r.get::<_, String>(2)?, "campaign": r.get::<_, Option<String>>(3)?,
                "created_at": r.get::<_, String>(4)?,
            }))
        },
    )?;
    let ideas = rows(
        conn,
        "SELECT id, board, title, body, category, status, anonymous, approved, hidden,
                vote_count, created_at, updated_at, deleted_at
         FROM ideas WHERE author_id = ?1 ORDER BY id",
        person,
        |r| {
            Ok(json!({
                "id": r.get::<_, i64>(0)?, "board": r.get::<_, String>(1)?,
                "title": r.get::<_, String>(2)?, "body": r.get::<_, String>(3)?,
                "category": r.get::<_, Option<String>>(4)?, "status": r.get::<_, String>(5)?,
                "anonymous": r.get::<_, bool>(6)?, "approved": r.get::<_, bool>(7)?,
                "hidden": r.get::<_, bool>(8)?, "votes": r.get::<_, i64>(9)?,
                "created_at": time(r, 10)?, "updated_at": time(r, 11)?, "deleted_at": time(r, 12)?,
            }))
        },
    )?;
    let votes = rows(
        conn,
        "SELECT idea_id, created_at FROM votes WHERE person_id = ?1 ORDER BY idea_id",
        person,
        |r| Ok(json!({ "idea_id": r.get::<_, i64>(0)?, "created_at": time(r, 1)? })),
    )?;
    let comments = rows(
        conn,
        "SELECT id, idea_id, body, hidden, created_at, deleted_at
         FROM comments WHERE author_id = ?1 ORDER BY id",
        person,
        |r| {
            Ok(json!({
                "id": r.get::<_, i64>(0)?, "idea_id": r.get::<_, i64>(1)?,
                "body": r.get::<_, String>(2)?, "hidden": r.get::<_, bool>(3)?,
                "created_at": time(r, 4)?, "deleted_at": time(r, 5)?,
            }))
        },
    )?;
    let status_changes = rows(
        conn,
        "SELECT idea_id, status, note, created_at FROM idea_status_history
         WHERE by_id = ?1 ORDER BY id",
        person,
        |r| {
            Ok(json!({
                "idea_id": r.get::<_, i64>(0)?, "status": r.get::<_, String>(1)?,
                "note": r.get::<_, Option<String>>(2)?, "created_at": time(r, 3)?,
            }))
        },
    )?;
    // Kudos with their values, given (`from_id`) or received (`to_id`).
    let kudos = |side: &str, other: &str| {
        rows(
            conn,
            &format!(
                "SELECT k.id, k.board, k.{other}, k.message, k.hidden, k.created_at,
                        (SELECT group_concat(value_id, ',') FROM
                           (SELECT value_id FROM kudos_values v WHERE v.kudos_id = k.id
                            ORDER BY value_id))
                 FROM kudos k WHERE k.{side} = ?1 ORDER BY k.id"
            ),
            person,
            |r| {
                let values: Option<String> = r.get(6)?;
                let values: Vec<&str> =
                    values.as_deref().map_or(vec![], |v| v.split(',').collect());
                let other_key = if other == "to_id" { "to" } else { "from" };
                Ok(json!({
                    "id": r.get::<_, i64>(0)?, "board": r.get::<_, String>(1)?,
                    other_key: r.get::<_, String>(2)?, "message": r.get::<_, String>(3)?,
                    "values": values, "hidden": r.get::<_, bool>(4)?, "created_at": time(r, 5)?,
                }))
            },
        )
    };
    let kudos_given = kudos("from_id", "to_id")?;
    let kudos_received = kudos("to_id", "from_id")?;
    let reactions = rows(
        conn,
        "SELECT kudos_id, emoji, created_at FROM kudos_reactions WHERE person_id = ?1
         ORDER BY kudos_id, emoji",
        person,
        |r| {
            Ok(json!({
                "kudos_id": r.get::<_, i64>(0)?, "emoji": r.get::<_, String>(1)?,
                "created_at": time(r, 2)?,
            }))
        },
    )?;
    let quiz_attempts = rows(
        conn,
        "SELECT a.id, a.quiz_id, a.lang, a.extended_time, a.started_at, a.submitted_at,
                a.score, a.percent, a.passed,
                (SELECT json_group_array(json_object(
                            'position', q.position,
                            'question', json_extract(q.question, '$.text.' || a.lang),
                            'answer', json(q.answer),
                            'late', json(CASE q.late WHEN 0 THEN 'false' ELSE 'true' END)))
                 FROM quiz_attempt_questions q WHERE q.attempt_id = a.id)
         FROM quiz_attempts a WHERE a.person_id = ?1 ORDER BY a.started_at, a.id",
        person,
        |r| {
            let answers: String = r.get(9)?;
            Ok(json!({
                "id": r.get::<_, String>(0)?, "quiz": r.get::<_, String>(1)?,
                "lang": r.get::<_, String>(2)?, "extended_time": r.get::<_, bool>(3)?,
                "started_at": time(r, 4)?, "submitted_at": time(r, 5)?,
                "score": r.get::<_, Option<i64>>(6)?, "percent": r.get::<_, Option<i64>>(7)?,
                "passed": r.get::<_, Option<bool>>(8)?,
                "answers": serde_json::from_str::<Value>(&answers).unwrap_or(Value::Null),
            }))
        },
    )?;
    let quiz_certificates = rows(
        conn,
        "SELECT code, quiz_id, percent, passed_at FROM quiz_certificates WHERE person_id = ?1
         ORDER BY passed_at",
        person,
        |r| {
            Ok(json!({
                "code": r.get::<_, String>(0)?, "quiz": r.get::<_, String>(1)?,
                "percent": r.get::<_, i64>(2)?, "passed_at": time(r, 3)?,
            }))
        },
    )?;
    let idempotency_keys = rows(
        conn,
        "SELECT method, path, status, created_at FROM idempotency WHERE person_id = ?1
         ORDER BY created_at",
        person,
        |r| {
            Ok(json!({
                "method": r.get::<_, String>(0)?, "path": r.get::<_, String>(1)?,
                "status": r.get::<_, i64>(2)?, "created_at": r.get::<_, String>(3)?,
            }))
        },
    )?;
    Ok(Some(json!({
        "person": person,
        "exported_at": now_rfc3339(),
        "profile": profile,
        "sessions": sessions,
        "shares": shares,
        "ideas": ideas,
        "votes": votes,
        "comments": comments,
        "status_changes": status_changes,
        "kudos_given": kudos_given,
        "kudos_received": kudos_received,
        "reactions": reactions,
        "quiz_attempts": quiz_attempts,
        "quiz_certificates": quiz_certificates,
        "idempotency_keys": idempotency_keys,
    })))
}

// ---------------------------------------------------------------------------------------------
// Erasure

/// Erases `person` in one transaction (the rules are in PRIVACY.md); `None` if there is no such
/// person. With `keep_sign_in` (the person erases themselves) their sessions stay and their
/// profile is reset to what a first sign-in creates, so they stay signed in as a new, empty
/// person; otherwise the people row and the sessions are deleted too.
pub fn erase(
    conn: &mut Connection,
    person: &str,
    erased_name: &str,
    keep_sign_in: bool,
) -> Result<Option<Value>, Problem> {
    if is_placeholder(person) {
        return Ok(None);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if !tx
        .prepare("SELECT 1 FROM people WHERE id = ?1")?
        .exists([person])?
    {
        return Ok(None);
    }
    // The new placeholder: opted out of leaderboards, so the person's line leaves them while
    // everyone else's counts stay.
    let placeholder = format!("{ERASED_PREFIX}{}", random_hex(8));
    tx.execute(
        "INSERT INTO people (id, name, name_folded, leaderboard_opt_out, created_at)
         VALUES (?1, ?2, ?3, 1, ?4)",
        params![placeholder, erased_name, fold(erased_name), now_rfc3339()],
    )?;
    let reassign = |table: &str, column: &str| -> rusqlite::Result<usize> {
        tx.execute(
            &format!("UPDATE {table} SET {column} = ?2 WHERE {column} = ?1"),
            params![person, placeholder],
        )
    };
    let anonymised = json!({
        "ideas": reassign("ideas", "author_id")?,
        "comments": reassign("comments", "author_id")?,
        "status_changes": reassign("idea_status_history", "by_id")?,
        "votes": reassign("votes", "person_id")?,
        "kudos_given": reassign("kudos", "from_id")?,
        "kudos_received": reassign("kudos", "to_id")?,
        "reactions": reassign("kudos_reactions", "person_id")?,
        "shares": anonymise_shares(&tx, "person_id = ?1", person)?,
    });
    // No count needs these. Certificates first: they point at their attempt.
    let deleted = json!({
        "quiz_certificates": tx.execute("DELETE FROM quiz_certificates WHERE person_id = ?1", [person])?,
        "quiz_attempts": tx.execute("DELETE FROM quiz_attempts WHERE person_id = ?1", [person])?,
        "idempotency_keys": tx.execute("DELETE FROM idempotency WHERE person_id = ?1", [person])?,
        "sessions": if keep_sign_in {
            0
        } else {
            tx.execute("DELETE FROM sessions WHERE person_id = ?1", [person])?
        },
    });
    if keep_sign_in {
        // What `auth::ensure_person` creates on a first sign-in, keeping two preferences: the
        // language, and the leaderboard opt-out (an erasure never puts anyone back on one).
        tx.execute(
            "UPDATE people SET name = id, name_folded = ?2, email = '', team = '',
                 avatar_url = NULL, created_at = ?3
             WHERE id = ?1",
            params![person, fold(person), now_rfc3339()],
        )?;
    }
    // Before the people row goes: its `ON DELETE CASCADE` would silently delete rows of a table
    // this function does not know (a later migration), and with them somebody's counts.
    let left: Vec<String> = rows_referencing(&tx, person)?
        .into_iter()
        .filter(|(table, _, _)| !(keep_sign_in && table == "sessions"))
        .map(|(table, column, n)| format!("{table}.{column} ({n} rows)"))
        .collect();
    if !left.is_empty() {
        eprintln!(
            "eslabon-server: erasure refused: privacy.rs does not handle {}",
            left.join(", ")
        );
        return Err(Problem::internal());
    }
    if !keep_sign_in {
        tx.execute("DELETE FROM people WHERE id = ?1", [person])?;
    }
    tx.commit()?;
    Ok(Some(json!({
        "person": person,
        "signed_in": keep_sign_in,
        "anonymised": anonymised,
        "deleted": deleted,
    })))
}

// ---------------------------------------------------------------------------------------------
// Handlers

fn officer_only() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "privacy_officer_only",
        "Privacy officers only",
        "Only the privacy officers ([privacy] officers in eslabon.toml) may export or erase \
         another person's data.",
    )
}

fn person_not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "person_not_found",
        "Person not found",
        "No person with this id.",
    )
}

/// Erasure cannot be undone, so it needs `?confirm=<the person's id>`.
fn check_confirm(q: Option<&str>, person: &str) -> Result<(), Problem> {
    if Query::parse(q).get("confirm") == Some(person) {
        return Ok(());
    }
    Err(Problem::validation(vec![FieldError::new(
        "confirm",
        "confirm_mismatch",
        "Erasure cannot be undone: send confirm=<the id of the person to erase>.",
    )]))
}

/// A JSON answer the browser saves as a file when the address is opened directly.
fn download(person: &str, value: &Value) -> Response {
    let mut res = json_response(StatusCode::OK, value);
    // Person ids are slugs (letters, digits, `.`, `_`, `-`, `@`): safe inside the quotes.
    let name = format!("attachment; filename=\"eslabon-export-{person}.json\"");
    if let Ok(v) = HeaderValue::from_str(&name) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

async fn export_of(st: &AppState, person: String) -> Result<Option<Value>, Problem> {
    st.db.read(move |c| Ok(export(c, &person)?)).await
}

/// `GET /api/v1/me/export`: everything stored about the signed-in person.
pub async fn export_me(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
) -> Result<Response, Problem> {
    let value = export_of(&st, auth.person_id.clone())
        .await?
        // As `/me`: a session whose person is gone is no sign-in.
        .ok_or_else(Problem::unauthorized)?;
    Ok(download(&auth.person_id, &value))
}

/// `GET /api/v1/people/{id}/export`: privacy officers only.
pub async fn export_person(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    if !st.config.is_privacy_officer(&auth.person_id) {
        return Err(officer_only());
    }
    let value = export_of(&st, id.clone())
        .await?
        .ok_or_else(person_not_found)?;
    Ok(download(&id, &value))
}

async fn erase_with(
    st: &AppState,
    person: String,
    keep_sign_in: bool,
) -> Result<Option<Value>, Problem> {
    let name = st.config.privacy.erased_name.clone();
    // `write` also drops every cached list page: authors' names change.
    st.db
        .write(move |c| erase(c, &person, &name, keep_sign_in))
        .await
}

/// `DELETE /api/v1/me?confirm=<id>`: the signed-in person erases their data and stays signed
/// in as a new, empty person.
pub async fn erase_me(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    RawQuery(q): RawQuery,
) -> Result<Response, Problem> {
    check_confirm(q.as_deref(), &auth.person_id)?;
    let summary = erase_with(&st, auth.person_id, true)
        .await?
        .ok_or_else(Problem::unauthorized)?;
    Ok(json_response(StatusCode::OK, &summary))
}

/// `DELETE /api/v1/people/{id}?confirm=<id>`: privacy officers only; the person is removed
/// (signed out everywhere). An officer erasing themselves is `DELETE /me`.
pub async fn erase_person(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, Problem> {
    if !st.config.is_privacy_officer(&auth.person_id) {
        return Err(officer_only());
    }
    check_confirm(q.as_deref(), &id)?;
    let keep_sign_in = id == auth.person_id;
    let summary = erase_with(&st, id.clone(), keep_sign_in)
        .await?
        .ok_or_else(person_not_found)?;
    if !keep_sign_in {
        // Their cookies must stop working now, not at the next restart.
        st.auth_cache.forget_person(&id);
    }
    Ok(json_response(StatusCode::OK, &summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_person_column_is_known() {
        let db = Db::open(":memory:").unwrap();
        let columns = db.with_writer(|c| person_columns(c)).unwrap();
        let names: Vec<String> = columns.iter().map(|(t, c)| format!("{t}.{c}")).collect();
        // A new table with a person column must be handled by `export` and `erase`; this list
        // changing is the reminder.
        assert_eq!(
            names,
            [
                "comments.author_id",
                "idea_status_history.by_id",
                "ideas.author_id",
                "kudos.from_id",
                "kudos.to_id",
                "kudos_reactions.person_id",
                "quiz_attempts.person_id",
                "quiz_certificates.person_id",
                "sessions.person_id",
                "shares.person_id",
                "votes.person_id",
                "idempotency.person_id",
            ]
        );
    }
}
