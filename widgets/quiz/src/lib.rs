//! # `<eslabon-quiz>`
//!
//! Training on the company's social-media guidelines instead of a ban: a quiz drawn, timed and
//! scored on the server, with feedback that links each answer to the guideline that explains
//! it, and a certificate for a pass. A passed quiz unlocks `<eslabon-share requires-quiz>`.
//!
//! - [`api`]: the quiz operations through `eslabon-client`;
//! - [`state`]: screens (start, question, review, result), choices, the timer, resume;
//! - `view/`: the visible parts.
//! - [`docs`]: its public surface (attributes, events, CSS parts), for the manifest and docs.
//!
//! Attribute: `quiz` (the quiz id on the backend).

pub mod api;
pub mod catalog;
pub mod docs;
pub mod state;
mod view;

use eslabon_kit::{Host, Widget, WidgetSpec};
use leptos::prelude::*;

/// The element's public description: tag, observed attributes, properties, styles.
pub static SPEC: WidgetSpec = WidgetSpec {
    tag: "eslabon-quiz",
    attributes: &["quiz"],
    properties: &["token"],
    css: include_str!("style.css"),
    render,
};

fn render(host: Host) -> AnyView {
    let widget = Widget::provide(host, catalog::CATALOG);
    view! { <view::QuizWidget widget=widget /> }.into_any()
}
