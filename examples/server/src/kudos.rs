//! Kudos under `/api/v1`, as specified in `KUDOS_API.md`: a wall of public thanks per board,
//! with company values, reactions, a giving budget and leaderboards.
//!
//! Every rule is enforced here, not in the widget: who sees what (`view`), what a body may
//! contain (`input`), who may delete (the handlers), one reaction of each kind per person (the
//! `kudos_reactions` primary key), and the budget, which is checked and spent in the same
//! write transaction. Writes run through `api::idempotent_write`: one IMMEDIATE transaction on
//! the single writer connection that also replays a repeated `Idempotency-Key`, so two racing
//! sends are serialized and a retried send is not spent twice.

mod input;
mod leaderboard;
mod listing;
pub mod period;
pub mod store;
mod view;
mod web;

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use axum::routing::{delete, get, post, put};
use axum::{Extension, Router};
use rusqlite::params;
use serde_json::{json, Value};

use crate::api::{idempotent_write, JsonObject};
use crate::auth::AuthCtx;
use crate::cache;
use crate::config::KudosBoard;
use crate::db::{now_unix, rfc3339};
use crate::problem::Problem;
use crate::AppState;

use view::Viewer;
use web::{delete_window_closed, kudos_not_found, not_giver, Query};

/// The kudos routes, to be nested under `/api/v1` behind the API guard.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/kudos", get(list_kudos).post(create_kudos))
        .route("/kudos/values", get(values))
        .route("/kudos/budget", get(budget))
        .route("/kudos/leaderboard", get(get_leaderboard))
        .route("/kudos/leaderboard/opt-out", put(opt_out))
        .route("/kudos/{id}", delete(delete_kudos))
        .route("/kudos/{id}/reactions", post(react).delete(unreact))
}

fn viewer(st: &AppState, auth: &AuthCtx) -> Viewer {
    Viewer {
        id: auth.person_id.clone(),
        moderator: st.config.is_moderator(&auth.person_id),
    }
}

/// The `board` query parameter: 422 `board_required` if missing, 404 `board_not_found` if not
/// configured.
fn board_param(st: &AppState, q: &Query) -> Result<KudosBoard, Problem> {
    let id = q
        .get("board")
        .ok_or_else(|| Problem::validation(vec![input::board_required()]))?;
    input::find_board(&st.config, id).cloned()
}

/// A kudos id from the path; anything but a positive integer names no kudos.
fn kudos_id(segment: &str) -> Result<i64, Problem> {
    input::parse_id(segment).ok_or_else(kudos_not_found)
}

/// `GET /kudos/values?board=B` (`kudos.values`): the values, the board's rules and the
/// reactions, everything the widget needs before showing the composer.
pub async fn values(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    let board = board_param(&st, &Query::parse(raw.as_deref()))?;
    let config = &st.config;
    let data: Vec<Value> = config.kudos.values.iter().map(view::value_json).collect();
    let body = json!({
        "data": data,
        "board": view::board_json(&board, config, &viewer(&st, &auth)),
        "reactions": config.kudos.reactions,
    });
    Ok(web::json(StatusCode::OK, &body))
}

/// `GET /kudos?board=B&value=&team=&person=&role=&cursor=&limit=` (`kudos.list`): a page of the
/// wall, newest first, with a weak ETag so an unchanged wall costs a 304.
pub async fn list_kudos(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let q = Query::parse(raw.as_deref());
    let board = board_param(&st, &q)?;
    let query = listing::parse_list_query(&q, &st.config.kudos)?;
    let viewer = viewer(&st, &auth);
    let key = cache::key(&viewer.id, "kudos", raw.as_deref());
    let now = now_unix();
    let config = st.config.clone();
    web::cached_page(&st, &headers, key, now, move |conn| {
        // One read snapshot, so that the total, the page and the kudos agree.
        let c = &conn.unchecked_transaction()?;
        let page = listing::list(c, &board, &viewer, &query)?;
        let data = view::kudos_page_json(c, &config, &viewer, &page.ids, now)?;
        // An open delete window is shown relative to `now`: such a page holds for this second.
        let timed = data.iter().any(|k| !k["deletable_until"].is_null());
        let body = json!({ "data": data, "next_cursor": page.next_cursor, "total": page.total });
        Ok((web::json_text(&body), timed))
    })
    .await
}

