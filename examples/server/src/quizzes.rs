//! Quizzes under `/api/v1`, as specified in `QUIZ_API.md`: short trainings on the company's
//! guidelines, with a certificate for those who pass.
//!
//! The page never holds the answer key before submitting. The server draws the questions of
//! each attempt, shuffles them and their options, gives them ids valid for that attempt only
//! (`attempt`), opens them one at a time with deadlines, checks every answer and scores the
//! attempt; correct options and feedback appear only in the result (`view`).
//!
//! Quizzes are JSON files (`file`), imported into the database at start-up and by
//! `--import-quiz` (`db::import_quizzes`, `import_file`). Writes run through
//! `api::idempotent_write`: one IMMEDIATE transaction on the single writer connection, so two
//! racing starts cannot open two attempts and a retried submit is not scored twice.
//!
//! `[[shares.gates]]` in `eslabon.toml` ties a share campaign to a quiz: `shares.record` asks
//! [`has_passed`] and answers 403 `quiz_required` until the person holds its certificate.

mod attempt;
pub mod file;
mod input;
mod random;
pub mod store;
mod view;
pub mod web;

use std::path::Path as FilePath;

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Extension, Router};
use rusqlite::Connection;
use serde_json::{json, Value};

use crate::api::{idempotent_write, JsonObject};
use crate::auth::AuthCtx;
use crate::db::{now_unix, rfc3339};
use crate::problem::Problem;
use crate::AppState;

use attempt::Attempt;
use file::{Lang, QuizFile};
use web::{attempt_not_found, quiz_not_found, Query};

pub use store::has_passed;
pub use web::{quiz_required, quiz_required_response, QUIZ_REQUIRED};

/// The quiz routes, to be nested under `/api/v1` behind the API guard.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/quizzes/{id}", get(get_quiz))
        .route("/quizzes/{id}/attempts", post(start))
        .route(
            "/quizzes/{id}/attempts/{attempt}/answers/{question}",
            put(answer),
        )
        .route("/quizzes/{id}/attempts/{attempt}/submit", post(submit))
        .route("/quizzes/{id}/certificate", get(certificate))
}

/// Validates the quiz file at `path` and imports it (a new quiz, or the new version of the
/// quiz with its id; attempts and certificates stay). `Err` holds every reason.
pub fn import_file(conn: &Connection, path: &FilePath) -> Result<QuizFile, Vec<String>> {
    let quiz = file::load(path)?;
    store::save_quiz(conn, &quiz, now_unix())
        .map_err(|e| vec![format!("{}: cannot store the quiz: {e}", path.display())])?;
    Ok(quiz)
}

fn load_quiz(c: &Connection, id: &str) -> Result<QuizFile, Problem> {
    store::load_quiz(c, id)?.ok_or_else(quiz_not_found)
}

/// The caller's attempt `attempt` at quiz `quiz`: 404 `quiz_not_found` for an unknown quiz,
/// 404 `attempt_not_found` for an unknown attempt or someone else's.
fn find_attempt(
    c: &Connection,
    quiz: &str,
    attempt: &str,
    person: &str,
) -> Result<Attempt, Problem> {
    if !store::quiz_exists(c, quiz)? {
        return Err(quiz_not_found());
    }
    store::load_attempt(c, attempt)?
        .filter(|a| a.quiz == quiz && a.person == person)
        .ok_or_else(attempt_not_found)
}

/// When the person may start again after a failed attempt, if that is still in the future.
fn next_attempt_at(
    c: &Connection,
    quiz: &QuizFile,
    person: &str,
    now: i64,
) -> Result<Option<i64>, Problem> {
    if quiz.cooldown_minutes == 0 {
        return Ok(None);
    }
    let failed_at = store::last_failed_at(c, &quiz.id, person)?;
    let wait = i64::from(quiz.cooldown_minutes) * 60;
    Ok(failed_at.map(|at| at + wait).filter(|at| *at > now))
}

/// `status` of `quiz.get`: the person's progress at this quiz.
fn status_json(
    c: &Connection,
    quiz: &QuizFile,
    person: &str,
    lang: Lang,
) -> Result<Value, Problem> {
    let certificate = store::certificate(c, &quiz.id, person)?;
    let open = store::open_attempt(c, &quiz.id, person)?;
    let next = match open {
        Some(_) => None,
        None => next_attempt_at(c, quiz, person, now_unix())?,
    };
    Ok(json!({
        "passed": certificate.is_some(),
        "certificate": certificate.map(|cert| view::certificate_json(&cert, quiz, lang)),
        "attempts_used": store::attempts_used(c, &quiz.id, person)?,
        "next_attempt_at": next.map(rfc3339),
        "open_attempt": open.as_ref().map(view::attempt_json),
    }))
}

/// `GET /quizzes/{id}?lang=` (`quiz.get`): the quiz's rules and the caller's status, with the
/// open attempt (if any) so that a reload resumes it.
pub async fn get_quiz(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    let lang = web::lang_param(&Query::parse(raw.as_deref()))?;
    let person = auth.person_id;
    let body = st
        .db
        .read(move |conn| {
            // One read snapshot, so that the status parts agree.
            let c = &conn.unchecked_transaction()?;
            let quiz = load_quiz(c, &id)?;
            let status = status_json(c, &quiz, &person, lang)?;
            Ok(view::quiz_json(&quiz, lang, status))
        })
        .await?;
    Ok(web::json(StatusCode::OK, &body))
}

