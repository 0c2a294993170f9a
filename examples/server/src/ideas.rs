//! Idea boards under `/api/v1`, as specified in `IDEAS_API.md`: boards, ideas, votes, status
//! changes (this file) and comments (`ideas/comments.rs`).
//!
//! Every rule is enforced here, not in the widget: who sees what (`view`), what a body may
//! contain (`input`), who may change what (the handlers), one vote per person (the `votes`
//! primary key). Writes run through `api::idempotent_write`: one IMMEDIATE transaction that
//! also replays a repeated `Idempotency-Key`.

mod comments;
mod input;
mod listing;
pub mod store;
mod view;
mod web;

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use axum::routing::{delete, get, post, put};
use axum::{Extension, Router};
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Value};

use crate::api::{idempotent_write, JsonObject};
use crate::auth::AuthCtx;
use crate::cache;
use crate::config::Board;
use crate::db::now_unix;
use crate::problem::Problem;
use crate::AppState;

use view::Viewer;
use web::{edit_window_closed, idea_not_found, moderator_only, not_author, Query};

/// The idea routes, to be nested under `/api/v1` behind the API guard.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/boards/{board}", get(get_board))
        .route("/boards/{board}/ideas", get(list_ideas).post(create_idea))
        .route(
            "/ideas/{id}",
            get(get_idea).patch(update_idea).delete(delete_idea),
        )
        .route("/ideas/{id}/vote", put(vote).delete(unvote))
        .route("/ideas/{id}/status", post(change_status))
        .route(
            "/ideas/{id}/comments",
            get(comments::list).post(comments::create),
        )
        .route(
            "/ideas/{id}/comments/{comment_id}",
            delete(comments::delete),
        )
}

fn viewer(st: &AppState, auth: &AuthCtx) -> Viewer {
    Viewer {
        id: auth.person_id.clone(),
        moderator: st.config.is_moderator(&auth.person_id),
    }
}

/// A configured board, or 404 `board_not_found`.
fn find_board(st: &AppState, id: &str) -> Result<Board, Problem> {
    st.config
        .boards
        .iter()
        .find(|b| b.id == id)
        .cloned()
        .ok_or_else(web::board_not_found)
}

/// An idea id from the path; anything but a positive integer names no idea.
fn idea_id(segment: &str) -> Result<i64, Problem> {
    input::parse_id(segment).ok_or_else(idea_not_found)
}

/// `GET /boards/{board}` (`boards.get`)
pub async fn get_board(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(board): Path<String>,
) -> Result<Response, Problem> {
    let board = find_board(&st, &board)?;
    let body = view::board_json(&board, &st.config.limits, &viewer(&st, &auth));
    Ok(web::json(StatusCode::OK, &body))
}

/// `GET /boards/{board}/ideas` (`ideas.list`, and `ideas.similar` with `similar=`): a page of
/// ideas with a weak ETag, so an unchanged board costs a 304.
pub async fn list_ideas(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(board): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let board = find_board(&st, &board)?;
    let query = listing::parse_list_query(&Query::parse(raw.as_deref()), &board)?;
    let viewer = viewer(&st, &auth);
    let key = cache::key(&viewer.id, &format!("ideas/{}", board.id), raw.as_deref());
    let now = now_unix();
    web::cached_page(&st, &headers, key, now, move |conn| {
        // One read snapshot, so that the total, the page and the ideas agree.
        let c = &conn.unchecked_transaction()?;
        let page = match &query.similar {
            Some(words) => listing::similar(c, &board.id, &viewer, words, query.limit)?,
            None => listing::list(c, &board.id, &viewer, &query)?,
        };
        let data = page
            .ids
            .iter()
            .map(|id| view::idea_json(c, &viewer, &board, *id, now))
            .collect::<Result<Vec<_>, _>>()?;
        // An open edit window is shown relative to `now`: such a page holds for this second.
        let timed = data.iter().any(|idea| !idea["editable_until"].is_null());
        let body = json!({ "data": data, "next_cursor": page.next_cursor, "total": page.total });
        Ok((web::json_text(&body), timed))
    })
    .await
}

