//! # eslabon
//!
//! The suite: one wasm module that registers every widget enabled by cargo features
//! (default: all). Built with `wasm-bindgen --target web`, it starts itself when
//! `eslabon.js` is imported, so a host page needs one `<script type="module">` tag.

use eslabon_kit::{docs::ElementDoc, WidgetSpec};
use wasm_bindgen::prelude::*;

/// The widgets in this build.
pub const WIDGETS: &[&WidgetSpec] = &[
    #[cfg(feature = "share")]
    &eslabon_share::SPEC,
    #[cfg(feature = "ideas")]
    &eslabon_ideas::SPEC,
    #[cfg(feature = "kudos")]
    &eslabon_kudos::SPEC,
    #[cfg(feature = "quiz")]
    &eslabon_quiz::SPEC,
];

/// Their public surface, from which `custom-elements.json` and `docs/elements.md` are
/// generated (by `tests/manifest.rs`). Nothing at run time reads it.
pub const DOCS: &[&ElementDoc] = &[
    #[cfg(feature = "share")]
    &eslabon_share::docs::DOCS,
    #[cfg(feature = "ideas")]
    &eslabon_ideas::docs::DOCS,
    #[cfg(feature = "kudos")]
    &eslabon_kudos::docs::DOCS,
    #[cfg(feature = "quiz")]
    &eslabon_quiz::docs::DOCS,
];

#[wasm_bindgen(start)]
pub fn start() {
    eslabon_kit::start(WIDGETS, env!("CARGO_PKG_VERSION"));
}
