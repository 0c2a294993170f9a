//! The problems the idea API adds (codes from IDEAS_API.md), plus the shared HTTP plumbing.

use axum::http::StatusCode;

pub use crate::http::*;
use crate::problem::Problem;

pub(crate) use crate::api::reject_identity_fields;

// ---------------------------------------------------------------------------------------------
// Problems of the idea API (codes from IDEAS_API.md)

pub fn board_not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "board_not_found",
        "Board not found",
        "No idea board has this id.",
    )
}

pub fn idea_not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "idea_not_found",
        "Idea not found",
        "No idea with this id is visible to you.",
    )
}

pub fn idea_deleted() -> Problem {
    Problem::new(
        StatusCode::GONE,
        "idea_deleted",
        "Idea deleted",
        "This idea was deleted.",
    )
}

pub fn comment_not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "comment_not_found",
        "Comment not found",
        "No comment with this id is visible to you on this idea.",
    )
}

pub fn moderator_only() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "moderator_only",
        "Moderators only",
        "Only moderators may change statuses, hide or approve.",
    )
}

pub fn not_author() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "not_author",
        "Not the author",
        "Only the author may edit or delete this.",
    )
}

pub fn edit_window_closed() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "edit_window_closed",
        "Edit window closed",
        "The time to edit or delete this has passed.",
    )
}