/// `GET /ideas/{id}` (`ideas.get`): the idea and its status history.
pub async fn get_idea(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id = idea_id(&id)?;
    let viewer = viewer(&st, &auth);
    let config = st.config.clone();
    let body = st
        .db
        .read(move |c| {
            let (_, board) = view::find_idea(c, &config.boards, &viewer, id)?;
            view::idea_with_history_json(c, &viewer, &board, id, now_unix())
        })
        .await?;
    Ok(web::json(StatusCode::OK, &body))
}

/// `POST /boards/{board}/ideas` (`ideas.create`): 201 with the idea and its `Location`.
pub async fn create_idea(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(board): Path<String>,
    headers: HeaderMap,
    body: JsonObject,
) -> Result<Response, Problem> {
    let board = find_board(&st, &board)?;
    let idea = input::new_idea(&body.fields, &board, &st.config.limits)?;
    let viewer = viewer(&st, &auth);
    let path = format!("/api/v1/boards/{}/ideas", board.id);
    let w = web::write_req(&viewer.id, &headers, Method::POST, path, Some(body.hash))?;
    let res = idempotent_write(&st, w, move |tx, person| {
        let now = now_unix();
        let id = store::insert_idea(
            tx,
            &store::NewIdea {
                board: &board.id,
                author: person,
                title: &idea.title,
                body: &idea.body,
                category: idea.category.as_deref(),
                anonymous: idea.anonymous,
                // On a pre-moderated board, even a moderator's idea waits for an approval.
                approved: !board.premoderation,
                created_at: now,
            },
        )?;
        let created = view::idea_json(tx, &viewer, &board, id, now)?;
        Ok((StatusCode::CREATED, created))
    })
    .await?;
    Ok(web::with_location(res, "/api/v1/ideas/").await)
}

/// `PATCH /ideas/{id}` (`ideas.update`): the author edits title, body and category while the
/// board's edit window is open; moderators set `hidden` and `approved`.
pub async fn update_idea(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: JsonObject,
) -> Result<Response, Problem> {
    let id = idea_id(&id)?;
    let viewer = viewer(&st, &auth);
    let config = st.config.clone();
    let path = format!("/api/v1/ideas/{id}");
    let w = web::write_req(&viewer.id, &headers, Method::PATCH, path, Some(body.hash))?;
    let fields = body.fields;
    idempotent_write(&st, w, move |tx, _| {
        let now = now_unix();
        let (idea, board) = view::find_idea(tx, &config.boards, &viewer, id)?;
        let (edits_content, moderates) = input::patch_kinds(&fields);
        if moderates && !viewer.moderator {
            return Err(moderator_only());
        }
        if edits_content && idea.author != viewer.id {
            return Err(not_author());
        }
        if edits_content && !idea.editable_by(&viewer, &board, now) {
            return Err(edit_window_closed());
        }
        let patch = input::idea_patch(&fields, &board, &config.limits)?;
        if !patch.is_empty() {
            store::apply_patch(tx, id, &patch, now)?;
        }
        Ok((
            StatusCode::OK,
            view::idea_json(tx, &viewer, &board, id, now)?,
        ))
    })
    .await
}

