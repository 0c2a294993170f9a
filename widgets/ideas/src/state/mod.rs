//! The idea board's state, in three parts that the views read and call:
//!
//! - [`board`]: the board's rules and its list (filters, search, paging, polling, votes);
//! - [`composer`]: the new-idea form, its draft and the similar ideas;
//! - [`detail`]: the open idea (history, comments, editing, moderation).

pub mod board;
pub mod composer;
pub mod detail;

pub use board::{BoardState, Load, Screen};
pub use composer::ComposerState;
pub use detail::DetailState;

/// Characters as people count them (not bytes), after trimming, as the server counts them.
pub fn char_count(text: &str) -> usize {
    text.trim().chars().count()
}

/// Milliseconds since the epoch for an RFC 3339 date, in the browser (`None` natively).
pub fn date_ms(date: &str) -> Option<f64> {
    if cfg!(target_arch = "wasm32") {
        let ms = js_sys::Date::parse(date);
        (!ms.is_nan()).then_some(ms)
    } else {
        None
    }
}

pub fn now_ms() -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Date::now()
    } else {
        0.0
    }
}

/// Whether an `editable_until` date is still ahead.
pub fn still_editable(editable_until: Option<&str>) -> bool {
    editable_until
        .and_then(date_ms)
        .is_some_and(|until| until > now_ms())
}
