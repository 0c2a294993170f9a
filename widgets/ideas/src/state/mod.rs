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

pub use eslabon_kit::time::still_open as still_editable;
