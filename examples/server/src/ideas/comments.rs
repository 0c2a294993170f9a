//! Comments on an idea: `comments.list` (newest first, keyset cursor), `comments.create` and
//! `comments.delete`. A comment is visible to whoever sees its idea, unless a moderator hid it.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use axum::Extension;
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Value};

use crate::api::{idempotent_write, JsonObject};
use crate::auth::AuthCtx;
use crate::db::now_unix;
use crate::problem::{FieldError, Problem};
use crate::AppState;

use super::listing::{opaque, unwrap_opaque, MAX_LIMIT};
use super::view::{self, edit_deadline, COMMENT_COLUMNS};
use super::web::{self, comment_not_found, edit_window_closed, not_author, Query};
use super::{idea_id, input, viewer};

const DEFAULT_LIMIT: i64 = 10;

/// The position after a comment in newest-first order: its `(created_at, id)`.
fn encode_cursor(created_at: i64, id: i64) -> String {
    opaque(&format!("comments:{created_at}:{id}"))
}

fn decode_cursor(s: &str) -> Option<(i64, i64)> {
    let text = unwrap_opaque(s)?;
    let mut parts = text.strip_prefix("comments:")?.split(':');
    let key = (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    parts.next().is_none().then_some(key)
}

/// `GET /ideas/{id}/comments?cursor=&limit=`
pub async fn list(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    let id = idea_id(&id)?;
    let q = Query::parse(raw.as_deref());
    let mut errors = vec![];
    let limit = match q.get("limit").map(str::parse::<i64>) {
        None => DEFAULT_LIMIT,
        Some(Ok(n)) if n >= 1 => n.min(MAX_LIMIT),
        Some(_) => {
            errors.push(FieldError::new(
                "limit",
                "limit_invalid",
                "limit must be a positive integer.",
            ));
            DEFAULT_LIMIT
        }
    };
    let cursor = q.get("cursor").and_then(|c| {
        let key = decode_cursor(c);
        if key.is_none() {
            errors.push(FieldError::new(
                "cursor",
                "cursor_invalid",
                "cursor is not a next_cursor of this list; start again without it.",
            ));
        }
        key
    });
    if !errors.is_empty() {
        return Err(Problem::validation(errors));
    }
    let viewer = viewer(&st, &auth);
    let config = st.config.clone();
    let body = st
        .db
        .read(move |conn| {
            // One read snapshot, so that the total and the page agree.
            let c = &conn.unchecked_transaction()?;
            let (_, board) = view::find_idea(c, &config.boards, &viewer, id)?;
            let total: i64 = c
                .prepare_cached(
                    "SELECT COUNT(*) FROM comments c
                     WHERE c.idea_id = ?1 AND c.deleted_at IS NULL AND (?2 OR c.hidden = 0)",
                )?
                .query_row(params![id, viewer.moderator], |r| r.get(0))?;
            // Without a cursor, start above every real key.
            let (after_time, after_id) = cursor.unwrap_or((i64::MAX, i64::MAX));
            let now = now_unix();
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {COMMENT_COLUMNS} FROM comments c JOIN people p ON p.id = c.author_id
                 WHERE c.idea_id = ?1 AND c.deleted_at IS NULL AND (?2 OR c.hidden = 0)
                   AND (c.created_at, c.id) < (?3, ?4)
                 ORDER BY c.created_at DESC, c.id DESC LIMIT ?5"
            ))?;
            let mut rows = stmt
                .query_map(
                    params![id, viewer.moderator, after_time, after_id, limit + 1],
                    |r| {
                        let key = (r.get::<_, i64>(4)?, r.get::<_, i64>(0)?);
                        Ok((key, view::comment_json(r, &viewer, &board, now)?))
                    },
                )?
                .collect::<Result<Vec<_>, _>>()?;
            let more = rows.len() as i64 > limit;
            rows.truncate(limit as usize);
            let next_cursor = match rows.last() {
                Some(((time, id), _)) if more => Some(encode_cursor(*time, *id)),
                _ => None,
            };
            let data: Vec<Value> = rows.into_iter().map(|(_, v)| v).collect();
            Ok(json!({ "data": data, "next_cursor": next_cursor, "total": total }))
        })
        .await?;
    Ok(web::json(StatusCode::OK, &body))
}

/// `POST /ideas/{id}/comments` → 201 Comment.
pub async fn create(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: JsonObject,
) -> Result<Response, Problem> {
    let id = idea_id(&id)?;
    let viewer = viewer(&st, &auth);
    let config = st.config.clone();
    let path = format!("/api/v1/ideas/{id}/comments");
    let w = web::write_req(&viewer.id, &headers, Method::POST, path, Some(body.hash))?;
    let fields = body.fields;
    idempotent_write(&st, w, move |tx, person| {
        let (_, board) = view::find_idea(tx, &config.boards, &viewer, id)?;
        let text = input::new_comment(&fields, &config.limits)?;
        let now = now_unix();
        tx.execute(
            "INSERT INTO comments (idea_id, author_id, body, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, person, text, now],
        )?;
        let comment_id = tx.last_insert_rowid();
        let comment = tx
            .prepare_cached(&format!(
                "SELECT {COMMENT_COLUMNS} FROM comments c JOIN people p ON p.id = c.author_id
                 WHERE c.id = ?1"
            ))?
            .query_row([comment_id], |r| {
                view::comment_json(r, &viewer, &board, now)
            })?;
        Ok((StatusCode::CREATED, comment))
    })
    .await
}

/// `DELETE /ideas/{id}/comments/{comment_id}`: the author deletes within the board's edit
/// window; otherwise a moderator hides.
pub async fn delete(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path((id, comment_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let id = idea_id(&id)?;
    let comment_id = input::parse_id(&comment_id).ok_or_else(comment_not_found)?;
    let viewer = viewer(&st, &auth);
    let config = st.config.clone();
    let path = format!("/api/v1/ideas/{id}/comments/{comment_id}");
    let w = web::write_req(&viewer.id, &headers, Method::DELETE, path, None)?;
    let res = idempotent_write(&st, w, move |tx, _| {
        let (_, board) = view::find_idea(tx, &config.boards, &viewer, id)?;
        let comment: Option<(String, i64)> = tx
            .query_row(
                "SELECT author_id, created_at FROM comments
                 WHERE id = ?1 AND idea_id = ?2 AND deleted_at IS NULL AND (?3 OR hidden = 0)",
                params![comment_id, id, viewer.moderator],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((author, created_at)) = comment else {
            return Err(comment_not_found());
        };
        let now = now_unix();
        if author == viewer.id && now < edit_deadline(created_at, &board) {
            tx.execute(
                "UPDATE comments SET deleted_at = ?2 WHERE id = ?1",
                params![comment_id, now],
            )?;
        } else if viewer.moderator {
            tx.execute("UPDATE comments SET hidden = 1 WHERE id = ?1", [comment_id])?;
        } else if author == viewer.id {
            return Err(edit_window_closed());
        } else {
            return Err(not_author());
        }
        Ok((StatusCode::NO_CONTENT, Value::Null))
    })
    .await?;
    Ok(web::no_content_if_204(res))
}