async fn person_exists(st: &AppState, id: Option<&str>) -> Result<bool, Problem> {
    let Some(id) = id.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()) else {
        return Ok(false);
    };
    st.db
        .read(move |c| {
            Ok(
                c.prepare_cached("SELECT 1 FROM people WHERE id = ?1 AND id NOT LIKE '~%'")?
                    .exists([id])?,
            )
        })
        .await
}

/// `POST /kudos` (`kudos.create`): 201 with the kudos and its `Location`, or 409
/// `budget_exhausted` when the giver has no kudos left in this period.
pub async fn create_kudos(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    headers: HeaderMap,
    body: JsonObject,
) -> Result<Response, Problem> {
    let viewer = viewer(&st, &auth);
    let to_exists = person_exists(&st, body.fields.get("to").and_then(Value::as_str)).await?;
    let kudos = input::new_kudos(&body.fields, &st.config, &viewer.id, to_exists)?;
    // The period is that of the request's arrival, so the check and the 409's `resets_at`
    // agree even if the write waits for the lock across a period boundary.
    let now = now_unix();
    let budget = st.config.kudos.budget.clone();
    let (period_start, resets_at) = period::bounds(budget.period, now);
    let config = st.config.clone();
    let w = web::write_req(
        &viewer.id,
        &headers,
        Method::POST,
        "/api/v1/kudos".into(),
        Some(body.hash),
    )?;
    let written = idempotent_write(&st, w, move |tx, person| {
        // Checked and spent in this IMMEDIATE transaction: nobody else writes in between.
        if store::given_since(tx, person, period_start)? >= i64::from(budget.count) {
            return Err(web::budget_exhausted(budget.count, budget.period.name()));
        }
        let id = store::insert_kudos(
            tx,
            &store::NewKudos {
                board: &kudos.board.id,
                from: person,
                to: &kudos.to,
                message: &kudos.message,
                values: &kudos.values,
                created_at: now,
            },
        )?;
        let created = view::kudos_json(tx, &config, &viewer, id, now)?;
        Ok((StatusCode::CREATED, created))
    })
    .await;
    match written {
        Ok(res) => Ok(web::with_location(res, "/api/v1/kudos/").await),
        Err(p) if p.code == web::BUDGET_EXHAUSTED => {
            Ok(web::budget_exhausted_response(p, resets_at))
        }
        Err(p) => Err(p),
    }
}

/// `DELETE /kudos/{id}` (`kudos.delete`): the giver deletes within the delete window (the
/// budget unit comes back); a moderator hides at any time.
pub async fn delete_kudos(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let id = kudos_id(&id)?;
    let viewer = viewer(&st, &auth);
    let config = st.config.clone();
    let path = format!("/api/v1/kudos/{id}");
    let w = web::write_req(&viewer.id, &headers, Method::DELETE, path, None)?;
    let res = idempotent_write(&st, w, move |tx, _| {
        let (kudos, _) = view::find_kudos(tx, &config, &viewer, id)?;
        let giver = kudos.from == viewer.id;
        if giver && now_unix() < view::delete_deadline(kudos.created_at, &config) {
            // Values and reactions go with it (ON DELETE CASCADE).
            tx.execute("DELETE FROM kudos WHERE id = ?1", [id])?;
        } else if viewer.moderator {
            tx.execute("UPDATE kudos SET hidden = 1 WHERE id = ?1", [id])?;
        } else if giver {
            return Err(delete_window_closed());
        } else {
            return Err(not_giver());
        }
        Ok((StatusCode::NO_CONTENT, Value::Null))
    })
    .await?;
    Ok(web::no_content_if_204(res))
}

/// `POST /kudos/{id}/reactions` `{ emoji }` (`kudos.react`)
pub async fn react(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: JsonObject,
) -> Result<Response, Problem> {
    let id = kudos_id(&id)?;
    let emoji = input::react_body(&body.fields, &st.config)?;
    let path = format!("/api/v1/kudos/{id}/reactions");
    let w = web::write_req(
        &auth.person_id,
        &headers,
        Method::POST,
        path,
        Some(body.hash),
    )?;
    set_reaction(st, auth, id, emoji, w, true).await
}