/// `POST /quizzes/{id}/attempts` `{ lang, extended_time }` (`quiz.start`): 201 with a new
/// attempt, or 200 with the open one (in `lang` if given). 409 `attempts_exhausted`, or 409
/// `cooldown` with `next_attempt_at` shortly after a failed attempt.
pub async fn start(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: JsonObject,
) -> Result<Response, Problem> {
    let input = input::start(&body.fields)?;
    let path = format!("/api/v1/quizzes/{id}/attempts");
    let w = web::write_req(
        &auth.person_id,
        &headers,
        Method::POST,
        path,
        Some(body.hash),
    )?;
    let quiz_id = id.clone();
    let written = idempotent_write(&st, w, move |tx, person| {
        let quiz = load_quiz(tx, &quiz_id)?;
        let now = now_unix();
        if let Some(mut open) = store::open_attempt(tx, &quiz.id, person)? {
            if let Some(lang) = input.lang.filter(|l| *l != open.lang) {
                store::set_lang(tx, &open.id, lang)?;
                open.lang = lang;
            }
            return Ok((StatusCode::OK, view::attempt_json(&open)));
        }
        if let Some(max) = quiz.max_attempts {
            if store::attempts_used(tx, &quiz.id, person)? >= max {
                return Err(web::attempts_exhausted(max));
            }
        }
        if next_attempt_at(tx, &quiz, person, now)?.is_some() {
            return Err(web::cooldown());
        }
        let lang = input.lang.unwrap_or(Lang::Es);
        let attempt = attempt::new(&quiz, person, lang, input.extended_time, now);
        store::insert_attempt(tx, &attempt)?;
        Ok((StatusCode::CREATED, view::attempt_json(&attempt)))
    })
    .await;
    match written {
        Err(p) if p.code == web::COOLDOWN => {
            // Nothing can end the cool-down early, so reading it again gives the same time.
            let person = auth.person_id;
            let at = st
                .db
                .read(move |c| next_attempt_at(c, &load_quiz(c, &id)?, &person, now_unix()))
                .await?;
            Ok(web::with_members(
                p,
                json!({ "next_attempt_at": at.map(rfc3339) }),
            ))
        }
        other => other,
    }
}

/// `PUT /quizzes/{id}/attempts/{attempt}/answers/{question}` `{ options }` (`quiz.answer`):
/// records (or changes) the answer; the first answer to a question opens the next one.
pub async fn answer(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path((id, attempt_id, question)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: JsonObject,
) -> Result<Response, Problem> {
    let sent = input::answer(&body.fields)?;
    let path = format!("/api/v1/quizzes/{id}/attempts/{attempt_id}/answers/{question}");
    let w = web::write_req(
        &auth.person_id,
        &headers,
        Method::PUT,
        path,
        Some(body.hash),
    )?;
    idempotent_write(&st, w, move |tx, person| {
        let mut attempt = find_attempt(tx, &id, &attempt_id, person)?;
        if attempt.submitted_at.is_some() {
            return Err(web::attempt_submitted());
        }
        let pos = attempt
            .position(&question)
            .ok_or_else(web::question_not_found)?;
        let change = attempt.answer(pos, &sent, now_unix())?;
        store::save_answer(tx, &attempt, &change)?;
        Ok((
            StatusCode::OK,
            json!({
                "question": question,
                // The answer is stored; whether it counts is `late`.
                "accepted": true,
                "late": change.late,
                "current": attempt.current(),
                "next": view::next_json(&attempt),
            }),
        ))
    })
    .await
}

/// `POST /quizzes/{id}/attempts/{attempt}/submit` (`quiz.submit`): scores the attempt, once.
/// The first pass issues the certificate; a failed attempt starts the cool-down.
pub async fn submit(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path((id, attempt_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let path = format!("/api/v1/quizzes/{id}/attempts/{attempt_id}/submit");
    let w = web::write_req(&auth.person_id, &headers, Method::POST, path, None)?;
    idempotent_write(&st, w, move |tx, person| {
        let attempt = find_attempt(tx, &id, &attempt_id, person)?;
        if attempt.submitted_at.is_some() {
            return Err(web::attempt_submitted());
        }
        let quiz = load_quiz(tx, &id)?;
        let now = now_unix();
        let score = attempt.score();
        store::finish_attempt(tx, &attempt.id, now, &score)?;
        if score.passed && !store::has_passed(tx, &quiz.id, person)? {
            store::issue_certificate(tx, &attempt, score.percent, now)?;
        }
        let certificate = store::certificate(tx, &quiz.id, person)?
            .map(|c| view::certificate_json(&c, &quiz, attempt.lang));
        // No attempt left: there is no next attempt to wait for.
        let used = store::attempts_used(tx, &quiz.id, person)?;
        let next = if quiz.max_attempts.is_some_and(|max| used >= max) {
            None
        } else {
            next_attempt_at(tx, &quiz, person, now)?
        };
        let result = view::result_json(&attempt, &quiz, &score, certificate, next);
        Ok((StatusCode::OK, result))
    })
    .await
}

/// `GET /quizzes/{id}/certificate?lang=` (`quiz.certificate`): 404 `no_certificate` until the
/// caller passes.
pub async fn certificate(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    let lang = web::lang_param(&Query::parse(raw.as_deref()))?;
    let person = auth.person_id;
    let body = st
        .db
        .read(move |c| {
            let quiz = load_quiz(c, &id)?;
            let cert = store::certificate(c, &quiz.id, &person)?.ok_or_else(web::no_certificate)?;
            Ok(view::certificate_json(&cert, &quiz, lang))
        })
        .await?;
    Ok(web::json(StatusCode::OK, &body))
}
