//! # `<eslabon-kudos>`
//!
//! Recognition that people see: colleagues thank each other publicly, tied to the company's
//! values. A giving budget keeps it fair; a leaderboard shows who is recognised and who is
//! generous, with a "near me" view so nobody only ever sees the top ten.
//!
//! - [`api`]: the kudos operations through `eslabon-client`;
//! - [`state`]: the wall (filters, paging, polling, reactions), the composer (people picker,
//!   values, budget, draft) and the leaderboard;
//! - `view/`: the visible parts.
//! - [`docs`]: its public surface (attributes, events, CSS parts), for the manifest and docs.
//!
//! Attributes: `board`; `person` (a profile wall: what that person received and gave);
//! `view` (`wall`, the default, or `leaderboard`).

pub mod api;
pub mod catalog;
pub mod docs;
pub mod state;
mod view;

use eslabon_kit::{Host, Widget, WidgetSpec};
use leptos::prelude::*;

/// The element's public description: tag, observed attributes, properties, styles.
pub static SPEC: WidgetSpec = WidgetSpec {
    tag: "eslabon-kudos",
    attributes: &["board", "person", "view"],
    properties: &["token"],
    css: include_str!("style.css"),
    render,
};

fn render(host: Host) -> AnyView {
    let widget = Widget::provide(host, catalog::CATALOG);
    view! { <view::KudosWidget widget=widget /> }.into_any()
}