/// `DELETE /kudos/{id}/reactions?emoji=E` (`kudos.unreact`)
pub async fn unreact(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let id = kudos_id(&id)?;
    let sent = Query::parse(raw.as_deref())
        .get("emoji")
        .map(|e| Value::String(e.to_owned()));
    let emoji = input::reaction(sent.as_ref(), &st.config)?;
    // The emoji is part of what this request does: a key reused for another emoji is refused.
    let path = format!("/api/v1/kudos/{id}/reactions?emoji={emoji}");
    let w = web::write_req(&auth.person_id, &headers, Method::DELETE, path, None)?;
    set_reaction(st, auth, id, emoji, w, false).await
}

/// Both reaction operations are idempotent: the reaction row exists or not (the primary key
/// makes a second one a no-op, even when requests race), and the answer is every reaction's
/// count after the change.
async fn set_reaction(
    st: AppState,
    auth: AuthCtx,
    id: i64,
    emoji: String,
    w: crate::api::WriteReq,
    reacted: bool,
) -> Result<Response, Problem> {
    let viewer = viewer(&st, &auth);
    let config = st.config.clone();
    idempotent_write(&st, w, move |tx, person| {
        view::find_kudos(tx, &config, &viewer, id)?;
        if reacted {
            store::add_reaction(tx, id, person, &emoji, now_unix())?;
        } else {
            store::remove_reaction(tx, id, person, &emoji)?;
        }
        let reactions = view::reactions_json(tx, &config, &viewer, id)?;
        Ok((StatusCode::OK, json!({ "id": id, "reactions": reactions })))
    })
    .await
}

/// `GET /kudos/budget` (`kudos.budget`): how many kudos the caller may still give in this
/// period, across all boards.
pub async fn budget(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
) -> Result<Response, Problem> {
    let budget = st.config.kudos.budget.clone();
    let now = now_unix();
    let (start, resets_at) = period::bounds(budget.period, now);
    let person = auth.person_id.clone();
    let used = st
        .db
        .read(move |c| Ok(store::given_since(c, &person, start)?))
        .await?;
    let count = i64::from(budget.count);
    let body = json!({
        "count": count,
        "used": used,
        // A lowered budget can leave someone above it: nothing is left, not a negative.
        "remaining": (count - used).max(0),
        "period": budget.period.name(),
        "resets_at": rfc3339(resets_at),
    });
    Ok(web::json(StatusCode::OK, &body))
}

/// `GET /kudos/leaderboard?board=B&period=&kind=&around=me` (`kudos.leaderboard`)
pub async fn get_leaderboard(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    let q = Query::parse(raw.as_deref());
    let board = board_param(&st, &q)?;
    if !board.leaderboard {
        return Err(web::leaderboard_disabled());
    }
    let query = leaderboard::parse_query(&q)?;
    let viewer = viewer(&st, &auth);
    let body = st
        .db
        .read(move |conn| {
            let c = &conn.unchecked_transaction()?;
            leaderboard::leaderboard(c, &board, &viewer, &query, now_unix())
        })
        .await?;
    Ok(web::json(StatusCode::OK, &body))
}

/// `PUT /kudos/leaderboard/opt-out` `{ opt_out }` (`kudos.leaderboard_opt_out`): leave (or
/// rejoin) every leaderboard. Kudos still count; the person is just not shown or ranked.
pub async fn opt_out(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    headers: HeaderMap,
    body: JsonObject,
) -> Result<Response, Problem> {
    let opt_out = input::opt_out(&body.fields)?;
    let w = web::write_req(
        &auth.person_id,
        &headers,
        Method::PUT,
        "/api/v1/kudos/leaderboard/opt-out".into(),
        Some(body.hash),
    )?;
    idempotent_write(&st, w, move |tx, person| {
        let updated = tx.execute(
            "UPDATE people SET leaderboard_opt_out = ?2 WHERE id = ?1",
            params![person, opt_out],
        )?;
        if updated == 0 {
            // Every signed-in person has a people row; without one there is nobody to update.
            return Err(Problem::unauthorized());
        }
        Ok((StatusCode::OK, json!({ "opt_out": opt_out })))
    })
    .await
}
