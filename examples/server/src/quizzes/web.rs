//! The problems the quiz API adds (codes from QUIZ_API.md), problems with extension members,
//! the `lang` parameter, plus the shared HTTP plumbing.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use crate::problem::{FieldError, Problem, PROBLEM_JSON};

pub use crate::http::*;

pub(crate) use crate::api::reject_identity_fields;

use super::file::Lang;

pub fn quiz_not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "quiz_not_found",
        "Quiz not found",
        "No quiz has this id.",
    )
}

pub fn attempt_not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "attempt_not_found",
        "Attempt not found",
        "You have no attempt with this id at this quiz.",
    )
}

/// Not in QUIZ_API.md's list: a question id that is not one of the attempt's.
pub fn question_not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "question_not_found",
        "Question not found",
        "This attempt has no question with this id.",
    )
}

pub fn question_not_open() -> Problem {
    Problem::new(
        StatusCode::CONFLICT,
        "question_not_open",
        "Question not open yet",
        "Questions open one at a time: answer the current question first.",
    )
}

/// Not in QUIZ_API.md's list: changing an answer after the question's deadline.
pub fn deadline_passed() -> Problem {
    Problem::new(
        StatusCode::CONFLICT,
        "deadline_passed",
        "Deadline passed",
        "The time for this question is over; its answer can no longer change.",
    )
}

pub fn attempt_submitted() -> Problem {
    Problem::new(
        StatusCode::CONFLICT,
        "attempt_submitted",
        "Attempt already submitted",
        "This attempt has been submitted; it takes no more answers.",
    )
}

pub fn attempts_exhausted(max: u32) -> Problem {
    Problem::new(
        StatusCode::CONFLICT,
        "attempts_exhausted",
        "No attempts left",
        format!("This quiz allows {max} attempts, and they have all been used."),
    )
}

pub const COOLDOWN: &str = "cooldown";

pub fn cooldown() -> Problem {
    Problem::new(
        StatusCode::CONFLICT,
        COOLDOWN,
        "Take a short break",
        "A new attempt can start after a short break; see next_attempt_at.",
    )
}

pub fn no_certificate() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "no_certificate",
        "No certificate yet",
        "You get the certificate of this quiz when you pass it.",
    )
}

pub const QUIZ_REQUIRED: &str = "quiz_required";

pub fn quiz_required() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        QUIZ_REQUIRED,
        "Quiz required",
        "Sharing for this campaign opens once you have passed its quiz; see quiz.",
    )
}

/// [`Problem`] has no room for extension members, so these answers are built here: the
/// problem document plus `members` (a JSON object), like `budget_exhausted` in the kudos API.
pub fn with_members(problem: Problem, members: Value) -> Response {
    let mut body: Map<String, Value> =
        serde_json::from_slice(&problem.body_json()).unwrap_or_default();
    if let Value::Object(members) = members {
        body.extend(members);
    }
    let mut res = (problem.status, Value::Object(body).to_string()).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for (k, v) in problem.headers {
        h.insert(k, v);
    }
    res
}

/// 403 `quiz_required` with the extension member `quiz` (the quiz id to pass).
pub fn quiz_required_response(problem: Problem, quiz: &str) -> Response {
    with_members(problem, json!({ "quiz": quiz }))
}

fn lang_unknown() -> Problem {
    Problem::field("lang", "lang_unknown", "lang must be es or en.")
}

/// `?lang=es|en`; not given: `es`.
pub fn lang_param(q: &Query) -> Result<Lang, Problem> {
    match q.get("lang") {
        None => Ok(Lang::Es),
        Some(s) => Lang::parse(s).ok_or_else(lang_unknown),
    }
}

/// `lang` in a body: `None` when not given (absent, null or empty).
pub fn lang_field(v: Option<&Value>) -> Result<Option<Lang>, FieldError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Lang::parse(s)
            .map(Some)
            .ok_or_else(|| FieldError::new("lang", "lang_unknown", "lang must be es or en.")),
        Some(_) => Err(FieldError::new(
            "lang",
            "lang_unknown",
            "lang must be the string es or en.",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_members_join_the_problem_document() {
        let res = quiz_required_response(quiz_required(), "guidelines");
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert_eq!(res.headers()[header::CONTENT_TYPE], PROBLEM_JSON);
        assert_eq!(
            lang_param(&Query::parse(Some("lang=en"))).unwrap(),
            Lang::En
        );
        assert_eq!(lang_param(&Query::parse(Some("lang="))).unwrap(), Lang::Es);
        assert!(lang_param(&Query::parse(Some("lang=fr"))).is_err());
        assert_eq!(lang_field(Some(&json!(""))).unwrap(), None);
        assert!(lang_field(Some(&json!(1))).is_err());
    }
}
