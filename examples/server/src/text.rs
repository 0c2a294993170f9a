//! The one rule for text people type: idea titles and descriptions, comments, status notes and
//! kudos messages (IDEAS_API.md and KUDOS_API.md, "Text fields").
//!
//! - Leading and trailing whitespace (Unicode `White_Space`, as `str::trim`) is removed; that is
//!   the only change the server makes. Everything else is stored exactly as sent.
//! - Lengths count Unicode scalar values (characters), after trimming.
//! - C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F) other than tab and newline are
//!   refused: nobody types them, and they corrupt terminals, logs and CSV exports.
//! - Everything else is accepted as typed: markup (`<script>` is text, rendered as text),
//!   right-to-left scripts, bidirectional marks, zero-width characters, combining marks, emoji.

use crate::problem::FieldError;

/// The stored form of `raw`: without leading and trailing whitespace.
pub fn normalize(raw: &str) -> &str {
    raw.trim()
}

/// Length as the limits count it: Unicode characters, not bytes or UTF-16 units.
pub fn length(text: &str) -> usize {
    text.chars().count()
}

/// A control character the server refuses: C0 or C1, except tab and newline.
pub fn is_refused_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// `invalid_characters` for `field` when `text` holds a refused control character.
pub fn check_characters(field: &str, text: &str) -> Option<FieldError> {
    text.chars().any(is_refused_control).then(|| {
        FieldError::new(
            field,
            "invalid_characters",
            "Control characters other than tab and newline are not allowed.",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_c0_and_c1_controls_other_than_tab_and_newline_are_refused() {
        for c in [
            '\u{0}', '\u{7}', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}',
        ] {
            assert!(is_refused_control(c), "{c:?}");
        }
        // Format characters (bidi, zero-width, BOM) and separators are text.
        for c in [
            '\t', '\n', '\u{200b}', '\u{200f}', '\u{202e}', '\u{2028}', '\u{feff}',
        ] {
            assert!(!is_refused_control(c), "{c:?}");
        }
        assert_eq!(normalize("\u{3000} a b\u{a0}\n"), "a b");
        assert_eq!(length("👩‍👩‍👧"), 5);
    }
}
