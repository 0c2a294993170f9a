//! The kudos widget's state, in three parts the views read and call:
//!
//! - [`wall`]: the board's setup and the wall (filters, paging, polling, reactions, delete);
//! - [`composer`]: the people picker, the message, the values, the budget and the draft;
//! - [`leaderboard`]: who is recognised and who is generous, top ten or near me.

pub mod composer;
pub mod leaderboard;
pub mod wall;

pub use composer::ComposerState;
pub use leaderboard::LeaderboardState;
pub use wall::{Load, WallState};

/// Characters as people count them, after trimming, as the server counts them.
pub fn char_count(text: &str) -> usize {
    text.trim().chars().count()
}