/// `DELETE /ideas/{id}` (`ideas.delete`): the author deletes within the edit window; otherwise
/// a moderator hides.
pub async fn delete_idea(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let id = idea_id(&id)?;
    let viewer = viewer(&st, &auth);
    let config = st.config.clone();
    let path = format!("/api/v1/ideas/{id}");
    let w = web::write_req(&viewer.id, &headers, Method::DELETE, path, None)?;
    let res = idempotent_write(&st, w, move |tx, _| {
        let now = now_unix();
        let (idea, board) = view::find_idea(tx, &config.boards, &viewer, id)?;
        if idea.editable_by(&viewer, &board, now) {
            tx.execute(
                "UPDATE ideas SET deleted_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
        } else if viewer.moderator {
            tx.execute(
                "UPDATE ideas SET hidden = 1, updated_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
        } else if idea.author == viewer.id {
            return Err(edit_window_closed());
        } else {
            return Err(not_author());
        }
        Ok((StatusCode::NO_CONTENT, Value::Null))
    })
    .await?;
    Ok(web::no_content_if_204(res))
}

/// `PUT /ideas/{id}/vote` (`ideas.vote`)
pub async fn vote(
    st: State<AppState>,
    auth: Extension<AuthCtx>,
    id: Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    set_vote(st, auth, id, headers, true).await
}

/// `DELETE /ideas/{id}/vote` (`ideas.unvote`)
pub async fn unvote(
    st: State<AppState>,
    auth: Extension<AuthCtx>,
    id: Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    set_vote(st, auth, id, headers, false).await
}

/// Both vote operations are idempotent: the vote row exists or not, and the answer is the
/// exact count after the change. The `votes` primary key makes a second vote a no-op even
/// when requests race.
async fn set_vote(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
    headers: HeaderMap,
    voted: bool,
) -> Result<Response, Problem> {
    let id = idea_id(&id)?;
    let viewer = viewer(&st, &auth);
    let config = st.config.clone();
    let method = if voted { Method::PUT } else { Method::DELETE };
    let path = format!("/api/v1/ideas/{id}/vote");
    let w = web::write_req(&viewer.id, &headers, method, path, None)?;
    idempotent_write(&st, w, move |tx, person| {
        view::find_idea(tx, &config.boards, &viewer, id)?;
        let changed = if voted {
            tx.execute(
                "INSERT OR IGNORE INTO votes (idea_id, person_id, created_at) VALUES (?1, ?2, ?3)",
                params![id, person, now_unix()],
            )?
        } else {
            tx.execute(
                "DELETE FROM votes WHERE idea_id = ?1 AND person_id = ?2",
                params![id, person],
            )?
        };
        let votes: i64 = if changed > 0 {
            store::refresh_vote_totals(tx, id)?
        } else {
            tx.query_row("SELECT vote_count FROM ideas WHERE id = ?1", [id], |r| {
                r.get(0)
            })?
        };
        Ok((
            StatusCode::OK,
            json!({ "id": id, "votes": votes, "voted": voted }),
        ))
    })
    .await
}

/// `POST /ideas/{id}/status` (`ideas.status`, moderators): a new status with an optional public
/// note, recorded in the history; `duplicate` names the original.
pub async fn change_status(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: JsonObject,
) -> Result<Response, Problem> {
    let id = idea_id(&id)?;
    let viewer = viewer(&st, &auth);
    let config = st.config.clone();
    let path = format!("/api/v1/ideas/{id}/status");
    let w = web::write_req(&viewer.id, &headers, Method::POST, path, Some(body.hash))?;
    let fields = body.fields;
    idempotent_write(&st, w, move |tx, person| {
        let now = now_unix();
        let (idea, board) = view::find_idea(tx, &config.boards, &viewer, id)?;
        if !viewer.moderator {
            return Err(moderator_only());
        }
        let change = input::status_change(&fields, &config.limits)?;
        if let Some(original) = change.duplicate_of {
            let same_board: Option<i64> = tx
                .query_row(
                    "SELECT id FROM ideas WHERE id = ?1 AND board = ?2 AND deleted_at IS NULL",
                    params![original, idea.board],
                    |r| r.get(0),
                )
                .optional()?;
            if original == id || same_board.is_none() {
                return Err(Problem::validation(vec![input::duplicate_of_unknown()]));
            }
        }
        tx.execute(
            "UPDATE ideas SET status = ?2, status_note = ?3, duplicate_of = ?4, updated_at = ?5
             WHERE id = ?1",
            params![id, change.status, change.note, change.duplicate_of, now],
        )?;
        store::add_history(tx, id, &change.status, change.note.as_deref(), person, now)?;
        let answer = view::idea_with_history_json(tx, &viewer, &board, id, now)?;
        Ok((StatusCode::OK, answer))
    })
    .await
}
