//! The problems the kudos API adds (codes from KUDOS_API.md), plus the shared HTTP plumbing.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::db::rfc3339;
use crate::problem::{Problem, PROBLEM_JSON};

pub use crate::http::*;

pub fn board_not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "board_not_found",
        "Board not found",
        "No kudos board has this id.",
    )
}

pub fn kudos_not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "kudos_not_found",
        "Kudos not found",
        "No kudos with this id is visible to you.",
    )
}

pub fn not_giver() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "not_giver",
        "Not the giver",
        "Only the person who gave this kudos (or a moderator) may delete it.",
    )
}

pub fn delete_window_closed() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "delete_window_closed",
        "Delete window closed",
        "The time to delete this kudos has passed.",
    )
}

pub fn leaderboard_disabled() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "leaderboard_disabled",
        "Leaderboard disabled",
        "This kudos board has no leaderboard.",
    )
}

pub const BUDGET_EXHAUSTED: &str = "budget_exhausted";

pub fn budget_exhausted(count: u32, period: &str) -> Problem {
    Problem::new(
        StatusCode::CONFLICT,
        BUDGET_EXHAUSTED,
        "Kudos budget exhausted",
        format!("You have already given your {count} kudos of this {period}."),
    )
}

/// [`Problem`] has no room for extension members, so the `budget_exhausted` answer is built
/// here: the problem document plus `resets_at` (when the next period starts) and `remaining: 0`.
pub fn budget_exhausted_response(problem: Problem, resets_at: i64) -> Response {
    let mut body: Value =
        serde_json::from_slice(&problem.body_json()).unwrap_or_else(|_| json!({}));
    body["resets_at"] = json!(rfc3339(resets_at));
    body["remaining"] = json!(0);
    let mut res = (problem.status, body.to_string()).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_query_values_are_not_given() {
        let q = Query::parse(Some("value=&team=%20IT%20&value=teamwork&person="));
        assert_eq!(q.get("value"), Some("teamwork"));
        assert_eq!(q.get("team"), Some("IT"));
        assert_eq!(q.get("person"), None);
    }
}
